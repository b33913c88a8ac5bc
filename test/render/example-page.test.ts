import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { fakeGitHub } from '../fake-github.js';
import { EXAMPLE_STARS } from '../example-stars.js';

const ROOT = path.join(import.meta.dirname, '../..');

/** Data URIs replaced by a short hash, so the golden file stays readable. */
const readable = (html: string) =>
  html
    // An animation as a stack of frames (enrich/sprite.ts) is an SVG around an AVIF in base64: its
    // markup stays readable, the AVIF inside it is hashed like the others (its %3D padding is not).
    .replace(/data:image\/(webp|avif|gif|png|jpeg);base64,[A-Za-z0-9+/=]+/g, (m, t) => `data:image/${t};sha256=${createHash('sha256').update(m).digest('hex').slice(0, 16)}`);

describe('the example page rebuilds every element of the seed homepage', async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sp-example-'));
  const out = path.join(tmp, 'index.html');
  const github = await fakeGitHub(EXAMPLE_STARS);
  const opts = { bib: path.join(ROOT, 'data/example/refs.bib'), out, cwd: ROOT, githubApi: github.url, cacheDir: path.join(tmp, 'cache') };
  const r = await build(opts);
  const html = readFileSync(out, 'utf8');
  const offline = await build({ ...opts, out: path.join(tmp, 'offline.html'), offline: true });
  await github.close();
  const articles = html.split('<article').slice(1);
  const article = (title: string) => articles.find((a) => a.includes(title)) ?? '';

  it('builds with no errors and no warnings', () => {
    expect(r.diagnostics).toEqual([]);
  });

  it('has the seed\'s sections, in order', () => {
    const h2 = [...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(['Tutorial', 'Selected Publications', 'Competitions', 'Education &amp; Experience', 'Honors &amp; Awards']);
  });

  it('has all entries: the tutorial and 8 selected publications', () => {
    expect(articles).toHaveLength(9);
    for (const t of ['Matrix Calculus', 'Jodi:', 'CtrLoRA:', 'Precise Integral in NeRFs', 'EigenGAN:', 'AttGAN:', 'S2GAN:', 'PA-GAN:', 'Image Style Disentangling']) {
      expect(article(t), t).not.toBe('');
    }
  });

  it('highlights Oral on ICCV 2019 and WACV 2025, and reads Jodi as arXiv 2025', () => {
    expect(article('S2GAN:')).toContain('<span class="badge-venue">ICCV 2019</span><span class="badge-award">Oral</span>');
    expect(article('Precise Integral')).toContain('<span class="badge-venue">WACV 2025</span><span class="badge-award">Oral</span>');
    expect(article('Jodi:')).toContain('<span class="badge-venue">arXiv 2025</span>');
    expect(article('EigenGAN:')).not.toContain('badge-award');
  });

  it('bolds the owner everywhere and marks AttGAN\'s corresponding author', () => {
    for (const a of articles) expect(a).toContain('<strong class="owner">Zhenliang He</strong>');
    expect(article('AttGAN:')).toContain('Shiguang Shan<sup class="mark">*</sup>');
  });

  it('has a stars badge wherever a repo is known, with the count from (a local fake) GitHub', () => {
    expect(articles.filter((a) => a.includes('class="stars"'))).toHaveLength(8);
    expect(article('Matrix Calculus')).toContain('<span class="stars-count">2.1k</span>');
    expect(article('AttGAN:')).toContain('<span class="stars-count">610</span>');
    expect(article('S2GAN:')).not.toContain('class="stars"');
    expect(article('EigenGAN:')).toContain('href="https://github.com/LynnHo/EigenGAN-Tensorflow"');
  });

  it('has every link label, including TensorFlow (Official) and Joint-1.6M Dataset', () => {
    const labels = (a: string) => [...a.matchAll(/class="pub-link" href="[^"]*">([^<]+)</g)].map((m) => m[1]);
    expect(labels(article('Jodi:'))).toEqual(['Paper', 'Project', 'Joint-1.6M Dataset']);
    expect(labels(article('EigenGAN:'))).toEqual(['Paper', 'Proof', 'Video', 'TensorFlow (Official)', 'PyTorch']);
    expect(labels(article('AttGAN:'))).toEqual(['Paper', 'TensorFlow (Official)', 'PyTorch', 'PaddlePaddle']);
    expect(labels(article('Image Style'))).toEqual(['Paper', 'PyTorch (Official)']);
  });

  it('has both toggles on every entry, one open at a time', () => {
    for (const a of articles) {
      const names = [...a.matchAll(/<details class="toggle [^"]+" name="([^"]+)"/g)].map((m) => m[1]);
      expect(names).toHaveLength(2);
      expect(new Set(names).size).toBe(1);
    }
  });

  it('has the champion line under Competitions', () => {
    const comp = html.slice(html.indexOf('>Competitions<'), html.indexOf('>Education'));
    expect(comp).toContain('<a href="https://agibot-world.com/challenge">CHAMPION 1st</a>');
    expect(comp).toContain('AgiBot World Challenge');
  });

  it('is self-contained: no external resource, images inline', () => {
    expect(html).not.toMatch(/<(img|script|link|iframe|source)\b[^>]*\s(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?https?:/i);
    expect(articles.every((a) => /<img src="data:image\/((webp|avif);base64,|svg\+xml,)/.test(a))).toBe(true);
    // An animation's SVG (enrich/sprite.ts) holds its frames and loads nothing else.
    const svgs = [...html.matchAll(/src="data:image\/svg\+xml,([^"]+)"/g)].map((m) => decodeURIComponent(m[1])).filter((svg) => svg.includes('<image'));
    expect(svgs).toHaveLength(1);
    expect(svgs[0].replace(/href="data:image\/avif;base64,[A-Za-z0-9+/=]+"/, '')).not.toMatch(/href|url\(|@import|<script/i);
  });

  it('rebuilds byte-identically from the cache with --offline', () => {
    expect(offline.diagnostics).toEqual([]);
    expect(readFileSync(offline.outFile!, 'utf8')).toBe(html);
  });

  it('stays within the 400 KB budget with all its thumbnails', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(400 * 1024);
  });

  it('matches the golden page', async () => {
    await expect(readable(html)).toMatchFileSnapshot('../golden/example.html');
  });
});
