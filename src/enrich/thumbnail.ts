import { stat } from 'node:fs/promises';
import { enrichProblem, type Enricher, type EnrichContext } from './enricher.js';
import type { Image, Publication } from '../model/publication.js';
import { sha256, type Cache } from './cache.js';
import { mapLimit } from './http.js';
import { downloadImage } from './download.js';
import { lazyRequire } from '../lazy.js';
import { MAX_IMAGE_BYTES, sniffBytes, thumbnailField, thumbnailSource, type ThumbnailSource } from './thumbnail-source.js';
import { svgProblem } from './svg-bounds.js';
import { InputFileError, readInput } from '../load/read-input.js';
import { framesOf, spriteFits, spriteSrc, validFrames, type Frames } from './sprite.js';
import { MAX_STACK_PIXELS, searchAvif } from './avif-quality.js';

/** Decoding more pixels than this is refused: a decompression bomb never reaches the resizer. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** libvips' time limit for a pipeline (seconds of its own work); it does not stop an AVIF encode under way. */
export const IMAGE_TIME_BUDGET_S = 10;

export class ImageError extends Error {
  constructor(message: string, readonly diagnostic: 'image/invalid' | 'image/too-large' = 'image/invalid') {
    super(message);
  }
}

/** sharp (libvips) is loaded only when an image is encoded. */
const loadSharp = lazyRequire<typeof import('sharp')>('sharp');

const IMAGE_CONCURRENCY = 4;

interface Encoded {
  mime: string;
  /** The picture's size: of one frame, for an animation. */
  width: number;
  height: number;
  base64: string;
  /** An animation as a stack of its frames in one AVIF (enrich/sprite.ts). */
  frames?: Frames;
}

/** The `data:` URI that shows an encode. */
const srcOf = (e: Encoded): string => (e.frames ? spriteSrc(e, e.frames) : `data:${e.mime};base64,${e.base64}`);

/**
 * Re-encodes an image for the page at twice the display box: a still image to AVIF, an animation
 * to the smaller of a WebP and a stack of its frames in one AVIF (it stays animated). SVG is rasterized, so no script in it reaches the page. Results are
 * cached by the source's hash and the box.
 */
export async function processImage(bytes: Uint8Array, box: { width: number; height: number }, cache?: Cache): Promise<Image & { bytes: number }> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageError(`image is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB`, 'image/too-large');
  const kind = sniffBytes(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)));
  if (!kind) throw new ImageError('not an image (expected JPEG, PNG, GIF, WebP, AVIF or SVG)');
  if (kind === 'svg') {
    const problem = svgProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
    if (problem) throw new ImageError(problem);
  }
  // v3: AVIF with half-resolution chroma, WebP animations with the picture preset (issue 23); v4:
  // an animation may be a stack of frames; v5: the AVIF quality is searched (avif-quality.ts); v6: searched in
  // steps of 1 with a last encode at effort 7, and a stack of frames of one length moved by steps().
  const key = `${sha256(bytes)}-${box.width * 2}x${box.height * 2}-v6`;
  // The cache folder is input too: an entry that is not what encode() makes is made again.
  const hit = validEncoded(await cache?.getImage<unknown>(key), box);
  const enc = hit ?? (await encode(bytes, kind, box));
  if (!hit) await cache?.setImage(key, enc, { derived: true });
  return { src: srcOf(enc), width: enc.width, height: enc.height, bytes: Math.floor((enc.base64.length * 3) / 4) };
}

/** A cached encode, if it has the shape encode() gives: an AVIF or WebP in base64 within the box. */
function validEncoded(v: unknown, box: { width: number; height: number }): Encoded | undefined {
  const e = v as Partial<Encoded> | undefined;
  const dim = (n: unknown, max: number): boolean => Number.isSafeInteger(n) && (n as number) > 0 && (n as number) <= max;
  if (!e || (e.mime !== 'image/avif' && e.mime !== 'image/webp') || !dim(e.width, box.width * 2) || !dim(e.height, box.height * 2)) return undefined;
  if (typeof e.base64 !== 'string' || !BASE64.test(e.base64)) return undefined;
  if (e.frames === undefined) return { mime: e.mime, width: e.width!, height: e.height!, base64: e.base64 };
  const frames = validFrames(e.frames);
  if (!frames || e.mime !== 'image/avif' || !spriteFits(e.width!, e.height!, frames.delays.length)) return undefined;
  return { mime: e.mime, width: e.width!, height: e.height!, base64: e.base64, frames };
}
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The size libvips' resize gives an image of width × height inside twice the box (fit: 'inside',
 * never enlarged): the side that fills the box, and the other rounded.
 */
function fitted(width: number, height: number, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, (box.width * 2) / width, (box.height * 2) / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encode(bytes: Uint8Array, kind: string, box: { width: number; height: number }): Promise<Encoded> {
  const sharp = loadSharp();
  const animated = kind === 'gif' || kind === 'webp';
  const input = (): import('sharp').Sharp =>
    sharp(bytes, { animated, limitInputPixels: MAX_INPUT_PIXELS, density: kind === 'svg' ? 144 : undefined })
      .timeout({ seconds: IMAGE_TIME_BUDGET_S })
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
  // libaom's AVIF depends on its thread count, which libvips takes from sharp's concurrency: 1 by
  // default on glibc Linux, the number of cores on macOS, Windows and musl. One thread everywhere,
  // so every machine writes the same bytes as CI, the ones measured (images go four at a time).
  sharp.concurrency(1);
  try {
    // A still image is AVIF: it was the smaller of WebP and AVIF for every still image we measured
    // (about 35% smaller than WebP for the example's). Its colour is kept at half resolution
    // (4:2:0), as in WebP and most JPEGs: at twice the box, that is one colour sample per CSS
    // pixel, and the example's images are 10% smaller for the same brightness detail (SSIM on luma
    // unchanged to 0.0005). Its quality is searched (enrich/avif-quality.ts): the fewest bytes that
    // look as good as quality 50 at effort 2 did. An animation is WebP, which keeps its frames
    // (libvips writes no animated AVIF; but see the stack below); the picture preset made the
    // example's 4% smaller at the same SSIM. Both encoders give the same bytes on every run.
    if (!isAnimated) {
      const { data, info } = await searchAvif(sharp, input, '4:2:0');
      return { mime: 'image/avif', width: info.width, height: info.height, base64: data.toString('base64') };
    }
    // An animation of a few frames may also be a stack of its frames in one AVIF (enrich/sprite.ts),
    // its quality searched over all its frames: the smaller page wins (the example's GIF: 18.8 KB
    // against 36 KB). Both are encoded at once: the animation is the longest encode of a page. A
    // stack that cannot be made leaves the WebP.
    const frames = framesOf(meta);
    const size = meta.width && meta.pageHeight ? fitted(meta.width, meta.pageHeight, box) : undefined;
    const stacked = frames && size && spriteFits(size.width, size.height, frames.delays.length);
    // Over MAX_STACK_PIXELS, the stack is encoded once, at the reference setting.
    const stackAvif = () => searchAvif(sharp, input, '4:2:0', { frames: frames!.delays.length, maxPixels: MAX_STACK_PIXELS });
    const [webp, stack] = await Promise.all([input().webp({ quality: 72, effort: 4, preset: 'picture' }).toBuffer({ resolveWithObject: true }), stacked ? stackAvif().catch(() => undefined) : undefined]);
    const { width, pageHeight = webp.info.height } = webp.info;
    const animation: Encoded = { mime: 'image/webp', width, height: pageHeight, base64: webp.data.toString('base64') };
    if (!frames || !stack || !spriteFits(width, pageHeight, frames.delays.length) || stack.info.width !== width || stack.info.height !== pageHeight * frames.delays.length) return animation;
    const sprite: Encoded = { mime: 'image/avif', width, height: pageHeight, base64: stack.data.toString('base64'), frames };
    return srcOf(sprite).length < srcOf(animation).length ? sprite : animation;
  } catch (err) {
    throw new ImageError(`cannot process image: ${(err as Error).message}`);
  }
}

/**
 * An image file's bytes, its size checked before it is read: a 3 GB file named as an avatar is an
 * ImageError, not a whole read (nor a device or a FIFO that never ends).
 */
export async function readImageFile(file: string): Promise<Uint8Array> {
  try {
    return await readInput(file, MAX_IMAGE_BYTES);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err; // ENOENT, EACCES…: the callers say which
    if (err.code !== 'EFBIG') throw new ImageError('not a regular file');
    throw new ImageError(`image is ${(err.size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB`, 'image/too-large');
  }
}

/** The bytes of a thumbnail: a local file, or a URL downloaded once and kept in the cache. */
async function sourceBytes(src: { kind: 'file'; path: string } | { kind: 'url'; url: string }, ctx: EnrichContext): Promise<Uint8Array | string> {
  if (src.kind === 'file') return readImageFile(src.path);
  return downloadImage(src.url, ctx);
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
  try {
    const bytes = await sourceBytes(src, ctx);
    if (typeof bytes === 'string') {
      enrichProblem(ctx, p.entry.file, pos, 'image/download-failed', `thumbnail of "${p.entry.key}": ${bytes}; no thumbnail shown`);
      return;
    }
    const img = await processImage(bytes, ctx.thumbnail, ctx.cache);
    ctx.stats.imageBytesIn += bytes.length;
    ctx.stats.imageBytesOut += img.bytes;
    p.thumbnail = { src: img.src, width: img.width, height: img.height };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!(err instanceof ImageError) && !code) throw err;
    // A file that went away or became unreadable since it was checked is a diagnostic too.
    ctx.report.error(p.entry.file, pos, { code: err instanceof ImageError ? err.diagnostic : 'image/unreadable', message: `thumbnail of "${p.entry.key}": ${code ? `cannot be read (${code})` : (err as Error).message}` });
  }
}
