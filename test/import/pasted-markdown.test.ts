import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { markdown, markdownImages, stripComments } from '../../src/render/markdown.js';
import { checkProfileMarkdown } from '../../src/validate/profile-markdown.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { Profile } from '../../src/model/profile.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/import/pasted-bio');

describe('Markdown pasted from a Jekyll site, without import', () => {
  it('validate warns about kramdown and Liquid syntax, and notes HTML comments, each at its line', () => {
    const r = cli(['validate', '--format', 'json'], { cwd: FIXTURE });
    const found = (JSON.parse(r.stdout).diagnostics as { code: string; line: number; severity: string; message: string }[]).map((d) => `${d.line} ${d.severity} ${d.code} ${d.message.split(' (')[0]}`);
    expect(found).toEqual([
      '5 warning profile/jekyll-syntax bio: kramdown syntax',
      '7 info profile/html-comment bio: an HTML comment; it is left off the page',
      '8 warning profile/jekyll-syntax bio: a Liquid tag',
      '8 warning profile/jekyll-syntax bio: Liquid output',
      '12 info profile/html-comment sections.0.markdown: an HTML comment; it is left off the page',
    ]);
    expect(r.code).toBe(0);
  });

  it('HTML comments never reach the page; an unclosed one is text', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-pasted-')), 'site');
    cpSync(FIXTURE, out, { recursive: true });
    expect(cli(['build', '--offline'], { cwd: out }).code).toBe(0);
    const html = readFileSync(path.join(out, 'dist/index.html'), 'utf8');
    expect(html).not.toContain('commented out');
    expect(html).not.toContain('secret');
    expect(html).toContain('a prize</li>');
    expect(html).toContain('An open &lt;!-- stays as text.');
  });

  it('stripComments keeps the line numbers, so images below a comment are found at their line', () => {
    const text = 'a\n<!-- one\ntwo -->\n![x](pic.png)\n<!-- open';
    expect(stripComments(text)).toBe('a\n\n\n![x](pic.png)\n<!-- open');
    expect(markdownImages(text)).toEqual([{ src: 'pic.png', line: 3 }]);
    expect(markdownImages('<!-- ![y](gone.png) -->')).toEqual([]);
  });

  it('a comment in a code span or a fenced code block is code: shown as written, not noted', () => {
    const text = [
      'Write `<!-- hidden -->` to hide a line, or ``a `<!-- x -->` b``.',
      '',
      '```html',
      '<!-- kept in the fence -->',
      '```',
      '',
      '~~~~',
      '<!-- kept too -->',
      '~~~~',
      'A lone ` then <!-- gone --> then text.',
      '',
      'One `open span',
      '',
      'and <!-- gone too --> past a blank line.',
    ].join('\n');
    const html = markdown(text);
    expect(html).toContain('<code>&lt;!-- hidden --&gt;</code>');
    expect(html).toContain('<code>a `&lt;!-- x --&gt;` b</code>');
    expect(html).toContain('&lt;!-- kept in the fence --&gt;');
    expect(html).toContain('&lt;!-- kept too --&gt;');
    expect(html).not.toMatch(/gone/);
    expect(stripComments(text).split('\n')).toHaveLength(text.split('\n').length);
    const found: Diagnostic[] = [];
    const report = { info: (_f: string, pos: { line: number }, d: { code: string }) => found.push({ ...d, line: pos.line } as unknown as Diagnostic), warn: () => {}, error: () => {} };
    checkProfileMarkdown({ bio: text } as Profile, 'profile.yaml', () => ({ line: 1, column: 1 }), report as never);
    expect(found.map((d) => `${d.line} ${d.code}`)).toEqual(['11 profile/html-comment', '15 profile/html-comment']);
  });
});
