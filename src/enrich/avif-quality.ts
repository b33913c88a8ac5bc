import type { Sharp } from 'sharp';
import { lazyRequire } from '../lazy.js';

/** ssim.js (structural similarity) is loaded only when an image is encoded. */
const loadSsim = lazyRequire<typeof import('ssim.js')>('ssim.js');

export interface AvifSettings {
  quality: number;
  effort: number;
}

/**
 * The AVIF setting every thumbnail had through 0.2 (quality 50 at libaom's fastest useful effort),
 * and the yardstick of the search below: a picture never looks worse than it did at this setting.
 */
export const REFERENCE: AvifSettings = { quality: 50, effort: 2 };
/** The effort searched at: it keeps more detail per byte than effort 2, for ~6× the encoding time. */
const EFFORT = 5;
/** Qualities tried at that effort, ascending. */
const QUALITIES = [36, 38, 40, 42, 44, 46, 48];
/**
 * Pictures larger than this are encoded at the reference setting, unsearched: the search encodes a
 * picture 4 times, at an effort whose time grows with the pixels (~0.27 s of one core for 0.1
 * megapixels, ~0.7 s for 0.25). At the default theme's box, a thumbnail is 0.09 megapixels; a
 * theme with a box of 250×250 CSS pixels or less stays within it.
 */
export const MAX_SEARCH_PIXELS = 250_000;
/**
 * The largest stack of an animation's frames encoded at a searched setting: it is encoded once at
 * effort 5 (1.8 s for the example's 0.72 megapixels), and libvips stops an encode after
 * IMAGE_TIME_BUDGET_S.
 */
export const MAX_STACK_PIXELS = 1_000_000;
/** SSIM compares 11×11 windows: a picture narrower or lower than this is not searched. */
export const MIN_SEARCH_SIDE = 16;

export interface Searched {
  settings: AvifSettings;
  /** The encode of `picture` at those settings. */
  data: Buffer;
  info: import('sharp').OutputInfo;
}

/**
 * The smallest AVIF of `picture` (a resized pipeline, made anew for each encode) that is as close
 * to it as the reference encode is, by SSIM (structural similarity, the mean over the picture):
 * the lowest quality in QUALITIES at effort 5 that scores at least the reference's score, found by
 * bisection (SSIM grows with the quality), else the reference encode itself. For the example's
 * thumbnails, 22% fewer bytes than the reference (docs/performance.md, item 22). Deterministic:
 * the encoder runs on one thread, and the score is plain arithmetic on the decoded pixels.
 */
export async function searchAvif(sharp: typeof import('sharp'), picture: () => Sharp, chromaSubsampling: string): Promise<Searched> {
  const source = await picture().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = source.info;
  // A picture with any transparency is not searched either: the score compares colour, and the
  // alpha plane, encoded at the same quality, would lose detail unmeasured.
  const searched = width * height <= MAX_SEARCH_PIXELS && Math.min(width, height) >= MIN_SEARCH_SIDE && opaque(source.data);
  const encode = async (settings: AvifSettings): Promise<Searched & { score: number }> => {
    const { data, info } = await picture().avif({ ...settings, chromaSubsampling }).toBuffer({ resolveWithObject: true });
    if (!searched) return { settings, data, info, score: 1 };
    const decoded = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (decoded.info.width !== width || decoded.info.height !== height) return { settings, data, info, score: 0 };
    const image = (pixels: Buffer) => ({ data: new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length), width, height });
    return { settings, data, info, score: loadSsim().ssim(image(source.data), image(decoded.data)).mssim };
  };
  const reference = await encode(REFERENCE);
  if (!searched) return reference;
  let lo = 0;
  let hi = QUALITIES.length;
  let best = reference;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const tried = await encode({ quality: QUALITIES[mid], effort: EFFORT });
    if (tried.score >= reference.score) {
      best = tried.data.length < best.data.length ? tried : best;
      hi = mid;
    } else lo = mid + 1;
  }
  return best;
}

/** Whether every pixel of RGBA `pixels` is fully opaque. */
function opaque(pixels: Buffer): boolean {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
  return true;
}
