import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { entryHtml, read, siteCopy, tree } from '../fixtures/extras/site.js';

const hrefs = (html: string) => [...html.matchAll(/<a class="pub-link" href="([^"]*)">([^<]*)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

/** Builds the fixture site (or a changed copy of it) into a fresh output folder. */
async function buildSite(change?: (site: string) => void, more: { strict?: boolean; out?: string } = {}) {
  const site = siteCopy();
  change?.(site);
  const out = more.out ?? path.join(mkdtempSync(path.join(tmpdir(), 'sp-extras-out-')), 'index.html');
  const r = await build({ cwd: site, out, offline: true, strict: more.strict });
  return { site, out, outDir: path.dirname(out), r, html: existsSync(out) ? read(out) : '' };
}

describe('relative links of entries and the profile', () => {
  it('resolve as al-folio resolves them, else relative to the .bib, and the files are copied beside the page', async () => {
    const { site, outDir, r, html } = await buildSite();
    expect(r.errors).toBe(0);
    expect(hrefs(entryHtml(html, 'pub-annotated'))).toEqual([
      'Paper assets/pdf/paper.pdf', 'Supplement assets/pdf/supp.pdf#page&#x3D;2', 'Page assets/html/page.html',
    ]);
    // The title points at the project page, resolved like the link.
    expect(entryHtml(html, 'pub-annotated')).toContain('<h3 class="pub-title"><a href="assets/html/page.html">An Annotated Paper</a></h3>');
    expect(hrefs(entryHtml(html, 'pub-local'))).toEqual([
      'Paper _bibliography/papers/local.pdf', 'Slides _bibliography/missing-slides.pdf', 'Poster https://example.org/poster.pdf',
    ]);
    // The profile's CV is a file of the site too.
    expect(html).toMatch(/<li><a href="cv\.pdf"><svg[^]*?<\/svg><span>CV<\/span><\/a><\/li>/);
    expect(tree(outDir)).toEqual(['_bibliography/papers/local.pdf', 'assets/html/page.html', 'assets/pdf/paper.pdf', 'assets/pdf/supp.pdf', 'cv.pdf', 'index.html']);
    for (const f of ['_bibliography/papers/local.pdf', 'assets/pdf/paper.pdf', 'cv.pdf']) {
      expect(readFileSync(path.join(outDir, f))).toEqual(readFileSync(path.join(site, f)));
    }
  });

  it('warns about a link to a missing file at the field, and fails under --strict without writing anything', async () => {
    const { r } = await buildSite();
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}`)).toEqual([
      '_bibliography/papers.bib:19:3: warning link/missing-file',
    ]);
    expect(r.diagnostics[0].message).toBe(
      'slides "missing-slides.pdf" of entry "local": file not found (looked for assets/pdf/missing-slides.pdf, _bibliography/missing-slides.pdf, in the site folder); the link will not work',
    );
    const strict = await buildSite(undefined, { strict: true });
    expect(strict.r.errors).toBe(1);
    expect(strict.r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'link/missing-file', line: 19, column: 3 });
    expect(existsSync(strict.outDir) ? tree(strict.outDir) : []).toEqual([]);
  });

  it('prefers al-folio\'s assets/pdf/ to the file beside the .bib, and reads a leading / as the site folder', async () => {
    const { r, html } = await buildSite((site) => {
      writeFileSync(path.join(site, '_bibliography/paper.pdf'), 'beside the bib');
      writeFileSync(path.join(site, '_bibliography/papers.bib'), read(path.join(site, '_bibliography/papers.bib')).replace('pdf = {papers/local.pdf}', 'pdf = {/assets/pdf/paper.pdf?v=2}'));
    });
    expect(r.errors).toBe(0);
    expect(hrefs(entryHtml(html, 'pub-annotated'))[0]).toBe('Paper assets/pdf/paper.pdf');
    expect(hrefs(entryHtml(html, 'pub-local'))[0]).toBe('Paper assets/pdf/paper.pdf?v&#x3D;2');
  });

  it('refuses a link out of the site folder, also through a symlink, and builds nothing', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sp-outside-'));
    writeFileSync(path.join(outside, 'secret.pdf'), 'secret');
    const { r, outDir } = await buildSite((site) => {
      symlinkSync(path.join(outside, 'secret.pdf'), path.join(site, 'assets/pdf/link.pdf'));
      const bib = path.join(site, '_bibliography/papers.bib');
      writeFileSync(bib, read(bib).replace('supp = {supp.pdf#page=2}', 'supp = {link.pdf}').replace('slides = {missing-slides.pdf}', `slides = {../../${path.basename(outside)}/secret.pdf}`));
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([
      '9:3 path/outside-root: supp "link.pdf" of entry "annotated": "link.pdf" is a link that points outside the site folder; the link is left off the page',
      `19:3 path/outside-root: slides "../../${path.basename(outside)}/secret.pdf" of entry "local": "../../${path.basename(outside)}/secret.pdf" resolves outside the site folder; the link is left off the page`,
    ]);
    expect(existsSync(outDir) ? tree(outDir) : []).toEqual([]);
  });

  it('never writes through a symlinked folder of the output out of it', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sp-outside-'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'sp-extras-out-'));
    symlinkSync(outside, path.join(outDir, 'assets'));
    const { r } = await buildSite(undefined, { out: path.join(outDir, 'index.html') });
    expect(codes(r)).toContain('io/cannot-write');
    expect(r.diagnostics.find((d) => d.code === 'io/cannot-write')?.message).toMatch(/^assets\/html\/page\.html would be written outside /);
    expect(tree(outside)).toEqual([]);
    expect(existsSync(path.join(outDir, 'index.html'))).toBe(false);
  });

  it('copies only what the page shows, and a relative profile link to a missing file is a warning', async () => {
    const { r, outDir } = await buildSite((site) => {
      const profile = path.join(site, 'profile.yaml');
      writeFileSync(profile, read(profile).replace('url: cv.pdf', 'url: docs/missing-cv.pdf').replace('publications: all', 'publications: { keys: [local] }'));
    });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.code}`)).toEqual([
      '_bibliography/papers.bib:19:3: link/missing-file',
      'profile.yaml:5:10: link/missing-file',
    ]);
    expect(tree(outDir)).toEqual(['_bibliography/papers/local.pdf', 'index.html']);
  });

  it('gives the same page and files for the same inputs, and leaves a copy that is already right alone', async () => {
    const a = await buildSite();
    const again = await build({ cwd: a.site, out: path.join(a.outDir, 'index.html'), offline: true });
    expect(again.errors).toBe(0);
    const copy = path.join(a.outDir, 'assets/pdf/paper.pdf');
    const before = statSync(copy);
    writeFileSync(path.join(a.site, 'profile.yaml'), `${read(path.join(a.site, 'profile.yaml'))}position: Countess\n`);
    await build({ cwd: a.site, out: path.join(a.outDir, 'index.html'), offline: true });
    expect(statSync(copy).ino).toBe(before.ino); // not written again
    const b = await buildSite();
    expect(tree(b.outDir)).toEqual(tree(a.outDir));
    for (const f of tree(b.outDir).filter((f) => f !== 'index.html')) expect(readFileSync(path.join(b.outDir, f))).toEqual(readFileSync(path.join(a.outDir, f)));
    expect(b.html).toBe(a.html);
  });

  it('rebuilds when a copied file is deleted from the output or its source changes (no "up to date" over them)', async () => {
    const a = await buildSite();
    const opts = { cwd: a.site, out: path.join(a.outDir, 'index.html'), offline: true };
    await build(opts);
    const { upToDate } = await import('../../src/write/stamp.js');
    expect(await upToDate(opts)).toBeDefined();
    const copy = path.join(a.outDir, 'cv.pdf');
    const { rmSync } = await import('node:fs');
    rmSync(copy);
    expect(await upToDate(opts)).toBeUndefined();
    await build(opts);
    expect(existsSync(copy)).toBe(true);
    // A changed source is copied again.
    expect(await upToDate(opts)).toBeDefined();
    writeFileSync(path.join(a.site, 'cv.pdf'), '%PDF-1.4 a new CV');
    expect(await upToDate(opts)).toBeUndefined();
    await build(opts);
    expect(read(copy)).toBe('%PDF-1.4 a new CV');
  });

  it('copies a file of several chunks exactly, and again after a same-size change in its last chunk', async () => {
    const big = randomBytes(2.5 * 1024 * 1024); // 1 MiB chunks: two whole and a half
    const a = await buildSite((site) => writeFileSync(path.join(site, 'cv.pdf'), big));
    expect(a.r.errors).toBe(0);
    const copy = path.join(a.outDir, 'cv.pdf');
    expect(readFileSync(copy).equals(big)).toBe(true);
    const opts = { cwd: a.site, out: path.join(a.outDir, 'index.html'), offline: true };
    const before = statSync(copy).ino;
    writeFileSync(path.join(a.site, 'profile.yaml'), `${read(path.join(a.site, 'profile.yaml'))}position: Countess\n`);
    await build(opts);
    expect(statSync(copy).ino).toBe(before); // the same bytes: left alone
    big[big.length - 10] ^= 0xff;
    writeFileSync(path.join(a.site, 'cv.pdf'), big);
    expect((await build(opts)).errors).toBe(0);
    expect(readFileSync(copy).equals(big)).toBe(true);
  });

  it('refuses a linked file over the limit in one line, without reading it, and keeps the last page', async () => {
    const a = await buildSite();
    const page = read(path.join(a.outDir, 'index.html'));
    const copy = readFileSync(path.join(a.outDir, 'cv.pdf'));
    // Sparse: 1.5 GiB claimed, nothing on the disk. Read whole, it was 1.5 GiB of memory.
    truncateSync(path.join(a.site, 'cv.pdf'), 1.5 * 1024 ** 3);
    const r = await build({ cwd: a.site, out: path.join(a.outDir, 'index.html'), offline: true });
    expect(r.errors).toBe(1);
    expect(r.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ code: 'io/cannot-write' });
    expect(r.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/^cannot copy cv\.pdf, which the page links to, to .*cv\.pdf \(the file is 1\.5 GiB; the limit is 1 GiB\)$/);
    expect(read(path.join(a.outDir, 'index.html'))).toBe(page);
    expect(readFileSync(path.join(a.outDir, 'cv.pdf')).equals(copy)).toBe(true); // the last copy stays
  });
});

