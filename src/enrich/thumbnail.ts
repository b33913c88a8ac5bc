import { readFile, stat } from 'node:fs/promises';
import { enrichProblem, type Enricher, type EnrichContext } from './enricher.js';
import type { Image, Publication } from '../model/publication.js';
import { sha256, type Cache } from './cache.js';
import { get, mapLimit } from './http.js';
import { dependsOnFile } from '../deps.js';
import { lazyRequire } from '../lazy.js';
import { MAX_IMAGE_BYTES, sniffBytes, thumbnailField, thumbnailSource, type ThumbnailSource } from './thumbnail-source.js';

/** Decoding more pixels than this is refused: a decompression bomb never reaches the resizer. */
export const MAX_INPUT_PIXELS = 50_000_000;

export class ImageError extends Error {}

/** sharp (libvips) is loaded only when an image is encoded. */
const loadSharp = lazyRequire<typeof import('sharp')>('sharp');

const IMAGE_CONCURRENCY = 4;

interface Encoded {
  mime: string;
  width: number;
  height: number;
  base64: string;
}

/**
 * Re-encodes an image for the page at twice the display box: a still image to AVIF, an animation
 * to WebP (it stays animated). SVG is rasterized, so no script in it reaches the page. Results are
 * cached by the source's hash and the box.
 */
export async function processImage(bytes: Uint8Array, box: { width: number; height: number }, cache?: Cache): Promise<Image & { bytes: number }> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageError(`image is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB`);
  const kind = sniffBytes(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)));
  if (!kind) throw new ImageError('not an image (expected JPEG, PNG, GIF, WebP, AVIF or SVG)');
  const key = `${sha256(bytes)}-${box.width * 2}x${box.height * 2}-v2`;
  const hit = await cache?.getImage<Encoded>(key);
  const enc = hit && typeof hit.base64 === 'string' ? hit : await encode(bytes, kind, box);
  if (!hit) await cache?.setImage(key, enc, { derived: true });
  return { src: `data:${enc.mime};base64,${enc.base64}`, width: enc.width, height: enc.height, bytes: Math.floor((enc.base64.length * 3) / 4) };
}

async function encode(bytes: Uint8Array, kind: string, box: { width: number; height: number }): Promise<Encoded> {
  const sharp = loadSharp();
  const animated = kind === 'gif' || kind === 'webp';
  const input = (): import('sharp').Sharp =>
    sharp(bytes, { animated, limitInputPixels: MAX_INPUT_PIXELS, density: kind === 'svg' ? 144 : undefined })
      .resize({ width: box.width * 2, height: box.height * 2, fit: 'inside', withoutEnlargement: true });
  let meta;
  try {
    meta = await sharp(bytes, { animated, limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch (err) {
    throw new ImageError(`cannot decode image: ${(err as Error).message}`);
  }
  const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * (meta.pages ?? 1);
  if (pixels > MAX_INPUT_PIXELS) throw new ImageError(`image has ${meta.width}×${meta.height} pixels; the limit is ${MAX_INPUT_PIXELS / 1e6} megapixels`);
  const isAnimated = (meta.pages ?? 1) > 1;
  try {
    // A still image is AVIF: it was the smaller of WebP and AVIF for every still image we measured
    // (about 35% smaller than WebP for the example's), and encoding only it halves the cold cost.
    // An animation stays WebP, which keeps its frames.
    const { data, info } = await (isAnimated ? input().webp({ quality: 72, effort: 4 }) : input().avif({ quality: 50, effort: 2 })).toBuffer({ resolveWithObject: true });
    return { mime: isAnimated ? 'image/webp' : 'image/avif', width: info.width, height: info.pageHeight ?? info.height, base64: data.toString('base64') };
  } catch (err) {
    throw new ImageError(`cannot process image: ${(err as Error).message}`);
  }
}

/** The bytes of a thumbnail: a local file, or a URL downloaded once and kept in the cache. */
async function sourceBytes(src: { kind: 'file'; path: string } | { kind: 'url'; url: string }, ctx: EnrichContext): Promise<Uint8Array | string> {
  if (src.kind === 'file') return readFile(src.path);
  const key = `download-${sha256(src.url)}`;
  dependsOnFile(ctx.cache.imagePath(key));
  const cached = await ctx.cache.getImage<{ base64: string }>(key);
  if (cached && typeof cached.base64 === 'string') return Buffer.from(cached.base64, 'base64');
  if (ctx.net.offline) return 'not in the cache, and --offline makes no request';
  const r = await get(src.url, { 'user-agent': 'scholar-page' }, ctx.net, MAX_IMAGE_BYTES);
  if (!r.ok) return r.reason;
  await ctx.cache.setImage(key, { url: src.url, base64: Buffer.from(r.body).toString('base64') });
  return r.body;
}

export const thumbnails: Enricher = {
  name: 'thumbnail',
  waits: true,
  async enrich(pubs, ctx) {
    let done = 0;
    const todo = await Promise.all(pubs.filter((p) => thumbnailField(p.entry)).map(async (p) => {
      const checked = ctx.thumbnails?.get(p.entry);
      if (checked) return { p, src: checked.source, size: checked.size };
      const src = await thumbnailSource(p.entry, ctx.bibDir, ctx.siteRoot);
      return { p, src, size: src?.kind === 'file' ? (await stat(src.path)).size : 0 };
    }));
    // Encoding runs in libvips' threads: a few images at once keep both cores busy. The largest
    // files first, so that the slowest encodes (an animation, a large photo) do not start last.
    todo.sort((a, b) => b.size - a.size);
    await mapLimit(todo, IMAGE_CONCURRENCY, async ({ p, src }) => {
      await thumbnail(p, src, ctx);
      ctx.progress?.('images', ++done, todo.length);
    });
  },
};

async function thumbnail(p: Publication, src: ThumbnailSource | undefined, ctx: EnrichContext): Promise<void> {
  if (!src || src.kind === 'problem') return; // reported by validation
  const pos = p.entry.fieldPos[src.field] ?? p.entry.pos;
  const bytes = await sourceBytes(src, ctx);
  if (typeof bytes === 'string') {
    enrichProblem(ctx, p.entry.file, pos, 'image/download-failed', `thumbnail of "${p.entry.key}": ${bytes}; no thumbnail shown`);
    return;
  }
  try {
    const img = await processImage(bytes, ctx.thumbnail, ctx.cache);
    ctx.stats.imageBytesIn += bytes.length;
    ctx.stats.imageBytesOut += img.bytes;
    p.thumbnail = { src: img.src, width: img.width, height: img.height };
  } catch (err) {
    if (!(err instanceof ImageError)) throw err;
    ctx.report.error(p.entry.file, pos, { code: 'image/invalid', message: `thumbnail of "${p.entry.key}": ${err.message}` });
  }
}
