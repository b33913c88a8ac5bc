import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { fakeGitHub } from '../fake-github.js';

describe('an al-folio papers.bib builds unchanged', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-alfolio-'));
  cpSync(path.join(import.meta.dirname, '../fixtures/al-folio'), dir, { recursive: true });
  const github = await fakeGitHub({ 'example/engine': 1500 });
  const r = await build({ bib: '_bibliography/papers.bib', cwd: dir, out: 'index.html', githubApi: github.url });
  await github.close();
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  const start = html.indexOf('<article class="pub" id="pub-lovelace1843"');
  const lovelace = html.slice(start, html.indexOf('</article>', start));

  it('builds, with front matter, bare `selected = true` and a missing preview only warned about', () => {
    expect(r.errors).toBe(0);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['bib/missing-thumbnail', 'citations/inspire-unused', 'citations/third-party-field', 'citations/third-party-field', 'citations/third-party-field', 'profile/missing']);
    expect(r.diagnostics.find((d) => d.code === 'bib/missing-thumbnail')?.severity).toBe('warning');
  });

  it('uses abbr and award_name for the badge', () => {
    expect(lovelace).toContain('<span class="badge-venue">NOTES 1843</span><span class="badge-award">Best Paper</span>');
  });

  it('finds the preview in assets/img/publication_preview', () => {
    expect(lovelace).toMatch(/<img src="data:image\/(webp|avif);base64,/);
  });

  it('turns every al-folio link field into a link', () => {
    const labels = [...lovelace.matchAll(/class="pub-link" href="([^"]*)">([^<]+)</g)].map((m) => `${m[2]} ${m[1]}`);
    expect(labels).toEqual([
      'Paper https://example.org/notes.pdf',
      'Page https://example.org/notes.html',
      'Code https://github.com/example/engine',
      'Project https://example.org/engine',
      'Video https://example.org/engine.mp4',
      'Slides https://example.org/slides.pdf',
      'Poster https://example.org/poster.pdf',
      'Supplement https://example.org/supp.pdf',
      'Blog https://example.org/blog',
      'arXiv https://arxiv.org/abs/1234.56789',
      'DOI https://doi.org/10.1000/xyz123',
    ]);
  });

  it('shows the equal-contribution mark and a stars badge from the code URL', () => {
    expect(lovelace).toContain('Ada Lovelace<sup class="mark">*</sup>');
    expect(lovelace).toContain('href="https://github.com/example/engine" aria-label="Star 1.5k: example/engine on GitHub, 1500 stars"');
  });

  it('keeps al-folio\'s presentation fields out of the shown BibTeX', () => {
    const bibtex = lovelace
      .slice(lovelace.indexOf('<pre class="bibtex">'), lovelace.indexOf('</pre>'))
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    for (const f of ['abbr', 'bibtex_show', 'preview', 'selected', 'award', 'altmetric', 'dimensions', 'google_scholar_id', 'pdf =', 'html =', 'annotation', 'additional_info', 'abstract']) {
      expect(bibtex).not.toContain(f);
    }
    expect(bibtex).toContain('title = {Sketch of the {Analytical Engine}, with notes by the translator}');
    expect(bibtex).toContain('publisher = {American Physical Society,}');
  });
});
