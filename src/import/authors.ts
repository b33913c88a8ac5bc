import { htmlText } from './bibtex.js';
import { trimChars } from './source.js';

const INITIALS = /^(?:[A-Z][a-z]?\.?[\s-]*)+$/;

/**
 * The authors of an academicpages `citation` ("Lovelace, A., & Babbage, C. (1843). …"): the text
 * before the year, split into names, as a BibTeX `author` value; undefined when it does not split.
 */
export function citationAuthors(citation: string): string | undefined {
  const text = htmlText(citation);
  const year = /\b(?:1[5-9]|20)\d\d\b/.exec(text);
  const prefix = year && trimChars(text.slice(0, year.index), ' \t\n(,', 'end');
  if (!prefix || prefix.length > 2000) return undefined;
  const parts = prefix.split(/[&;]|\band\b/).map((p) => trimChars(p, ' \t\n,')).filter(Boolean);
  const names: string[] = [];
  for (const p of parts) {
    const t = p.split(',').map((x) => x.trim()).filter(Boolean);
    // "Last, F., Last2, F2." pairs, or "First Last" names separated by commas.
    if (t.length % 2 === 0 && t.every((x, i) => i % 2 === 0 || INITIALS.test(x) || !x.includes(' '))) {
      for (let i = 0; i < t.length; i += 2) names.push(`${t[i]}, ${t[i + 1]}`);
    } else names.push(...t);
  }
  const clean = names.map((n) => n.split(/\s+/).join(' ')).filter((n) => /\p{L}/u.test(n));
  return clean.length ? clean.join(' and ') : undefined;
}
