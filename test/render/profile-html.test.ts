import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { markdown } from '../../src/render/markdown.js';

// A bio pasted from academicpages (`_pages/about.md`), al-folio (`_pages/about.md`) or Hugo Blox
// (the author's `_index.md`) is full of raw HTML, which those sites render. It was shown as text
// (`<p class="paragraph">` on the page); it now goes through an allowlist (load/sanitize.ts).
const ABOUT = `# <i class="fa fa-cog"></i> Bio

I am a <b>PhD student</b> at <a href="https://uni.example.org" target="_blank" class="ext">Uni</a>.<br>
More in my <a href="/cv/">CV</a>. <span style="color:red">New:</span> <em>hiring</em>.

<div class="affil-card"><p class="paragraph">Lab of Vision</p></div>

<ul><li>one</li><li>two <sup>2</sup></li></ul>

<table><tr><th colspan="2" style="x">A</th></tr><tr><td>1</td><td>2</td></tr></table>`;

describe('raw HTML in the profile\'s Markdown', () => {
  it('keeps text markup, links, lists and tables, without classes, styles or targets', () => {
    expect(markdown(ABOUT)).toBe(
      '<h1><i></i> Bio</h1>\n' +
        '<p>I am a <b>PhD student</b> at <a href="https://uni.example.org">Uni</a>.<br />\n' +
        'More in my <a href="/cv/">CV</a>. <span>New:</span> <em>hiring</em>.</p>\n' +
        '<div><p>Lab of Vision</p></div>\n' +
        '<ul><li>one</li><li>two <sup>2</sup></li></ul>\n' +
        '<table><tr><th colspan="2">A</th></tr><tr><td>1</td><td>2</td></tr></table>',
    );
  });

  it('takes off scripts, styles, frames, forms and handlers whole, links outside the policy, and images that are not data: URIs', () => {
    const html = markdown(
      '<script>alert(1)</script><style>p{}</style><iframe src="https://e.org"></iframe><form><input name="q"></form>' +
        '<a href="javascript:alert(1)" onclick="x()">a</a> <a href="//e.org/x">b</a> <img src="me.jpg" alt="me"> <img src="https://e.org/t.png">' +
        ' <img src="data:image/png;base64,iVBORw0KGgo=" onerror="x()" width="3" alt="ok"> <b onmouseover="y()">c</b>',
    );
    // A text that starts with <script> is one HTML block (CommonMark): no paragraph around it.
    expect(html).toBe('<a>a</a> <a>b</a>   <img src="data:image/png;base64,iVBORw0KGgo=" width="3" alt="ok" /> <b>c</b>');
  });

  it('is what markdown-it alone writes when the text has no "<" (no sanitizer then)', () => {
    const plain = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
    for (const text of ['**a** & b > c', '# T\n\n- [x](https://e.org/a_b) `code & <x>`\n\n```\n<not html>\n```', 'a &lt; b &amp;amp; "q" \'s\'']) {
      expect(markdown(text)).toBe(plain.render(text));
    }
  });

  it('validate names each tag left off, at its first line; an imported about page builds with its markup', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-profile-html-'));
    const bio = `${ABOUT}\n\n<iframe src="https://www.youtube.com/embed/x"></iframe> and <img src="images/me.jpg">\n<script>track()</script>\n\nWe show that a<b and c>d holds.`;
    writeFileSync(path.join(dir, 'profile.yaml'), `name: Ada Lovelace\nbibliography: refs.bib\nbio: |-\n${bio.split('\n').map((l) => (l ? `  ${l}` : '')).join('\n')}\n`);
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={A}, author={Lovelace, Ada}, year=2020}\n');
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message.split(';')[0]}`)).toEqual([
      // The bio's first line is line 4; in a block scalar a line is named, not a column.
      '15:1 warning profile/html-dropped bio: <iframe> is left off the page, with its content',
      '15:1 warning profile/html-dropped bio: <img> is left off the page',
      '16:1 warning profile/html-dropped bio: <script> is left off the page, with its content',
      '18:1 warning profile/html-dropped bio: "<b and c>" is read as an HTML tag <b>, and the words "and", "c" are left off the page',
    ]);
    const page = readFileSync(r.outFile!, 'utf8');
    expect(page).toContain('<p>I am a <b>PhD student</b> at <a href="https://uni.example.org">Uni</a>.<br />');
    expect(page).toContain('<div><p>Lab of Vision</p></div>');
    expect(page).not.toMatch(/&lt;(p|a|div|b|br)\b|youtube|track\(\)|images\/me/);
  });
});
