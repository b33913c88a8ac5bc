import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { additionalInfoHtml } from '../../src/render/entry-extras.js';
import { entryHtml, siteCopy } from '../fixtures/extras/site.js';

const ANNOTATION =
  '<details class="annotation"><summary><span aria-hidden="true">ⓘ</span> Annotation</summary><div class="annotation-body">Equal contribution with <i>C. Babbage</i></div></details>';
const INFO = '<span class="additional-info">. <em>More Information</em> can be <a href="https://github.com/alshedivat/al-folio/">found here</a></span>';

describe.each(['default', 'cards', 'minimal'])('annotation and additional_info in the theme "%s"', (theme) => {
  let html = '';
  beforeAll(async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-extras-')), 'index.html');
    const r = await build({ cwd: siteCopy(), out, theme, offline: true });
    expect(r.errors).toBe(0);
    html = readFileSync(out, 'utf8');
  });

  it('shows the annotation behind a disclosure that needs no script', () => {
    expect(entryHtml(html, 'pub-annotated')).toContain(ANNOTATION);
    expect(entryHtml(html, 'pub-local')).not.toContain('class="annotation"');
  });

  it('shows additional_info as Markdown right after the venue, as al-folio does', () => {
    const venue = theme === 'minimal' ? 'span' : 'p';
    expect(entryHtml(html, 'pub-annotated')).toContain(`<${venue} class="pub-venue">Proceedings of the Analytical Engine Conference${INFO}</${venue}>`);
  });

  it('lets no markup of its own through either field', () => {
    const hostile = entryHtml(html, 'pub-hostile');
    expect(hostile).toContain(
      // Raw HTML goes through the allowlist, as in the profile's Markdown: a script is taken off whole.
      '<span class="additional-info">[bad](javascript:alert(1)) and <a href="https://example.org/a_b~c">good</a> &amp; more</span>',
    );
    const note = /<div class="annotation-body">([^]*?)<\/div><\/details>/.exec(hostile)?.[1];
    expect(note).toMatch(/note$/);
    expect(note).not.toMatch(/<img|<script/i);
  });
});

describe('additionalInfoHtml', () => {
  it('renders inline Markdown and keeps only allowlisted markup', () => {
    expect(additionalInfoHtml('{. *More* **info** `code`}')).toBe('. <em>More</em> <strong>info</strong> <code>code</code>');
    expect(additionalInfoHtml('see [the data](https://example.org/~x_y%20z)')).toBe('see <a href="https://example.org/~x_y%20z">the data</a>');
    expect(additionalInfoHtml('<b onclick="x()">bold</b> [x](javascript:alert(1)) [y](data:text/html,hi)')).toBe(
      '<b>bold</b> [x](javascript:alert(1)) [y](data:text/html,hi)',
    );
    // al-folio's markdownify keeps raw HTML; here it goes through the allowlist.
    expect(additionalInfoHtml('<a href="javascript:alert(1)">x</a> <a href="https://e.org/" onmouseover="y()">e</a> <iframe src="https://e.org"></iframe><script>z()</script><div>d</div>')).toBe(
      '<a>x</a> <a href="https://e.org/">e</a> d',
    );
  });

  it('reads LaTeX escapes of special characters as the characters, and drops protecting braces', () => {
    expect(additionalInfoHtml('R\\&D, 50\\% and {GPU} \\{kept\\}')).toBe('R&amp;D, 50% and GPU {kept}');
  });

  it('is absent for an empty field', () => {
    expect(additionalInfoHtml(undefined)).toBeNull();
    expect(additionalInfoHtml(' {} ')).toBeNull();
  });
});
