import { CSS_NAMED_COLORS } from './css-named-colors.js';

/** The WCAG AA contrast for normal text, which a badge's text colour must reach on its background. */
export const MIN_CONTRAST = 4.5;

export const WHITE = '#ffffff';
export const BLACK = '#000000';

/**
 * A colour written in an untrusted file as `#rgb`, `#rrggbb` or a CSS colour name (any case),
 * as "#rrggbb" in lower case; undefined for anything else (`rgb()`, `var()`, `red;background:…`).
 * Only this form reaches the page's CSS, so nothing else written there can.
 */
export function parseColor(value: string): string | undefined {
  if (value.length > 40) return undefined;
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  return CSS_NAMED_COLORS.get(v);
}

/** Relative luminance of "#rrggbb" (WCAG 2.x, sRGB). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two "#rrggbb" colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Text colour for a badge background: white, as al-folio writes badges, when it reaches 4.5:1;
 * else black. One of the two always does (the worst background, luminance ≈ 0.18, gives 4.58:1).
 */
export function textColorFor(background: string): string {
  return contrast(background, WHITE) >= MIN_CONTRAST ? WHITE : BLACK;
}
