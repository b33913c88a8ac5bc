import { describe, expect, it } from 'vitest';
import { escaped, whyNotEscaped } from '../../scripts/ascii-bundle.mjs';

const run = (code: string): unknown => new Function(`${code}\nreturn result;`)();

describe('the snapshot bundle in ASCII (scripts/ascii-bundle.mjs)', () => {
  it('escapes comments, strings and regex literals, and the code means the same', () => {
    const code = [
      '// a comment: § 2.2 — “quoted”',
      '/* a block comment: café */',
      'const marks = /([*†‡§¶#]+|\\^\\{?[*†‡§¶#]+\\}?)$/u;',
      'const sub = /^[₊₋₀₁ₐ]+$/;',
      'const astral = /^[😀]$/u;',
      'const result = [marks.exec("Smith†")[1], sub.test("₀₁"), astral.test("😀"), "café", `tpl ${"ü"}`.length];',
    ].join('\n');
    expect(whyNotEscaped(code)).toBeUndefined();
    const ascii = escaped(code);
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    expect(run(ascii)).toEqual(run(code));
    expect(run(code)).toEqual(['†', true, true, 'café', 5]);
  });

  it('leaves alone what an escape would change: a template\'s raw text, a backslash before it, white space, separators, names', () => {
    const cases = {
      'String.raw`é`': 'template',
      'const result = /\\é/.test("é");': 'backslash',
      'const result =\u00a01;': 'white space',
      '// a\u2028 comment\nconst result = 1;': 'separator',
      'const café = 1;': 'name',
    };
    for (const [code, kind] of Object.entries(cases)) expect(whyNotEscaped(code), code).toMatch(new RegExp(kind));
    // Each one would indeed change: the raw text, the match, or the code would not parse.
    expect(run(`const result = String.raw\`é\`;`)).not.toEqual(run(escaped('const result = String.raw`é`;')));
    expect(run('const result = /\\é/.test("é");')).not.toEqual(run(escaped('const result = /\\é/.test("é");')));
    expect(() => run(escaped('const result =\u00a01;'))).toThrow();
  });

  it('says so when the text does not parse', () => {
    expect(whyNotEscaped('const = "é";')).toMatch(/parse/);
  });
});
