import { describe, expect, it } from 'vitest';
import { sanitizeInline, sanitizeStrict } from '../../src/load/sanitize.js';

describe('sanitizeInline', () => {
  it('skips sanitize-html only where sanitize-html would change nothing: every code point but < > &', () => {
    let all = '';
    for (let c = 1; c <= 0xffff; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const ch = String.fromCharCode(c);
      if (!'<>&'.includes(ch)) all += `${ch}x`;
    }
    all += '\u{1F600} \r\n \t "quoted" it\'s';
    expect(sanitizeStrict(all)).toBe(all);
    expect(sanitizeInline(all)).toBe(all);
  });

  it('still sends markup through the allowlist', () => {
    expect(sanitizeInline('<i>ok</i><script>alert(1)</script><b onclick="x">b</b> & <')).toBe('<i>ok</i><b>b</b> &amp; &lt;');
  });
});
