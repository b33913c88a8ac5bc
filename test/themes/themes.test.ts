import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { slug } from '../../src/render/view-model.js';
import { minifiedOf } from '../../src/render/theme.js';
import { fakeGitHub, type FakeGitHub } from '../fake-github.js';
import { bib } from '../helpers.js';
import { seedExampleImages } from '../example-site.js';

const ROOT = path.join(import.meta.dirname, '../..');
const BIB = path.join(ROOT, 'data/example/refs.bib');
const THEMES = ['default', 'minimal', 'cards'] as const;

/** Data URIs replaced by a short hash, so the golden file stays readable. */
const readable = (html: string) =>
  html
    // An animation as a stack of frames (enrich/sprite.ts) is an SVG around an AVIF in base64: its
    // markup stays readable, the AVIF inside it is hashed like the others (its %3D padding is not).
    .replace(/data:image\/(webp|avif|gif|png|jpeg);base64,[A-Za-z0-9+/=]+/g, (m, t) => `data:image/${t};sha256=${createHash('sha256').update(m).digest('hex').slice(0, 16)}`);

/** Star counts the fake GitHub serves, as in test/render/example-page.test.ts (so no build asks the real one). */
const STARS: Record<string, number> = {
  'LynnHo/Matrix-Calculus-Tutorial': 2100, 'VIPL-GENUN/Jodi': 180, 'xyfJASON/ctrlora': 240, 'Moreland-cas/Precise-NeRF': 12,
  'LynnHo/EigenGAN-Tensorflow': 330, 'LynnHo/AttGAN-Tensorflow': 610, 'LynnHo/PA-GAN-Tensorflow': 72, 'XuyangGuo/STD-GAN': 45,
};

/** Every entry of the example: its element id and its title as the page writes it. */
const ENTRIES = bib(readFileSync(BIB, 'utf8'), BIB).entries.map((e) => ({ key: e.key, id: `pub-${slug(e.key)}`, titleHtml: e.html.title }));

const SECTIONS = ['Tutorial', 'Selected Publications', 'Competitions', 'Education &amp; Experience', 'Honors &amp; Awards'];
const h2s = (html: string) => [...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
/** What a built-in theme inlines of its `name` (style.css, script.js): its minified copy. */
const asset = (theme: string, name: string) => {
  const file = (f: string) => readFileSync(path.join(ROOT, 'themes', theme, f), 'utf8');
  return minifiedOf(name, file(name), file(name.replace(/\.(css|js)$/, '.min.$1')));
};
const css = (theme: string) => asset(theme, 'style.css');
/** CSS as minified: no spaces, no quotes around attribute values. */
const squeeze = (s: string) => s.replace(/\s+|"/g, '');

let github: FakeGitHub;
const tmp = mkdtempSync(path.join(tmpdir(), 'sp-themes-'));
beforeAll(async () => {
  github = await fakeGitHub(STARS);
});
afterAll(async () => github?.close());

/** Builds with a fresh cache and the fake GitHub; returns the result and the page. */
async function buildWith(theme: string, bibFile = BIB, name = path.basename(theme)) {
  const out = path.join(tmp, `${name}.html`);
  seedExampleImages(path.join(tmp, `cache-${name}`)); // test/example-site.ts
  const r = await build({ bib: bibFile, theme, out, cwd: ROOT, githubApi: github.url, cacheDir: path.join(tmp, `cache-${name}`) });
  return { r, html: r.outFile ? readFileSync(r.outFile, 'utf8') : '' };
}

describe.each(THEMES)('the built-in theme "%s"', (theme) => {
  let r: Awaited<ReturnType<typeof build>>;
  let html = '';
  beforeAll(async () => {
    ({ r, html } = await buildWith(theme));
  });

  it('builds the example with no diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.entries).toBe(ENTRIES.length);
  });

  it('is self-contained: nothing loaded from the network', () => {
    expect(html).not.toMatch(/<(img|script|link|iframe|source)\b[^>]*\s(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
  });

  it('has the page head: title, description, Open Graph, favicon, JSON-LD, dark-mode script and toggle', () => {
    expect(html).toContain('<title>Zhenliang He (何振梁)</title>');
    expect(html).toMatch(/<meta name="description" content="[^"]+">/);
    expect(html).toContain('<meta property="og:title" content="Zhenliang He (何振梁)">');
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
    expect(html).toContain('<script type="application/ld+json">{"@context":"https://schema.org"');
    expect(html).toContain("localStorage.getItem('scholar-page-theme')");
    expect(count(html, /<button type="button" class="theme-toggle"/g)).toBe(1);
  });

  it('has the sections, every entry title, and both toggles per entry', () => {
    expect(h2s(html)).toEqual(SECTIONS);
    for (const e of ENTRIES) {
      expect(html, e.key).toContain(e.titleHtml);
      expect(count(html, new RegExp(` id="${e.id}"`, 'g')), e.key).toBe(1);
      expect(count(html, new RegExp(`<details class="toggle toggle-abstract" name="${e.id}">`, 'g')), e.key).toBe(1);
      expect(count(html, new RegExp(`<details class="toggle toggle-bibtex" name="${e.id}">`, 'g')), e.key).toBe(1);
    }
    expect(count(html, /<pre class="bibtex">/g)).toBe(ENTRIES.length);
    // The Copy BibTeX button is made by the script when a BibTeX toggle opens (test/browser checks it).
    expect(count(html, /class="copy-bibtex"/g)).toBe(0);
  });

  it('has light and dark schemes, a narrow layout, a print stylesheet and focus outlines', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    for (const s of ['[data-theme="dark"]', '@media (prefers-color-scheme: dark)', '@media (max-width: 640px)', '@media print', ':focus-visible']) {
      expect(squeeze(style), s).toContain(squeeze(s));
    }
  });

  if (theme !== 'default') {
    it('extends default: its CSS comes first, then the theme\'s, so the theme\'s rules win', () => {
      const base = html.indexOf(css('default'));
      expect(base).toBeGreaterThan(-1);
      expect(html.indexOf(css(theme))).toBeGreaterThan(base);
    });
  }

  it('matches its golden page', async () => {
    await expect(readable(html)).toMatchFileSnapshot(`../golden/theme-${theme}.html`);
  });
});

describe('minimal', () => {
  it('is text only: no image at all, and a year beside each entry of an ungrouped section', async () => {
    const { html } = await buildWith('minimal', BIB, 'minimal-text');
    expect(html).not.toMatch(/<img\b/);
    expect(html).not.toMatch(/data:image\/(webp|avif|gif|png|jpeg)/);
    expect(count(html, /<span class="entry-year">/g)).toBe(ENTRIES.length);
    expect(html).toContain('<span class="entry-year">2019</span>');
  });

  it('puts a year heading wherever the year changes in a grouped section, with a year index', async () => {
    // No profile: one "Publications" section grouped by year.
    const site = path.join(tmp, 'no-profile');
    mkdirSync(site);
    cpSync(BIB, path.join(site, 'refs.bib'));
    cpSync(path.join(ROOT, 'data/example/thumbnails'), path.join(site, 'thumbnails'), { recursive: true });
    cpSync(path.join(ROOT, 'data/example/projects'), path.join(site, 'projects'), { recursive: true });
    const { r, html } = await buildWith('minimal', path.join(site, 'refs.bib'), 'minimal-grouped');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['profile/missing']);
    const years = [...html.matchAll(/<h3 class="year" id="publications-(\d+)">([^<]+)<\/h3>/g)];
    expect(years.map((m) => m[2])).toEqual(['2025', '2021', '2020', '2019', 'Undated']);
    expect(years.map((m) => m[1])).toEqual(['0', '1', '2', '3', '4']);
    const nav = /<nav class="year-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    expect([...nav.matchAll(/href="#(publications-\d+)">([^<]+)</g)].map((m) => `${m[1]}:${m[2]}`)).toEqual([
      'publications-0:2025', 'publications-1:2021', 'publications-2:2020', 'publications-3:2019', 'publications-4:Undated',
    ]);
    expect(html).not.toContain('class="entry-year"');
    expect(count(html, /<li class="entry" id="pub-/g)).toBe(ENTRIES.length);
  });
});

describe('cards', () => {
  it('puts every entry in a card of the grid, thumbnail first', async () => {
    const { html } = await buildWith('cards', BIB, 'cards-grid');
    expect(html).toMatch(/\.cards\{[^}]*grid-template-columns:repeat\(auto-fill,minmax\(min\(260px,100%\),1fr\)\)/);
    const cards = html.split('<article class="card"').slice(1);
    expect(cards).toHaveLength(ENTRIES.length);
    for (const c of cards) expect(c).toMatch(/^ id="[^"]+" data-key="[^"]+" data-year="[^"]*">\s*<div class="card-thumb"><a [^>]*><img src="data:image\/((webp|avif|gif);base64,|svg\+xml,)/);
  });
});

describe('a user theme that overrides one partial', () => {
  let r: Awaited<ReturnType<typeof build>>;
  let html = '';
  beforeAll(async () => {
    const dir = path.join(tmp, 'mine');
    mkdirSync(path.join(dir, 'partials'), { recursive: true });
    writeFileSync(path.join(dir, 'theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    writeFileSync(path.join(dir, 'partials/publication.hbs'), '<article class="mine" id="{{id}}">{{{titleHtml}}}</article>\n');
    ({ r, html } = await buildWith(dir));
  });

  it('builds with no diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
  });

  it('uses the override for every entry', () => {
    expect(count(html, /<article class="mine"/g)).toBe(ENTRIES.length);
    expect(html).not.toContain('class="pub"');
    for (const e of ENTRIES) expect(html).toContain(`<article class="mine" id="${e.id}">${e.titleHtml}</article>`);
  });

  it('keeps everything else from default: header, sections, CSS and script', () => {
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<footer class="site-footer">');
    expect(h2s(html)).toEqual(SECTIONS);
    expect(html).toContain(css('default'));
    expect(html).toContain(asset('default', 'script.js'));
  });
});
