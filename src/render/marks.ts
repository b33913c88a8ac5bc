const ASCII = /^[\x00-\x7f]*$/;

/**
 * The text with its accents taken off ("Müller" → "Muller"): decomposed, combining marks dropped.
 * ASCII text, most of what a .bib holds, has neither and is returned as it is.
 */
export function withoutMarks(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, '');
}
