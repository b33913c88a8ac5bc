import { htmlText } from './bibtex.js';
import { trimChars } from './source.js';

const INITIALS = /^(?:[A-Z][a-z]?\.?[\s-]*)+$/;

/**
 * The authors of an academicpages `citation` ("Lovelace, A., & Babbage, C. (1843). …"): the text
 * before the year, split into names, as a BibTeX `author` value; undefined when it does not split.
 */
export function citationAuthors(citation: string): string | undefined {
  let text = htmlText(citation);
  // IEEE, MLA and Chicago put the quoted title after the names, and the year at the end:
  // 'A. Lovelace and C. Babbage, “Notes,” presented at …, 1843.' The names end at the quote.
  // Only a quote after a comma or a full stop: `John "Jack" Smith` is a name with a nickname.
  const quote = text.search(/[,.]\s*[“"«„]/);
  if (quote > 0) text = text.slice(0, quote);
  const year = /\b(?:1[5-9]|20)\d\d\b/.exec(text);
  const prefix = year ? trimChars(text.slice(0, year.index), ' \t\n(,', 'end') : quote > 0 ? trimChars(text, ' \t\n(,.', 'end') : undefined;
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
  // A final full stop ends the list, not an initial ("Charles Babbage." → "Charles Babbage").
  const clean = names.map((n) => withoutFullStop(n.split(/\s+/).join(' '))).filter((n) => /\p{L}/u.test(n));
  // What is not a list of names (a title or a venue before the year) is no author list at all:
  // the caller then says to check it.
  if (clean.some((n) => n.split(' ').length > 6 || /\d/.test(n))) return undefined;
  return clean.length ? clean.join(' and ') : undefined;
}

/** A name without the full stop after a word of two letters or more (an initial keeps its own). */
function withoutFullStop(name: string): string {
  const letter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
  return name.endsWith('.') && letter(name[name.length - 2]) && letter(name[name.length - 3]) ? name.slice(0, -1) : name;
}
