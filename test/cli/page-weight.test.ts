import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cliAsync, ROOT } from './run.js';
import { fakeGitHub } from '../fake-github.js';
import { EXAMPLE_STARS } from '../example-stars.js';

// Issue 23: what a visitor of the example page downloads, built by the real CLI (dist-lib, sharp),
// with its star counts (from a local fake GitHub) and every thumbnail at twice its box. The issue
// asked for 100 KB; the page is 142 KiB raw, 81 KiB gzipped: the animated thumbnail alone is
// 47.8 KB as base64, and libvips writes no smaller animation at the same quality (docs/performance.md,
// sixth round). The budget keeps it from growing unnoticed.
const RAW_BUDGET = 144 * 1024;
const GZIP_BUDGET = 100 * 1024;

describe('the example page\'s weight', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-weight-'));
  cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (src) => !/[\\/](dist|\.scholar-cache)$/.test(src) });
  const github = await fakeGitHub(EXAMPLE_STARS);
  const r = await cliAsync(['build', 'refs.bib', '--out', 'index.html', '--github-api', github.url], { cwd: dir });
  await github.close();
  const html = readFileSync(path.join(dir, 'index.html'));
  const images = [...html.toString().matchAll(/<img (?:class="avatar" )?src="data:image\/(avif|webp);base64,([^"]+)" width="(\d+)" height="(\d+)"/g)];

  it('is built with every thumbnail and the avatar, each at twice its box', async () => {
    expect(r.code, r.stderr).toBe(0);
    expect(html.toString()).toContain('class="stars-count"');
    expect(images.map((m) => `${m[1]} ${m[3]}×${m[4]}`)).toEqual(['avif 224×224', ...Array.from({ length: 9 }, (_, i) => (i === 4 ? 'webp 400×225' : 'avif 400×225'))]);
    const animation = await sharp(Buffer.from(images[5][2], 'base64'), { animated: true }).metadata();
    expect(animation.pages).toBe(8);
  });

  it(`is at most ${RAW_BUDGET / 1024} KB, and ${GZIP_BUDGET / 1024} KB gzipped`, () => {
    const sizes = { raw: html.length, gzip: gzipSync(html).length };
    console.log(`example page: ${sizes.raw} bytes, ${sizes.gzip} gzipped; images ${images.reduce((n, m) => n + m[2].length, 0)} bytes as base64`);
    expect(sizes.raw).toBeLessThanOrEqual(RAW_BUDGET);
    expect(sizes.gzip).toBeLessThanOrEqual(GZIP_BUDGET);
  });
});
