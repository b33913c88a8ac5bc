import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';
import { TEASER } from '../fixtures/extras/site.js';

const GIF = path.join(import.meta.dirname, '../../data/example/thumbnails/eigengan.gif');

/** Mean absolute difference per channel (0–255) of two RGB images of the same size. */
function difference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** Three frames of one colour each, red, green and blue, at 400×225: a GIF with these delays and loop count. */
const COLOURS = { red: [220, 0, 0], green: [0, 160, 0], blue: [0, 0, 220] } as const;
function colourGif(delay: number[], loop: number): Promise<Buffer> {
  const [w, h] = [400, 225];
  const raw = Buffer.alloc(w * h * 3 * 3);
  Object.values(COLOURS).forEach((c, i) => { for (let p = 0; p < w * h; p++) raw.set(c, (i * w * h + p) * 3); });
  return sharp(raw, { raw: { width: w, height: h * 3, channels: 3, pageHeight: h } }).gif({ loop, delay }).toBuffer();
}

// An animated GIF thumbnail becomes a stack of its frames in one AVIF, shown one frame at a time by
// an SVG (enrich/sprite.ts). Here Chromium shows it: every moment shows one whole frame of the GIF,
// not a part of two (the stack is moved by whole frames), and the frames follow one another.
describe.skipIf(!hasChromium)('an animated thumbnail in Chromium', () => {
  let url = '';
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-animation-'));
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={An animated thumbnail}, author={Doe, Jane}, year=2021, thumbnail={t.gif}}\n');
    copyFileSync(GIF, path.join(dir, 't.gif'));
    const r = await build({ cwd: dir, bib: 'refs.bib', out: 'index.html', offline: true });
    expect(r.errors).toBe(0);
    url = `file://${r.outFile}`;
  });
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it('shows each frame of the GIF whole, in turn', async () => {
    const b = await launch();
    close = b.close;
    const page = await b.browser.newPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(url);
    const img = page.locator('.pub-thumb img');
    expect(await img.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    expect(await img.evaluate((e: HTMLImageElement) => [e.complete, e.naturalWidth, e.naturalHeight])).toEqual([true, 400, 225]);
    const box = (await img.boundingBox())!;
    // Inside the image's 1 px border and rounded corners, in whole CSS pixels.
    const clip = { x: Math.ceil(box.x) + 6, y: Math.ceil(box.y) + 6, width: Math.floor(box.width) - 12, height: Math.floor(box.height) - 12 };
    // Compared small (32×16), so that the image's fraction-of-a-pixel position does not count.
    const small = (img: sharp.Sharp) => img.resize(32, 16, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    const stack = await sharp(GIF, { animated: true }).png().toBuffer(); // the GIF's frames as a browser composes them
    const inner = { left: clip.x - Math.ceil(box.x), top: clip.y - Math.ceil(box.y), width: clip.width, height: clip.height };
    const frames = await Promise.all(Array.from({ length: 8 }, async (_, i) => {
      const frame = await sharp(stack).extract({ left: 0, top: i * 225, width: 400, height: 225 }).png().toBuffer();
      return small(sharp(await sharp(frame).resize(Math.ceil(box.width), Math.ceil(box.height), { fit: 'fill' }).png().toBuffer()).extract(inner));
    }));
    const shown: { frame: number; diff: number; next: number }[] = [];
    for (let k = 0; k < 14; k++) {
      const shot = await small(sharp(await page.screenshot({ clip })));
      const diffs = frames.map((f) => difference(shot, f)).map((diff, frame) => ({ frame, diff }));
      diffs.sort((x, y) => x.diff - y.diff);
      shown.push({ ...diffs[0], next: diffs[1].diff });
      await page.waitForTimeout(90);
    }
    console.log(`animated thumbnail: frames seen ${shown.map((s) => s.frame).join(' ')}; differences to the nearest frame ${shown.map((s) => s.diff.toFixed(1)).join(' ')}, to the next nearest ${Math.min(...shown.map((s) => s.next)).toFixed(1)} at least`);
    // Each moment is one frame: close to it (encoding and scaling only), far from every other.
    for (const s of shown) {
      expect(s.diff).toBeLessThan(8);
      expect(s.next).toBeGreaterThan(2.5 * s.diff);
    }
    expect(new Set(shown.map((s) => s.frame)).size).toBeGreaterThanOrEqual(4);
  });

  // A GIF that plays a counted number of times ends on its last frame, whether its frames are of
  // one length (moved by steps(n, jump-none)) or not (a keyframe per frame): not on an empty box.
  it('plays a counted animation through its frames in order and stops on the last one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-animation-once-'));
    // Frames of over a second: a loaded machine takes its first screenshot late.
    writeFileSync(path.join(dir, 'even.gif'), await colourGif([1200, 1200, 1200], 1));
    writeFileSync(path.join(dir, 'uneven.gif'), await colourGif([1200, 2400, 1200], 1));
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{even, title={Even}, author={Doe, Jane}, year=2021, thumbnail={even.gif}}\n@misc{uneven, title={Uneven}, author={Doe, Jane}, year=2020, thumbnail={uneven.gif}}\n');
    const r = await build({ cwd: dir, bib: 'refs.bib', out: 'index.html', offline: true });
    expect(r.errors).toBe(0);
    const b = await launch();
    try {
      const page = await b.browser.newPage();
      await page.setViewportSize({ width: 900, height: 900 });
      await page.goto(`file://${r.outFile}`);
      const imgs = page.locator('.pub-thumb img');
      const svgs = await imgs.evaluateAll((els) => els.map((e) => decodeURIComponent((e as HTMLImageElement).src)));
      expect(svgs[0]).toContain('3600ms steps(3,jump-none) 1 forwards');
      expect(svgs[1]).toContain('step-end 1 forwards');
      const boxes = await Promise.all([0, 1].map(async (i) => (await imgs.nth(i).boundingBox())!));
      const seen: string[][] = [[], []];
      // The colour the whole box shows (inside its border and rounded corners), or "mixed".
      const colourAt = async (box: { x: number; y: number; width: number; height: number }) => {
        const shot = await page.screenshot({ clip: { x: Math.ceil(box.x) + 8, y: Math.ceil(box.y) + 8, width: Math.floor(box.width) - 16, height: Math.floor(box.height) - 16 } });
        const px = await sharp(shot).resize(8, 4, { fit: 'fill' }).removeAlpha().raw().toBuffer();
        const named = (k: number) => Object.entries(COLOURS).find(([, c]) => c.every((v, j) => Math.abs(v - px[k + j]) < 40))?.[0] ?? `rgb(${px[k]},${px[k + 1]},${px[k + 2]})`;
        const all = new Set(Array.from({ length: 32 }, (_, i) => named(i * 3)));
        return all.size === 1 ? [...all][0] : `mixed ${[...all].join('/')}`;
      };
      const t0 = Date.now();
      while (Date.now() - t0 < 6500) {
        for (const i of [0, 1]) seen[i].push(await colourAt(boxes[i]));
      }
      for (const i of [0, 1]) {
        const runs = seen[i].filter((c, k) => k === 0 || c !== seen[i][k - 1]);
        console.log(`counted animation ${i ? 'uneven' : 'even'}: ${runs.join(' → ')} (${seen[i].length} samples)`);
        // In order (a late first sample may have missed a frame), nothing else between, ending on
        // the last frame (the last samples are 1.7 s past the end).
        const order = runs.map((c) => ['red', 'green', 'blue'].indexOf(c));
        expect(order.every((k, j) => k >= 0 && (j === 0 || k > order[j - 1])), runs.join(' → ')).toBe(true);
        expect(runs.at(-1)).toBe('blue');
        expect(runs.length).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await b.close();
    }
  });

  // A browser does not pass prefers-reduced-motion into an image: the theme's script takes the
  // animation out of the sprite for such a reader (first frame, standing still) and puts it back;
  // also where the sprite is a video's poster (shown while the video waits for a click).
  it('stands still on its first frame for a reader who asked for reduced motion, and moves again when that changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-animation-calm-'));
    // Frames of different lengths: samples at any steady pace see more than one of them.
    writeFileSync(path.join(dir, 'loop.gif'), await colourGif([200, 300, 400], 0));
    copyFileSync(TEASER, path.join(dir, 'teaser.webm'));
    writeFileSync(path.join(dir, 'refs.bib'),
      '@misc{loop, title={Looping}, author={Doe, Jane}, year=2021, thumbnail={loop.gif}}\n' +
      '@misc{clip, title={A clip}, author={Doe, Jane}, year=2020, thumbnail={loop.gif}, preview={teaser.webm}}\n');
    const r = await build({ cwd: dir, bib: 'refs.bib', out: 'index.html', offline: true });
    expect(r.errors).toBe(0);
    const b = await launch();
    try {
      const page = await b.browser.newPage();
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 900, height: 700 });
      await page.goto(`file://${r.outFile}`);
      const img = page.locator('.pub-thumb img').first();
      const box = (await img.boundingBox())!;
      // Red, green or blue: the colour at the middle of the box.
      const colour = async () => {
        const shot = await page.screenshot({ clip: { x: Math.round(box.x + box.width / 2) - 2, y: Math.round(box.y + box.height / 2) - 2, width: 4, height: 4 } });
        const [r0, g0, b0] = await sharp(shot).removeAlpha().raw().toBuffer();
        return r0 > 150 && g0 < 60 ? 'red' : g0 > 100 && r0 < 60 ? 'green' : b0 > 150 && r0 < 60 ? 'blue' : `rgb(${r0},${g0},${b0})`;
      };
      const sample = async (ms: number) => {
        const seen = new Set<string>();
        for (const t0 = Date.now(); Date.now() - t0 < ms;) seen.add(await colour());
        return [...seen];
      };
      // Whether the image's and the video poster's addresses hold the animation's style.
      const styled = () => page.evaluate(() => [
        document.querySelector('.pub-thumb img')!.getAttribute('src')!.includes('%3Cstyle%3E'),
        document.querySelector('video')!.getAttribute('poster')!.includes('%3Cstyle%3E'),
      ]);
      expect(await img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBe(400);
      expect(await styled()).toEqual([false, false]);
      const calm = await sample(2000);
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      // The media query's change event comes a moment later.
      await expect.poll(styled, { timeout: 5000 }).toEqual([true, true]);
      const moving = await sample(2000);
      console.log(`reduced motion: ${calm.join(', ')}; then ${moving.join(', ')}`);
      expect(calm).toEqual(['red']);
      expect(moving.length).toBeGreaterThanOrEqual(2);
    } finally {
      await b.close();
    }
  });
});
