import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { htmlErrors } from '../browser/checks.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/paper-pages');
const PDF = path.join(FIXTURE, 'assets/pdf/smith.pdf');

/** Builds a fresh copy of the fixture (its cache is written beside the profile) into a fresh folder. */
async function buildSite(opts: { paperPages?: boolean; theme?: string; profile?: (text: string) => string } = {}) {
  const site = mkdtempSync(path.join(tmpdir(), 'sp-papers-site-'));
  cpSync(FIXTURE, site, { recursive: true });
  if (opts.profile) writeFileSync(path.join(site, 'profile.yaml'), opts.profile(readFileSync(path.join(site, 'profile.yaml'), 'utf8')));
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-papers-out-')), 'index.html');
  const r = await build({ cwd: site, out, offline: true, paperPages: opts.paperPages, theme: opts.theme });
  const papers = path.join(path.dirname(out), 'papers');
  const files = existsSync(papers) ? readdirSync(papers).sort() : [];
  const page = (name: string) => readFileSync(path.join(papers, name), 'utf8');
  return { r, out, papers, files, page, main: existsSync(out) ? readFileSync(out, 'utf8') : '' };
}

/** What a browser would read from a page: the citation_* tags, the title, the scripts, the links. */
function parse(html: string) {
  const meta: string[] = [];
  const hrefs: string[] = [];
  let scripts = 0;
  let title = '';
  let inTitle = false;
  new Parser({
    onopentag(name, attrs) {
      if (name === 'meta' && attrs.name?.startsWith('citation_')) meta.push(`${attrs.name}: ${attrs.content}`);
      if (name === 'a' && attrs.href !== undefined) hrefs.push(attrs.href);
      if (name === 'script') scripts++;
      if (name === 'title') inTitle = true;
    },
    ontext(t) {
      if (inTitle) title += t;
    },
    onclosetag(name) {
      if (name === 'title') inTitle = false;
    },
  }, { decodeEntities: true }).end(html);
  return { meta, hrefs, scripts, title };
}

/** The tags each page must carry, written from the fixture's refs.bib. */
const EXPECTED: Record<string, string[]> = {
  'smith2020.html': [
    'citation_title: Deep Things in BibTeX', 'citation_author: Smith, Jane', 'citation_author: Doe, John', 'citation_author: Müller, Jörg',
    'citation_publication_date: 2020/05/07', 'citation_journal_title: Journal of Things', 'citation_volume: 12', 'citation_issue: 3',
    'citation_firstpage: 101', 'citation_lastpage: 119', 'citation_issn: 1234-5678', 'citation_doi: 10.1234/abc.def',
    'citation_pdf_url: https://jane.example.org/~smith/papers/smith2020.pdf',
  ],
  'conf21.html': [
    'citation_title: A Conference Paper', 'citation_author: Smith, Jane', 'citation_author: Roe, Richard', 'citation_publication_date: 2021',
    'citation_conference_title: Proceedings of the Conference on Stuff (CoS)', 'citation_firstpage: 5', 'citation_lastpage: 9',
  ],
  'arx22.html': ['citation_title: An arXiv Preprint', 'citation_author: Smith, Jane', 'citation_publication_date: 2022'],
  'evil-key.html': ['citation_title: </title><script>alert(1)</script> "quoted" & more', 'citation_author: Smith, Jane', 'citation_author: Bold Consortium', 'citation_publication_date: 2023'],
};
const CASES = ['case2020-40ee76fa.html', 'case2020-84dfd947.html'];

describe('paper pages (--paper-pages, profile paper_pages)', () => {
  it('are off by default: no papers/ folder, and the page links to none', async () => {
    const { r, out, main } = await buildSite();
    expect(r.errors).toBe(0);
    expect(existsSync(path.join(path.dirname(out), 'papers'))).toBe(false);
    expect(main).not.toContain('papers/');
    expect(main).not.toContain('pub-page-link');
  });

  it.each(['default', 'cards', 'minimal'])('%s: one valid page per shown entry, with the tags of its .bib entry, and "Details" links that resolve', async (theme) => {
    const { r, out, files, page, main } = await buildSite({ paperPages: true, theme });
    expect(r.diagnostics).toEqual([]);
    // One per shown entry (hidden2019 is left out by the section), named by its unique id; the PDF copied beside its page.
    expect(files).toEqual(['.scholar-page.json', 'arx22.html', ...CASES, 'conf21.html', 'evil-key.html', 'smith2020.html', 'smith2020.pdf'].sort());
    expect(readFileSync(path.join(path.dirname(out), 'papers/smith2020.pdf'))).toEqual(readFileSync(PDF));
    for (const [name, tags] of Object.entries(EXPECTED)) expect(parse(page(name)).meta, name).toEqual(tags);
    expect(CASES.map((f) => parse(page(f)).meta[0]).sort()).toEqual(['citation_title: Lower Case Key', 'citation_title: Upper Case Key']);
    for (const f of files.filter((n) => n.endsWith('.html'))) {
      // Every rule of the page's configuration but long-title (over 70 characters): a paper page's
      // <title> is the paper's whole title, as a tab, a bookmark and a search result should show it.
      expect((await htmlErrors(page(f))).filter((e) => !e.startsWith('long-title:')), `${theme} ${f}`).toEqual([]);
      // Self-contained: its own CSS and script inline, nothing loaded; every relative link is a file.
      expect(page(f)).toMatch(/<style>:root ?\{/);
      expect(page(f)).not.toMatch(/<link rel="stylesheet"|<script src=|<img src="(?!data:)/);
      for (const href of parse(page(f)).hrefs.filter((h) => !/^(https?:|mailto:|#)/.test(h))) {
        expect(existsSync(path.join(path.dirname(out), 'papers', decodeURIComponent(href.split(/[?#]/)[0]))), `${f} → ${href}`).toBe(true);
      }
    }
    expect(parse(page('smith2020.html')).hrefs).toEqual(expect.arrayContaining(['../index.html', '../assets/pdf/smith.pdf', 'https://doi.org/10.1234/abc.def']));
    // The page's entries link to their pages, each to a file that exists.
    const details = [...main.matchAll(/<a class="pub-link pub-page-link" href="([^"]+)">Details<\/a>/g)].map((m) => m[1]);
    expect(details.sort()).toEqual(files.filter((n) => n.endsWith('.html')).map((n) => `papers/${n}`).sort());
    for (const d of details) expect(existsSync(path.join(path.dirname(out), d))).toBe(true);
  });

  it('escape what the .bib holds: a hostile title is text in <title> and in the tags, and adds no script', async () => {
    const { page } = await buildSite({ paperPages: true });
    const evil = parse(page('evil-key.html'));
    expect(evil.title).toBe('</title><script>alert(1)</script> "quoted" & more – Jane Smith');
    expect(evil.scripts).toBe(parse(page('arx22.html')).scripts); // the theme's own: dark-mode, JSON-LD, page script
    expect(page('evil-key.html')).not.toContain('<script>alert');
    expect(page('evil-key.html')).toContain('content="&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more"');
  });

  it('without site_url: no citation_pdf_url and no PDF copy, and one note that says why', async () => {
    const { r, files, page } = await buildSite({ paperPages: true, profile: (t) => t.replace(/^site_url:.*\n/m, '') });
    expect(r.errors).toBe(0);
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity} ${d.code}`)).toEqual(['profile.yaml:0: info profile/no-site-url']);
    expect(r.diagnostics[0].message).toMatch(/^1 paper page has a PDF of the site but no citation_pdf_url/);
    expect(files).not.toContain('smith2020.pdf');
    expect(parse(page('smith2020.html')).meta).toEqual(EXPECTED['smith2020.html'].slice(0, -1));
    expect(page('smith2020.html')).not.toContain('rel="canonical"');
  });

  it('the profile turns them on; --no-paper-pages (paperPages: false) wins over it', async () => {
    const on = (t: string) => `${t}paper_pages: true\n`;
    expect((await buildSite({ profile: on })).files).toContain('smith2020.html');
    expect((await buildSite({ profile: on, paperPages: false })).files).toEqual([]);
  });

  it('in one process (as watch builds), turning them on and off changes the "Details" links each time', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'sp-papers-again-'));
    cpSync(FIXTURE, site, { recursive: true });
    const out = path.join(site, 'dist/index.html');
    const details = async (paperPages: boolean) => {
      expect((await build({ cwd: site, out, offline: true, paperPages })).errors).toBe(0);
      return (readFileSync(out, 'utf8').match(/pub-page-link/g) ?? []).length;
    };
    expect([await details(false), await details(true), await details(false)]).toEqual([0, 6, 0]);
  });

  it('are the same bytes in every build of the same inputs', async () => {
    const a = await buildSite({ paperPages: true });
    const b = await buildSite({ paperPages: true });
    expect(b.files).toEqual(a.files);
    for (const f of a.files) expect(readFileSync(path.join(b.papers, f)), f).toEqual(readFileSync(path.join(a.papers, f)));
  });

  it('a theme without paper.hbs is an error, and nothing is written', async () => {
    const theme = mkdtempSync(path.join(tmpdir(), 'sp-papers-theme-'));
    writeFileSync(path.join(theme, 'theme.json'), '{"name": "bare"}');
    writeFileSync(path.join(theme, 'page.hbs'), '<!DOCTYPE html><title>{{meta.title}}</title>');
    const { r, out } = await buildSite({ paperPages: true, theme });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['theme/missing-template']);
    expect(existsSync(path.dirname(out)) ? readdirSync(path.dirname(out)) : []).toEqual([]);
    rmSync(theme, { recursive: true });
  });
});
