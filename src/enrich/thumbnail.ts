import { readFile, stat } from 'node:fs/promises';
import type { Enricher, EnrichContext } from './enricher.js';
import type { Image } from '../model/publication.js';
import { MAX_IMAGE_BYTES, sniffBytes, thumbnailSource } from './thumbnail-source.js';

/** Decoding more pixels than this is refused: a decompression bomb never reaches the resizer. */
export const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Reads an image and re-encodes it for the page at twice the display width: WebP, animated when the
 * source is (GIF). SVG is rasterized, so no script in it can reach the page.
 */
export async function processImage(file: string, box: { width: number; height: number }): Promise<Image> {
  const size = (await stat(file)).size;
  if (size > MAX_IMAGE_BYTES) throw new ImageError(`image is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB`);
  const bytes = await readFile(file);
  const kind = sniffBytes(bytes);
  if (!kind) throw new ImageError('not an image (expected JPEG, PNG, GIF, WebP, AVIF or SVG)');
  const { default: sharp } = await import('sharp');
  const animated = kind === 'gif' || kind === 'webp';
  const input = sharp(bytes, { animated, limitInputPixels: MAX_INPUT_PIXELS, density: kind === 'svg' ? 144 : undefined });
  let meta;
  try {
    meta = await input.metadata();
  } catch (err) {
    throw new ImageError(`cannot decode image: ${(err as Error).message}`);
  }
  const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * (meta.pages ?? 1);
  if (pixels > MAX_INPUT_PIXELS) throw new ImageError(`image has ${meta.width}×${meta.height} pixels; the limit is ${MAX_INPUT_PIXELS / 1e6} megapixels`);
  const out = await input
    .resize({ width: box.width * 2, height: box.height * 2, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 72, effort: 4 })
    .toBuffer({ resolveWithObject: true })
    .catch((err: Error) => {
      throw new ImageError(`cannot process image: ${err.message}`);
    });
  const height = out.info.pageHeight ?? out.info.height;
  return { src: `data:image/webp;base64,${out.data.toString('base64')}`, width: out.info.width, height };
}

export class ImageError extends Error {}

export const thumbnails: Enricher = {
  name: 'thumbnail',
  async enrich(pubs, ctx: EnrichContext) {
    await Promise.all(
      pubs.map(async (p) => {
        const src = await thumbnailSource(p.entry, ctx.bibDir, ctx.siteRoot);
        if (!src || src.kind !== 'file') return; // problems were reported by validation
        try {
          p.thumbnail = await processImage(src.path, ctx.thumbnail);
        } catch (err) {
          if (!(err instanceof ImageError)) throw err;
          ctx.report.error(p.entry.file, p.entry.fieldPos[src.field] ?? p.entry.pos, {
            code: 'image/invalid',
            message: `thumbnail of "${p.entry.key}": ${err.message}`,
          });
        }
      }),
    );
  },
};
