import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage, ImageError, MAX_INPUT_PIXELS, thumbnails as thumbnailEnricher } from '../../src/enrich/thumbnail.js';
import { Cache } from '../../src/enrich/cache.js';
import type { EnrichContext } from '../../src/enrich/enricher.js';
import { Reporter } from '../../src/model/diagnostic.js';
import { bib } from '../helpers.js';
import type { Entry } from '../../src/model/entry.js';

const THUMBS = path.join(import.meta.dirname, '../../data/example/thumbnails');
const BOX = { width: 200, height: 125 };

const decode = (src: string) => Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');

describe('thumbnails are real images, processed by sharp', () => {
  it('JPEG: resized to twice the display box, re-encoded to AVIF', async () => {
    const img = await processImage(readFileSync(path.join(THUMBS, 'jodi.jpg')), BOX);
    const out = decode(img.src);
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe('heif');
    expect(meta.compression).toBe('av1');
    expect(img.src).toMatch(/^data:image\/avif;base64,/);
    expect([meta.width, meta.height]).toEqual([400, 225]);
    expect([img.width, img.height]).toEqual([400, 225]);
    expect(out.length).toBeLessThan(readFileSync(path.join(THUMBS, 'jodi.jpg')).length);
  });

  it('AVIF: the same bytes whatever sharp\'s thread count was (libaom\'s output depends on it)', async () => {
    const jpeg = readFileSync(path.join(THUMBS, 'std-gan.jpg'));
    const before = sharp.concurrency();
    try {
      // The encoder alone: four threads give other bytes than one.
      const encode = async (threads: number) => {
        sharp.concurrency(threads);
        return sharp(jpeg).resize(400, 225).avif({ quality: 43, effort: 6, chromaSubsampling: '4:2:0' }).toBuffer();
      };
      expect((await encode(4)).equals(await encode(1))).toBe(false);
      sharp.concurrency(4);
      const four = await processImage(jpeg, BOX);
      sharp.concurrency(1);
      expect((await processImage(jpeg, BOX)).src).toBe(four.src);
    } finally {
      sharp.concurrency(before);
    }
  });

  it('PNG: processed the same way', async () => {
    const img = await processImage(readFileSync(path.join(THUMBS, 'pa-gan.png')), BOX);
    expect(img.src).toMatch(/^data:image\/avif;base64,/);
    expect((await sharp(decode(img.src)).metadata()).width).toBe(400);
  });

  it('an animated GIF stays animated: its 8 frames stacked in one AVIF, which is smaller than the WebP of the same frames', async () => {
    const gif = readFileSync(path.join(THUMBS, 'eigengan.gif'));
    const src = await sharp(gif, { animated: true }).metadata();
    expect(src.pages).toBe(8);
    const img = await processImage(gif, BOX);
    expect([img.width, img.height]).toEqual([400, 225]);
    const svg = decodeURIComponent(img.src.slice('data:image/svg+xml,'.length));
    expect(img.src.startsWith('data:image/svg+xml,')).toBe(true);
    expect(svg).toContain('image{animation:f 960ms steps(8,jump-none) infinite}'); // 8 × 120 ms, looping for ever as the GIF does
    const stack = Buffer.from(/href="data:image\/avif;base64,([A-Za-z0-9+/=]+)"/.exec(svg)![1], 'base64');
    const meta = await sharp(stack).metadata();
    expect([meta.format, meta.compression, meta.width, meta.height]).toEqual(['heif', 'av1', 400, 8 * 225]);
    const webp = await sharp(gif, { animated: true }).resize(400, 250, { fit: 'inside' }).webp({ quality: 72, effort: 4, preset: 'picture' }).toBuffer();
    expect(img.src.length).toBeLessThan(webp.toString('base64').length * 0.7);
    // As close to the GIF's frames as the WebP is: PSNR over all 8 frames, RGB.
    const pixels = (bytes: Buffer) => sharp(bytes, { animated: true }).removeAlpha().raw().toBuffer();
    const [source, stacked, animated] = await Promise.all([gif, stack, webp].map(pixels));
    const psnr = (a: Buffer) => 10 * Math.log10((255 * 255 * a.length) / a.reduce((n, v, i) => n + (v - source[i]) ** 2, 0));
    console.log(`animated thumbnail: PSNR ${psnr(stacked).toFixed(2)} dB as a stack, ${psnr(animated).toFixed(2)} dB as WebP`);
    expect(psnr(stacked)).toBeGreaterThanOrEqual(psnr(animated) - 0.25);
  });

  // Frames of one detailed picture with a small square moving over it: the WebP stores the first
  // frame and then only the square; a stack stores every frame whole.
  const moving = async (count: number, detailed = true) => {
    const still = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#36c', ...(detailed && { noise: { type: 'gaussian', mean: 128, sigma: 40 } }) } }).png().toBuffer();
    const frames = await Promise.all(Array.from({ length: count }, (_, i) => sharp(still).composite([{ input: { create: { width: 4, height: 4, channels: 3, background: '#fff' } }, left: i * 4, top: 50 }]).png().toBuffer()));
    return sharp(frames, { join: { animated: true } }).gif({ delay: Array(count).fill(50), loop: 0 }).toBuffer();
  };

  it('an animation whose WebP is smaller than its stack stays WebP', async () => {
    const gif = await moving(12);
    const img = await processImage(gif, BOX);
    expect(img.src).toMatch(/^data:image\/webp;base64,/);
    expect((await sharp(decode(img.src), { animated: true }).metadata()).pages).toBe(12);
    const stack = await sharp(gif, { animated: true }).avif({ quality: 50, effort: 2, chromaSubsampling: '4:2:0' }).toBuffer();
    expect(stack.length).toBeGreaterThan(decode(img.src).length);
  });

  it('an animation of more frames than a stack holds stays WebP, though its stack would be smaller', async () => {
    // The example's 8 frames, five times over: 40 frames, each one a stack stores smaller than WebP does.
    const gif = readFileSync(path.join(THUMBS, 'eigengan.gif'));
    const frames = await Promise.all(Array.from({ length: 40 }, (_, i) => sharp(gif, { page: i % 8 }).resize(200, 113).png().toBuffer()));
    const animation = (n: number) => sharp(frames.slice(0, n), { join: { animated: true } }).gif({ delay: Array(n).fill(100), loop: 0 }).toBuffer();
    // The same frames, as many as a stack holds: a stack, the smaller.
    expect((await processImage(await animation(32), BOX)).src).toMatch(/^data:image\/svg\+xml,/);
    const img = await processImage(await animation(40), BOX);
    expect(img.src).toMatch(/^data:image\/webp;base64,/);
    expect((await sharp(decode(img.src), { animated: true }).metadata()).pages).toBe(40);
  });

  it('an SVG with a script is rasterized: no script reaches the page', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><script>alert(1)</script><rect width="320" height="200" fill="#36c" onload="alert(2)"/></svg>');
    const img = await processImage(svg, BOX);
    expect(img.src).toMatch(/^data:image\/(webp|avif);base64,/);
    expect(decode(img.src).toString('latin1')).not.toMatch(/script|alert/);
    const meta = await sharp(decode(img.src)).metadata();
    expect(meta.width).toBeLessThanOrEqual(400);
  });

  it('refuses a file that is not an image', async () => {
    await expect(processImage(Buffer.from('hello, not an image'), BOX)).rejects.toBeInstanceOf(ImageError);
  });

  it('refuses an image over the pixel limit before resizing it', async () => {
    // 8000×8000 = 64 Mpx, over the 50 Mpx limit; a PNG of one colour is small on disk.
    const big = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(8000 * 8000).toBeGreaterThan(MAX_INPUT_PIXELS);
    await expect(processImage(big, BOX)).rejects.toThrow(/pixel|limit/i);
  });

  it('refuses a 20000×20000 PNG (a 400-megapixel decompression bomb of a few KB) by the pixel limit, without decoding it', async () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000); // small on disk, 400 Mpx once decoded
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ width: 20_000, height: 20_000, format: 'png' });
    const started = performance.now();
    await expect(processImage(bomb, BOX)).rejects.toThrow(/limit|pixels/i);
    console.log(`20000×20000 PNG (${bomb.length} bytes) refused in ${(performance.now() - started).toFixed(0)} ms`);
  });
});

/** A valid 1-bit greyscale PNG of one colour: every row is a filter byte and zeros, deflated. */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, filter 0, no interlace
  const raw = Buffer.alloc(height * (1 + Math.ceil(width / 8)));
  const idat = deflateSync(raw, { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('the thumbnail enricher', () => {
  /** One entry whose thumbnail field names a file that does not exist; `checked` may hand it a source. */
  const run = async (checked: (e: Entry) => EnrichContext['thumbnails']) => {
    const { pubs } = bib('@misc{a, title = {A}, thumbnail = {elsewhere.jpg}}');
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-thumb-'));
    const report = new Reporter();
    const ctx = {
      bibDir: dir, siteRoot: dir, report, thumbnail: BOX, thumbnails: checked(pubs[0].entry), cache: await Cache.open(path.join(dir, 'cache'), report),
      stats: { reposFetched: 0, reposCached: 0, reposFailed: 0, reposUnasked: 0, imageBytesIn: 0, imageBytesOut: 0 },
    } as unknown as EnrichContext;
    await thumbnailEnricher.enrich(pubs, ctx);
    return pubs[0].thumbnail;
  };
  const jodi = (e: Entry) => new Map([[e, { source: { kind: 'file' as const, path: path.join(THUMBS, 'jodi.jpg'), field: 'thumbnail' }, size: 1 }]]);

  it('takes the source the checks resolved for the entry, without resolving it again', async () => {
    expect((await run(jodi))?.src).toMatch(/^data:image\/avif;base64,/);
    // Without it, the entry's own field is resolved: no such file, no thumbnail (validation reports it).
    expect(await run(() => undefined)).toBeUndefined();
    // A source checked for another load of the same text is not this entry's.
    const other = bib('@misc{a, title = {A}, thumbnail = {elsewhere.jpg}}').entries[0];
    expect(await run(() => jodi(other))).toBeUndefined();
  });
});
