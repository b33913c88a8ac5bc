import { describe, expect, it } from 'vitest';
import { bib } from '../helpers.js';

const errors = (text: string) => bib(text).diagnostics.filter((d) => d.severity === 'error');

describe('syntax errors point where the fix goes', () => {
  it('an unclosed brace is reported at the brace, not where the parser gave up', () => {
    const d = errors(`@article{a,
  title = {T},
  author = {Kahneman, D. and Beatty, J.,
  year = {1966},
  journal = {Science},
}

@article{b,
  title = {U}, author = {X, Y}, journal = {J}, year = {2000}
}
`);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'bib/syntax', line: 3, column: 12 });
    expect(d[0].message).toContain('field "author" is never closed');
    expect(d[0].related).toMatchObject({ line: 8, column: 1 });
  });

  it('in the last entry, where the parser meets the end of the file: at the brace, or at the entry left open', () => {
    const field = errors('@misc{a, title = {A}}\n\n@article{b,\n  title = {Unclosed,\n  year = 2021\n}\n');
    expect(field).toHaveLength(1);
    expect(field[0]).toMatchObject({ code: 'bib/syntax', line: 4, column: 11 });
    expect(field[0].message).toContain('field "title" is never closed');
    const entry = errors('@misc{a, title = {A}}\n\n@article{b,\n  title = {Fine},\n  year = 2021\n\n');
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ code: 'bib/syntax', line: 3, column: 1 });
    expect(entry[0].message).toBe('syntax error: the entry "b" is never closed');
    expect(entry[0].related?.line).toBe(7);
  });

  it('a missing comma is reported at the next field, with a hint', () => {
    const d = errors('@article{a,\n  volume = {29}\n  pages = {1--2},\n  title = {T}\n}\n');
    expect(d[0]).toMatchObject({ code: 'bib/syntax', line: 3, column: 3 });
    expect(d[0].hint).toMatch(/comma/);
  });

  it('every error is reported, not just the first', () => {
    const d = errors('@article{a,\n  title {T}\n}\n\n@article{b,\n  title = {U}\n  year = {1}\n}\n@article{c, title={ok}}\n');
    expect(d.map((x) => x.line)).toEqual([2, 7]);
  });

  it('a field given twice is a warning at the second (as in BibTeX), pointing back at the first, whose value is kept', () => {
    const r = bib('@article{a,\n  title = {T},\n  author = {X, Y},\n  Title = {Again}\n}\n');
    const d = r.diagnostics.filter((x) => x.code !== 'bib/missing-field');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'bib/duplicate-field', severity: 'warning', line: 4, column: 3 });
    expect(r.entries[0].html.title).toBe('T');
    expect(d[0].related).toMatchObject({ line: 2, column: 3 });
  });
});
