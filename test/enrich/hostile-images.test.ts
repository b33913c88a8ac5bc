/**
 * Images as an attacker writes them (issue 19): work on them is bounded, and every problem is a
 * diagnostic. Real files, real sharp.
 */
import { copyFileSync, mkdtempSync, openSync, closeSync, writeSync, truncateSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, validate } from '../../src/index.js';
import { sniffBytes } from '../../src/enrich/thumbnail-source.js';
import { processImage, ImageError } from '../../src/enrich/thumbnail.js';
import { svgProblem, MAX_SVG_USE_COPIES } from '../../src/enrich/svg-bounds.js';

const THUMBS = path.join(import.meta.dirname, '../../data/example/thumbnails');
const BOX = { width: 200, height: 125 };
const codes = (r: { diagnostics: { code: string; severity: string }[] }) => r.diagnostics.map((d) => `${d.severity} ${d.code}`);

function site(bib: string, profile = 'name: Jane Doe\nbibliography: refs.bib\n') {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-hostile-img-'));
  writeFileSync(path.join(dir, 'refs.bib'), bib);
  writeFileSync(path.join(dir, 'profile.yaml'), profile);
  return dir;
}

/** 1.3 KB of SVG whose nested <use> make 9^7 ≈ 4.8 million copies (librsvg: 500,000 and >10 s of CPU). */
function useBomb(): string {
  let s = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs><rect id="a0" width="1" height="1"/>';
  for (let k = 1; k <= 7; k++) s += `<g id="a${k}">${`<use href="#a${k - 1}"/>`.repeat(9)}</g>`;
  return `${s}</defs><use href="#a7"/></svg>`;
}

describe('SVG sniffing', () => {
  it('answers at once for 70 empty comments (the old pattern backtracked exponentially)', () => {
    const started = performance.now();
    expect(sniffBytes(Buffer.from(`${'<!---->'.repeat(70)}x`))).toBeUndefined();
    expect(sniffBytes(Buffer.from(`${'<!---->'.repeat(70)}<svg>`))).toBe('svg');
    expect(performance.now() - started).toBeLessThan(1000);
  }, 20_000);

  it('still knows an SVG behind a declaration, comments and a doctype, and nothing else', () => {
    const ok = ['<svg>', '\uFEFF <?xml version="1.0"?>\n<!-- a -- b -->\n<!-- c --><!DOCTYPE svg PUBLIC "x">\n<SVG xmlns="x">', '<svg\nwidth="1">'];
    for (const s of ok) expect(sniffBytes(Buffer.from(s)), s).toBe('svg');
    const not = ['<svgx>', '<!-- <svg> ', '<html><svg>', '<?xml <svg>', '<!DOCTYPE html><svg>', ''];
    for (const s of not) expect(sniffBytes(Buffer.from(s)), s).toBeUndefined();
  });

  it('validate and build of a .bib whose thumbnail is that file end with a diagnostic', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, thumbnail={t.svg}}');
    writeFileSync(path.join(dir, 't.svg'), `${'<!---->'.repeat(70)}x`);
    expect(codes(await validate({ cwd: dir }))).toEqual(['error image/invalid']);
    expect(codes(await build({ cwd: dir, out: 'index.html', offline: true }))).toEqual(['error image/invalid']);
  }, 20_000);
});

describe('rasterizing an SVG is bounded', () => {
  it('refuses nested <use> before librsvg sees it', async () => {
    const svg = useBomb();
    expect(svg.length).toBeLessThan(1500);
    expect(svgProblem(svg)).toMatch(/more than 20000 copies/);
    const started = performance.now();
    await expect(processImage(Buffer.from(svg), BOX)).rejects.toBeInstanceOf(ImageError);
    expect(performance.now() - started).toBeLessThan(3000); // librsvg alone takes over 10 s
  }, 30_000);

  it('scans a tag soup of unclosed quotes in linear time', () => {
    const soup = `<svg>${"<a x='".repeat(200_000)}`;
    const started = performance.now();
    expect(svgProblem(soup)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000); // a quadratic scan takes minutes
  });

  it('refuses <use> that points at itself, and XML entities', () => {
    expect(svgProblem('<svg><g id="x"><use href="#x"/></g></svg>')).toMatch(/themselves/);
    expect(svgProblem('<svg><use id="y" xlink:href=\'#y\'/></svg>')).toMatch(/themselves/);
    expect(svgProblem('<!DOCTYPE svg [<!ENTITY a "<use/>">]><svg>&a;</svg>')).toMatch(/entities/);
  });

  it('accepts an SVG that reuses a marker many times (as plotting libraries write them)', async () => {
    const uses = Array.from({ length: 500 }, (_, i) => `<use href="#m" x="${i % 100}" y="${Math.floor(i / 5)}"/>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><defs><circle id="m" r="2" fill="#36c"/></defs>${uses}</svg>`;
    expect(svgProblem(svg)).toBeUndefined();
    expect((await processImage(Buffer.from(svg), BOX)).src).toMatch(/^data:image\/avif;base64,/);
    // The bound is a count of copies: each <use> of m copies m and the rect its own <use> copies.
    const copies = (n: number) => `<svg><defs><rect id="r"/><g id="m"><use href="#r"/></g></defs>${'<use href="#m"/>'.repeat(n)}</svg>`;
    expect(svgProblem(copies(MAX_SVG_USE_COPIES / 2 - 1))).toBeUndefined();
    expect(svgProblem(copies(MAX_SVG_USE_COPIES / 2 + 1))).toMatch(/more than 20000 copies/);
  });
});

describe('files are size-checked before they are read', () => {
  it('a 3 GB avatar (a sparse file) is a diagnostic at the profile line, not an internal error', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020}', 'name: Jane Doe\nbibliography: refs.bib\navatar: me.png\n');
    const file = path.join(dir, 'me.png');
    const fd = openSync(file, 'w');
    writeSync(fd, readFileSync(path.join(THUMBS, 'pa-gan.png')).subarray(0, 64));
    closeSync(fd);
    truncateSync(file, 3 * 1024 ** 3);
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['image/too-large', 3, 'avatar "me.png": image is 3072.0 MB; the limit is 20 MB']]);
    expect(r.outFile).toBeUndefined();
  }, 30_000);

  it('an avatar of normal size still builds', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020}', 'name: Jane Doe\nbibliography: refs.bib\navatar: me.png\n');
    copyFileSync(path.join(THUMBS, 'pa-gan.png'), path.join(dir, 'me.png'));
    expect((await build({ cwd: dir, out: 'index.html', offline: true })).errors).toBe(0);
  });
});
