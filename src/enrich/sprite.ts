/**
 * An animation as a sprite: its frames stacked in one AVIF, shown one at a time by a small SVG
 * around it (a CSS animation moves the stack; the SVG's box shows one frame). libvips writes no
 * animated AVIF, and the stacked AVIF is much smaller than the animated WebP of the same frames:
 * the example's 8-frame GIF is 21 KB against 36 KB, at the same SSIM (docs/performance.md, item 21).
 * The SVG is an image like any other to the theme (`<img src>`), so every theme, the paper pages and
 * a video's poster show it unchanged; in an image, an SVG runs no script and loads nothing but its
 * own `data:` AVIF. Everything in it is written here from numbers and base64 that were checked:
 * neither the source file nor the cache folder puts markup on the page.
 */

/** Timing of the frames, as the source image gives it. */
export interface Frames {
  /** Milliseconds each frame is shown, in order. */
  delays: number[];
  /** How many times the animation plays; 0: for ever. */
  loop: number;
}

/** A stack is used only this small: a browser decodes all of it at once, not a frame at a time. */
export const SPRITE_LIMITS = { frames: 32, pixels: 8_000_000, height: 16_000 };

/** Whether `count` frames of width × frameHeight pixels make a stack within SPRITE_LIMITS. */
export function spriteFits(width: number, frameHeight: number, count: number): boolean {
  return count >= 2 && count <= SPRITE_LIMITS.frames && frameHeight * count <= SPRITE_LIMITS.height && width * frameHeight * count <= SPRITE_LIMITS.pixels;
}

/**
 * The frames' timing from the decoder's metadata. A delay of 10 ms or less is shown for 100 ms, as
 * browsers show such a GIF (many GIFs say 0 and mean "the default"); no delay at all is 100 ms too.
 */
export function framesOf(meta: { pages?: number; delay?: number[]; loop?: number }): Frames | undefined {
  const count = meta.pages ?? 1;
  if (count < 2) return undefined;
  const delays = Array.from({ length: count }, (_, i) => {
    const d = meta.delay?.[i];
    return typeof d === 'number' && Number.isSafeInteger(d) && d > 10 ? Math.min(d, MAX_DELAY) : 100;
  });
  const loop = Number.isSafeInteger(meta.loop) && meta.loop! >= 0 ? Math.min(meta.loop!, MAX_LOOP) : 0;
  return { delays, loop };
}
const MAX_DELAY = 65_535;
const MAX_LOOP = 65_535;

/** Frames read back from the cache folder, if they have the shape framesOf gives; else undefined. */
export function validFrames(v: unknown): Frames | undefined {
  const f = v as Partial<Frames> | undefined;
  if (!f || typeof f !== 'object' || !Array.isArray(f.delays) || f.delays.length < 2 || f.delays.length > SPRITE_LIMITS.frames) return undefined;
  if (!f.delays.every((d) => Number.isSafeInteger(d) && d > 10 && d <= MAX_DELAY)) return undefined;
  if (!Number.isSafeInteger(f.loop) || f.loop! < 0 || f.loop! > MAX_LOOP) return undefined;
  return { delays: [...f.delays], loop: f.loop! };
}

/**
 * The `data:` URI of the SVG that shows a stack of frames (an AVIF in base64, frames of
 * width × height, one under the other) as an animation. Frames of one length (most GIFs) move by
 * `steps(n, jump-none)` to the last frame; others by a keyframe per frame, held (`step-end`). The
 * whole SVG is percent-encoded only where a URI or a template needs it (see `uriOf`): the base64
 * stays as it is (its `+` and `/` mean themselves in a `data:` URI) but for its `=` padding.
 */
export function spriteSrc(stack: { width: number; height: number; base64: string }, frames: Frames): string {
  const { width: w, height: h } = stack;
  const n = frames.delays.length;
  const total = frames.delays.reduce((a, b) => a + b, 0);
  const at = (i: number) => `{transform:translateY(${i ? -i * h : 0}px)}`;
  const plays = frames.loop === 0 ? 'infinite' : `${frames.loop} forwards`;
  // The last frame stays to the end, and is the one left showing when a counted loop is over.
  let animation: string;
  if (frames.delays.every((d) => d === frames.delays[0])) {
    // n steps from the first frame to the last, both included: frame i shows for the i-th n-th.
    animation = `@keyframes f{to${at(n - 1)}}image{animation:f ${total}ms steps(${n},jump-none) ${plays}}`;
  } else {
    let start = 0;
    const steps: string[] = [];
    frames.delays.forEach((d, i) => {
      steps.push(`${+((100 * start) / total).toFixed(3)}%${at(i)}`);
      start += d;
    });
    steps.push(`100%${at(n - 1)}`);
    animation = `@keyframes f{${steps.join('')}}image{animation:f ${total}ms step-end ${plays}}`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<style>${animation}</style><image width="${w}" height="${h * n}" href="data:image/avif;base64,${stack.base64}"/></svg>`;
  return `data:image/svg+xml,${uriOf(svg)}`;
}

/**
 * ASCII text as the body of a `data:` URI, percent-encoding what a URI cannot hold as it is (`%`,
 * `#`, spaces, quotes, angle brackets) and what a template escapes (`"`, `'`, `&`, `<`, `>`, `=`,
 * a backquote): the example's sprite's markup is 381 characters against 425 with
 * encodeURIComponent.
 */
function uriOf(text: string): string {
  return text.replace(/[^A-Za-z0-9+/.:;,{}()@_!~*-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
