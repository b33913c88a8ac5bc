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
 * and the yardstick of the search below: a picture never scores lower than it did at this setting.
 */
export const REFERENCE: AvifSettings = { quality: 50, effort: 2 };
/** The effort searched at: it keeps more detail per byte than effort 2, for ~6× the encoding time. */
const EFFORT = 5;
/** Qualities tried at that effort, ascending (a step of 1: 1.0 KB less than a step of 2 on the example's page, for one encode more). */
const QUALITIES = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48];
/**
 * The quality found is encoded once more at this effort, and that encode kept if it is smaller and
 * still scores at least the reference's: 3–5% fewer bytes for ~0.5 s of one core per thumbnail.
 * Only for a picture within MAX_SEARCH_PIXELS: on the example's animation stack (0.72 megapixels)
 * it saved 1.6% for ~5 s.
 */
const FINAL_EFFORT = 7;
/**
 * Pictures larger than this are encoded at the reference setting, unsearched: the search encodes a
 * picture up to 6 times (the reference, up to 4 bisection steps, the last encode at effort 7), at
 * efforts whose time grows with the pixels (~0.27 s of one core at effort 5 for 0.1 megapixels,
 * ~0.7 s for 0.25). At the default theme's box, a thumbnail is 0.09 megapixels; a
 * theme with a box of 250×250 CSS pixels or less stays within it. Only these bounds limit the
 * search's work: libvips' timeout does not stop an AVIF encode under way.
 */
export const MAX_SEARCH_PIXELS = 250_000;
/** The same bound for a stack of an animation's frames (the example's: 0.72 megapixels, 1.8 s per encode). */
export const MAX_STACK_PIXELS = 1_000_000;
/** SSIM compares 11×11 windows: a picture (a frame) narrower or lower than this is not searched. */
export const MIN_SEARCH_SIDE = 16;

export interface Searched {
  settings: AvifSettings;
  /** The encode of `picture` at those settings. */
  data: Buffer;
  info: import('sharp').OutputInfo;
}

/**
 * The smallest AVIF of `picture` (a resizing pipeline, run once; for an animation, its `frames`
 * stacked one under the other) that is as close to it as the reference encode is, by SSIM
 * (structural similarity of the brightness, ssim.js; each frame scored on its own): the lowest
 * quality in QUALITIES at effort 5 at which the mean of the frames' scores is at least the
 * reference encode's, found by bisection (SSIM grows with the quality), then encoded once more at
 * FINAL_EFFORT when the picture is within MAX_SEARCH_PIXELS (kept if smaller and as close); else
 * the reference encode itself. For the example's nine stills, 4.6% fewer bytes than the ninth
 * round's search, 25% fewer than the reference (docs/performance.md, items 22–23).
 * Deterministic: the encoder runs on one thread, and the score is plain arithmetic on the decoded
 * pixels. The colour planes are not scored.
 */
export async function searchAvif(
  sharp: typeof import('sharp'),
  picture: () => Sharp,
  chromaSubsampling: string,
  opts: { frames?: number; maxPixels?: number } = {},
): Promise<Searched> {
  const { frames = 1, maxPixels = MAX_SEARCH_PIXELS } = opts;
  // Decoded and resized once: every encode starts from these pixels (the same bytes as encoding
  // the pipeline itself, checked on the example's ten images), and the source is not decoded again.
  const resized = await picture().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const { width, height, channels } = resized.info;
  const pixels = (): Sharp => sharp(resized.data, { raw: { width, height, channels } });
  const source = await pixels().toColourspace('srgb').ensureAlpha().raw().toBuffer();
  const frameHeight = height / frames;
  // A picture with any transparency is not searched either: the alpha plane, encoded at the same
  // quality, would lose detail unmeasured. An opaque one is encoded without its alpha channel (a
  // GIF or a PNG may have one): 246 bytes less for the example's animation.
  const flat = opaque(source);
  const searched = Number.isInteger(frameHeight) && width * height <= maxPixels && Math.min(width, frameHeight) >= MIN_SEARCH_SIDE && flat;
  const encode = async (settings: AvifSettings): Promise<Searched & { scores: number[] }> => {
    const { data, info } = await (flat ? pixels().removeAlpha() : pixels()).avif({ ...settings, chromaSubsampling }).toBuffer({ resolveWithObject: true });
    if (!searched) return { settings, data, info, scores: [] };
    const decoded = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (decoded.info.width !== width || decoded.info.height !== height) return { settings, data, info, scores: [-Infinity] };
    const frame = (pixels: Buffer, i: number) => {
      const size = width * frameHeight * 4;
      return { data: new Uint8ClampedArray(pixels.buffer, pixels.byteOffset + i * size, size), width, height: frameHeight };
    };
    const scores = Array.from({ length: frames }, (_, i) => loadSsim().ssim(frame(source, i), frame(decoded.data, i)).mssim);
    return { settings, data, info, scores };
  };
  const reference = await encode(REFERENCE);
  if (!searched) return reference;
  const passes = (tried: { scores: number[] }) => tried.scores.length === frames && mean(tried.scores) >= mean(reference.scores);
  let lo = 0;
  let hi = QUALITIES.length;
  let best = reference;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const tried = await encode({ quality: QUALITIES[mid], effort: EFFORT });
    if (passes(tried)) {
      best = tried.data.length < best.data.length ? tried : best;
      hi = mid;
    } else lo = mid + 1;
  }
  if (best !== reference && width * height <= MAX_SEARCH_PIXELS) {
    const final = await encode({ quality: best.settings.quality, effort: FINAL_EFFORT });
    if (passes(final) && final.data.length < best.data.length) best = final;
  }
  return best;
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Whether every pixel of RGBA `pixels` is fully opaque. */
function opaque(pixels: Buffer): boolean {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
  return true;
}
