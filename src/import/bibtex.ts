/** Writing BibTeX entries from text found in other files: every value braced and escaped. */
import { stripTags, trimChars } from './source.js';

/** How many entries (not @string, @comment, @preamble) a .bib holds, counted by line starts. */
export const countEntries = (bib: string): number => bib.split('\n').filter((l) => /^@(?!string|comment|preamble)\w+\s*[{(]/i.test(l.trimStart())).length;

/** Whether any entry has `selected = {true}` (al-folio's selected papers). */
export const hasSelected = (bib: string): boolean => bib.split('\n').some((l) => /^selected\s*=\s*(?:[{"]\s*)?true/i.test(l.trimStart()));

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: ' ', ndash: '–', mdash: '—' };

/** HTML as plain text: tags dropped, the common entities decoded. */
export function htmlText(s: string): string {
  return stripTags(s)
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' || e[1] === 'X' ? `0${e.slice(1)}` : e.slice(1)) || 0xfffd) : ENTITIES[e.toLowerCase()] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

const TEX: Record<string, string> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '%': '\\%', '&': '\\&', $: '\\$', '#': '\\#', _: '\\_', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}' };

/** Text as a BibTeX value: LaTeX's special characters escaped, so braces always balance. */
export const texValue = (s: string): string => s.replace(/[\\{}%&$#_~^]/g, (c) => TEX[c]);

/** A URL as a BibTeX value: read verbatim, so only what would unbalance the braces is percent-encoded. */
export const urlValue = (s: string): string => s.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** A citation key of letters, digits and `-_:` made from any text, unique among `taken`. */
export function citationKey(s: string, taken: Set<string>): string {
  const slug = s.normalize('NFKD').replace(/[^A-Za-z0-9_:-]+/g, '-');
  const base = trimChars(slug, '-') || 'entry';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

/** One entry; `fields` in order, `url`-like ones written verbatim, the others escaped. */
export function bibEntry(type: string, key: string, fields: [name: string, value: string, verbatim?: boolean][]): string {
  const body = fields.map(([n, v, verbatim]) => `  ${n} = {${verbatim ? urlValue(v) : texValue(v)}},`).join('\n');
  return `@${type}{${key},\n${body}\n}\n`;
}
