import { describe, expect, it } from 'vitest';
import { escapeText, htmlToText, htmlToTextStrict, sanitizeInline, sanitizeStrict } from '../../src/load/sanitize.js';
import { DomUtils, parseDocument } from 'htmlparser2';

/** Every BMP code point but the surrogates and `except`, each followed by an "x". */
function everyCodePointBut(except: string): string {
  let all = '';
  for (let c = 1; c <= 0xffff; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    const ch = String.fromCharCode(c);
    if (!except.includes(ch)) all += `${ch}x`;
  }
  return all;
}

describe('sanitizeInline', () => {
  it('skips sanitize-html only where sanitize-html would change nothing: every code point but < > &', () => {
    const all = everyCodePointBut('<>&') + '\u{1F600} \r\n \t "quoted" it\'s';
    expect(sanitizeStrict(all)).toBe(all);
    expect(sanitizeInline(all)).toBe(all);
  });

  it('still sends markup through the allowlist', () => {
    expect(sanitizeInline('<i>ok</i><script>alert(1)</script><b onclick="x">b</b> & <')).toBe('<i>ok</i><b>b</b> &amp; &lt;');
  });
});

describe('htmlToText', () => {
  it('gives sanitize-html\'s text where it skips it: no tag, only the entities our escaping writes', () => {
    const samples = [everyCodePointBut('<&'), 'A &amp; B', 'x &lt;y&gt; &quot;q&quot; &#39;a&#39; &#x27;', '&amp;amp;', 'bare & sign', 'a > b'];
    for (const s of samples) expect(htmlToText(s), s.slice(0, 20)).toBe(htmlToTextStrict(s));
  });

  it('a line break is a space in text (a meta description, the search text)', () => {
    expect(htmlToText('one<br />two')).toBe('one two');
    expect(htmlToText('<i>one</i><br />two')).toBe('one two');
  });

  it('still parses tags and other entities', () => {
    expect(htmlToText('<i>a</i> &copy; &eacute;')).toBe('a © é');
    expect(htmlToText('<script>x</script>y')).toBe('y');
  });
});

describe('escapeText', () => {
  it('escapes what starts markup or an entity, not quotes: parsed as element content, it is the text again', () => {
    const text = `@misc{k,\n  title = "A <b>b</b> </pre><script>alert(1)</script> &amp; & ä \u{1F600} {\\"o}",\n  note = {'a' \`b\` = c > d}\n}`;
    const escaped = escapeText(text);
    expect(escaped).not.toMatch(/<|&(?!amp;|lt;|gt;)/);
    expect(escaped).toContain('title = "A &lt;b&gt;');
    expect(escaped).toContain("{'a' `b` = c &gt; d}");
    expect(DomUtils.textContent(parseDocument(`<pre>${escaped}</pre>`, { decodeEntities: true }))).toBe(text);
  });
});
