import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

/** Text as a reader sees it with the author list expanded (the page without JavaScript). */
const text = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

describe('owner, venue line and badges of real-world entries (fixtures/venue-owner)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-venue-owner-'));
  cpSync(path.join(import.meta.dirname, '../fixtures/venue-owner'), dir, { recursive: true });
  const r = await build({ bib: 'refs.bib', profile: 'profile.yaml', cwd: dir, out: 'index.html', offline: true });
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  const entry = (key: string): string => {
    const start = html.indexOf(`<article class="pub" id="pub-${key}"`);
    expect(start, key).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf('</article>', start));
  };
  const part = (key: string, cls: string): string => {
    const e = entry(key);
    const m = new RegExp(`<p class="${cls}">(.*?)</p>`, 's').exec(e);
    return m ? m[1] : '';
  };
  const owners = (key: string): string[] => [...part(key, 'pub-authors').matchAll(/<strong class="owner">(.*?)<\/strong>/g)].map((m) => m[1]);
  const badge = (key: string): string => text(part(key, 'pub-badges'));

  it('builds', () => {
    expect(r.errors).toBe(0);
  });

  it('bolds the owner through braces and font commands, and keeps the authors\' own emphasis', () => {
    expect(owners('braced')).toEqual(['Alisa Liu']);
    expect(owners('textbf')).toEqual(['<b>Alisa Liu</b>']);
    expect(owners('emph')).toEqual(['<em>Alisa Liu</em>']);
    expect(part('emph', 'pub-authors')).toContain('<b>Bob Smith</b>');
    expect(owners('bfgroup')).toEqual(['<b>Alisa Liu</b>']);
    expect(part('bfgroup', 'pub-authors')).toBe('<strong class="owner"><b>Alisa Liu</b></strong><sup class="mark">*</sup>, Bob Smith<sup class="mark">*</sup>');
    // "Liu, Alisa" in \textbf is her; "{Liu Lab}" is not.
    expect(owners('lastfirst')).toEqual(['<b>Liu, Alisa</b>']);
    expect(text(part('lastfirst', 'pub-authors'))).toBe('Liu, Alisa, Liu Lab');
  });

  it('keeps the owner visible in a collapsed author list', () => {
    const authors = part('longlist', 'pub-authors');
    expect(owners('longlist')).toEqual(['Alisa Liu']);
    // Three shown, the rest collapsible, the owner kept between two gaps shown only when collapsed.
    expect(authors).toContain('<span class="author-kept"><span class="author-gap" aria-hidden="true">…, </span><strong class="owner">Alisa Liu</strong>, <span class="author-gap" aria-hidden="true">… </span></span>');
    expect(authors).toContain('and 5 more</button>');
    // Expanded (or without JavaScript, or printed) the list reads in order, gaps hidden by CSS.
    expect(text(authors.replace(/<span class="author-gap"[^>]*>.*?<\/span>/g, '').replace(/<button.*<\/button>/, ''))).toBe(
      'Ann One, Ben Two, Cat Three, Dan Four, Eve Five, Fay Six, Alisa Liu, Gus Seven, Hal Eight',
    );
  });

  it('shows note, location, month and what the entry type calls for on the venue line', () => {
    expect(text(part('longlist', 'pub-venue'))).toBe('The Astrophysical Journal Letters, February 2025. Accepted as a spotlight presentation at the Workshop');
    expect(text(part('patent', 'pub-venue'))).toBe('May 2016. US Patent 9,342,746');
    expect(text(part('located', 'pub-venue'))).toBe('Proceedings of the 41st International Conference on Machine Learning, pp. 1–10, Vienna, Austria, July 2024');
    expect(text(part('edited', 'pub-venue'))).toBe('Lecture Notes in Computer Science, 2nd edition, Springer, Berlin');
    expect(text(part('chapter', 'pub-venue'))).toBe('The Handbook of Things, pp. 5–9, Elsevier');
    expect(text(part('thesis', 'pub-venue'))).toBe('PhD thesis, University of Washington, Seattle, WA, June 2023');
    expect(text(part('report', 'pub-venue'))).toBe('Technical Report TR-7, Allen Institute for AI');
    expect(text(part('online', 'pub-venue'))).toBe('Blog post, Medium');
  });

  it('shows the editors of an editor-only work as editors', () => {
    expect(text(part('edited', 'pub-authors'))).toBe('Ann One, Ben Two (Eds.)');
    expect(text(part('oneeditor', 'pub-authors'))).toBe('Alisa Liu (Ed.)');
    expect(owners('oneeditor')).toEqual(['Alisa Liu']);
  });

  it('gives the badges the venue says', () => {
    expect(badge('braced')).toBe('BlackboxNLP 2020');
    expect(badge('textbf')).toBe('IJCNN 2022');
    expect(badge('emph')).toBe('UAI Workshop 2022');
    expect(badge('bfgroup')).toBe('HCOMP 2019');
    expect(badge('lastfirst')).toBe('CHIIR 2021');
    expect(badge('longlist')).toBe('ApJL 2025');
    expect(badge('published')).toBe('');
    expect(badge('biorxiv')).toBe('bioRxiv 2024');
  });
});
