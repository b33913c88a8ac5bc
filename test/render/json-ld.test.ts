import { describe, expect, it } from 'vitest';
import { scriptJson } from '../../src/render/json-ld.js';

describe('scriptJson', () => {
  it('escapes what could end a script element or a line, and still parses back to the value', () => {
    const value = { name: 'A </script><script>alert(1)</script> & B > C', sep: 'x\u2028y\u2029z', list: ['<!--', '&amp;'] };
    const out = scriptJson(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out).toContain('\\u003c/script\\u003e');
    expect(out).toContain('\\u0026');
    expect(out).toContain('x\\u2028y\\u2029z');
    expect(JSON.parse(out)).toEqual(value);
  });

  it('leaves JSON with nothing to escape as JSON.stringify wrote it', () => {
    const value = { '@type': 'ScholarlyArticle', name: 'Ünïcode “quotes” and \\ backslash' };
    expect(scriptJson(value)).toBe(JSON.stringify(value));
  });
});
