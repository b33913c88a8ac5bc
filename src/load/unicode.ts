/**
 * Unicode normal forms, which leave ASCII text (most of what a .bib holds) as it is: it is tested
 * for first, since `normalize` is not free even when it changes nothing.
 */
const ASCII = /^[\x00-\x7f]*$/;

/** The text in NFC. */
export const nfc = (s: string): string => (ASCII.test(s) ? s : s.normalize('NFC'));

/** The text with its accents taken off ("Müller" → "Muller"): decomposed, combining marks dropped. */
export function withoutMarks(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, '');
}
