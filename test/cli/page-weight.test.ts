import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cliAsync, ROOT } from './run.js';
import { fakeGitHub } from '../fake-github.js';
import { EXAMPLE_STARS } from '../example-stars.js';
import { copyExample } from '../example-site.js';

// Issue 23: what a visitor of the example page downloads, built by the real CLI (dist-lib, sharp),
// with its star counts (from a local fake GitHub) and every thumbnail at twice its box. The issue
// asks for 100 KB (100,000 bytes in its unit: its "138 KB" page was 138,468 bytes), measured by
// `npm run bench` on the page built --offline (no star badges): 99,818 bytes here; 104 KiB with
// the star badges. Of it, 25 KB is the animated thumbnail, its 8 frames stacked in one AVIF
// (docs/performance.md, item 21), and 32 KB the other nine images, each at the AVIF quality
// searched for it (items 22 and 23); the CSS and script are the themes' minified copies (item 22).
// The offline budget is the target; the others keep the page from growing unnoticed.
const OFFLINE_BUDGET = 100_000;
const RAW_BUDGET = 105 * 1024;
const GZIP_BUDGET = 64 * 1024;

describe('the example page\'s weight', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-weight-'));
  copyExample(dir);
  const github = await fakeGitHub(EXAMPLE_STARS);
  const r = await cliAsync(['build', 'refs.bib', '--out', 'index.html', '--github-api', github.url], { cwd: dir });
  await github.close();
  const html = readFileSync(path.join(dir, 'index.html'));
  // In a copy of its own: the first build's cache holds star counts, which --offline would show.
  const plain = copyExample(mkdtempSync(path.join(tmpdir(), 'sp-weight-')));
  const offline = await cliAsync(['build', 'refs.bib', '--out', 'offline.html', '--offline'], { cwd: plain });
  // A still image is an AVIF; an animation an SVG around the stack of its frames (enrich/sprite.ts).
  const images = [...html.toString().matchAll(/<img (?:class="avatar" )?src="data:image\/(?:(avif);base64,([^"]+)|(svg)\+xml,([^"]+))" width="(\d+)" height="(\d+)"/g)]
    .map((m) => ({ kind: m[1] ?? m[3], data: m[2] ?? decodeURIComponent(m[4]), width: m[5], height: m[6] }));

  it('is built with every thumbnail and the avatar, each at twice its box', async () => {
    expect(r.code, r.stderr).toBe(0);
    expect(html.toString()).toContain('class="stars-count"');
    expect(images.map((m) => `${m.kind} ${m.width}×${m.height}`)).toEqual(['avif 224×224', ...Array.from({ length: 9 }, (_, i) => (i === 4 ? 'svg 400×225' : 'avif 400×225'))]);
    const stack = /href="data:image\/avif;base64,([^"]+)"/.exec(images[5].data)![1];
    expect(await sharp(Buffer.from(stack, 'base64')).metadata()).toMatchObject({ width: 400, height: 8 * 225 });
  });

  it(`is at most ${RAW_BUDGET / 1024} KB, and ${GZIP_BUDGET / 1024} KB gzipped`, () => {
    const sizes = { raw: html.length, gzip: gzipSync(html).length };
    console.log(`example page: ${sizes.raw} bytes, ${sizes.gzip} gzipped; images ${images.reduce((n, m) => n + m.data.length, 0)} bytes as base64 (the animation's with its SVG)`);
    expect(sizes.raw).toBeLessThanOrEqual(RAW_BUDGET);
    expect(sizes.gzip).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it(`is at most ${OFFLINE_BUDGET.toLocaleString('en')} bytes as the bench builds it (--offline, no star badges), with every image`, () => {
    expect(offline.code, offline.stderr).toBe(0);
    const page = readFileSync(path.join(plain, 'offline.html'), 'utf8');
    console.log(`example page, --offline: ${Buffer.byteLength(page)} bytes`);
    expect(page.match(/<img [^>]*src="data:image\/(avif|svg)/g)).toHaveLength(10);
    expect(Buffer.byteLength(page)).toBeLessThanOrEqual(OFFLINE_BUDGET);
  });
});
