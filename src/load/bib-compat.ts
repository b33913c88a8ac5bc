/**
 * The text as the verbatim parser should see it, with the same length and positions as the file:
 * Jekyll front matter blanked, `$` swapped for a private-use character, and each braced
 * `@comment{…}` blanked whole. Also the keyword scan the loader uses to find directives.
 */

/**
 * Where `keyword` (a pattern anchored at `@`) matches, tried on a short slice at each `@`: a
 * case-insensitive regex run once over a whole 5 MB file, or a sticky one at each `@`, costs
 * 30–100 ms; this, under 1 ms. `text` should be flat: indexOf on a string built by replaceAll
 * (a V8 cons string) walks its pieces on every call (35 ms for 5,000 entries).
 */
export function keywordsAt(text: string, keyword: RegExp): { at: number; end: number }[] {
  const found: { at: number; end: number }[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let word = at + 1;
    while (word < text.length && SPACE.test(text[word])) word++;
    const m = keyword.exec(text.slice(at, word + LONGEST_KEYWORD + 1));
    if (m) found.push({ at, end: at + m[0].length });
  }
  return found;
}
const SPACE = /\s/;
const LONGEST_KEYWORD = 'preamble'.length;

export const DIRECTIVE = /^@\s*(?:string|preamble)\b/i;
const COMMENT = /^@\s*comment\b/i;

/** A braced `@comment{…}` that holds entries: biber and jekyll-scholar hide them, BibTeX does not. */
export interface HiddenEntries {
  /** Offset of the `@comment`. */
  at: number;
  /** The `@type{key` of each entry inside, in order. */
  entries: { type: string; key: string }[];
}

export interface Compatible {
  text: string;
  hidden: HiddenEntries[];
}

/**
 * Where the parser differs from the readers people build with, and must not lose or show entries
 * they do not. It rejects an odd number of `$` in a field (a URL with `$B` in it): `$` is swapped
 * for a private-use character during parsing (same length, so positions hold). A braced
 * `@comment{…}` that starts its line is one block, skipped whole, as biber and bibtex-ruby read it
 * (classic BibTeX reads on after `@comment` and finds the entries inside); one whose braces never
 * balance, or one without a brace, is plain text between entries, as classic BibTeX reads it.
 */
export const DOLLAR = '\uE000';
export function bibtexCompatible(text: string): Compatible {
  const out = text.includes(DOLLAR) ? text : flat(text.replaceAll('$', DOLLAR));
  // Only a comment that starts its line is read as one: `@comment{` inside a field value is text.
  const comments = keywordsAt(text, COMMENT).filter(({ at }) => atLineStart(text, at));
  if (!comments.length) return { text: out, hidden: [] };
  const braces = comments.map(({ end }) => braceAfter(text, end));
  const close = closers(text, new Set(braces.filter((b) => b !== undefined)));
  const pieces = [];
  const hidden: HiddenEntries[] = [];
  let from = 0;
  for (const [n, { at, end }] of comments.entries()) {
    if (at < from) continue; // inside a block already skipped
    pieces.push(out.slice(from, at));
    const brace = braces[n];
    const closed = brace === undefined ? undefined : close.get(brace);
    if (closed === undefined) {
      pieces.push(' '); // `@` dropped: the rest is plain text between entries
      from = at + 1;
      continue;
    }
    const block = text.slice(at, closed);
    const inside = entriesIn(block.slice(end - at));
    if (inside.length) hidden.push({ at, entries: inside });
    pieces.push(block.replace(/[^\r\n]/g, ' '));
    from = closed;
  }
  pieces.push(out.slice(from));
  return { text: flat(pieces.join('')), hidden };
}

function atLineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r' || text[i] === '\uFEFF';
}

/** The offset of the `{` after `@comment` and white space, if a brace comes next. */
function braceAfter(text: string, from: number): number | undefined {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === '{' ? i : undefined;
}

/**
 * For each of `opens` (offsets of `{`), the offset after the `}` that closes it, found in one pass
 * over the text with a stack: a scan per comment would read to the end of the file for each one
 * that never closes.
 */
function closers(text: string, opens: Set<number>): Map<number, number> {
  const found = new Map<number, number>();
  if (!opens.size) return found;
  const stack: number[] = [];
  let first = text.length;
  for (const o of opens) first = Math.min(first, o);
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN) stack.push(i);
    else if (c === CLOSE && stack.length) {
      const open = stack.pop()!;
      if (opens.has(open)) found.set(open, i + 1);
    }
  }
  return found;
}
const OPEN = 123, CLOSE = 125;

/** `@type{key` of the entries in a comment's text (directives and nested comments aside). */
function entriesIn(text: string): { type: string; key: string }[] {
  const found: { type: string; key: string }[] = [];
  for (const m of text.matchAll(/@[ \t]*([A-Za-z]{1,40})[ \t]*[{(][ \t\r\n]*([^,\s{}()"=]{0,200})/g)) {
    if (!/^(string|preamble|comment)$/i.test(m[1])) found.push({ type: m[1].toLowerCase(), key: m[2] });
  }
  return found;
}

/**
 * The same string, stored in one piece. V8 keeps replaceAll's result as a tree of pieces, and
 * every indexOf on it walks them (35 ms for the 5,000 entry offsets of a 5 MB file); converting
 * it to a number flattens it in place, once (a 10 ms copy).
 */
export function flat(s: string): string {
  void Number(s);
  return s;
}

/** The parser's values with `$` put back (keys, fields and error messages). */
export function restoreDollars<L extends { entries: { key: string; fields: Record<string, string> }[]; errors: { error: string }[] }>(lib: L): L {
  const back = (s: string): string => (s.includes(DOLLAR) ? s.split(DOLLAR).join('$') : s);
  for (const e of lib.entries) {
    for (const k of Object.keys(e.fields)) e.fields[k] = back(e.fields[k]);
    e.key = back(e.key);
  }
  for (const err of lib.errors) err.error = back(err.error);
  return lib;
}

/** `$` put back into a text taken from the parser's input. */
export const withDollars = (s: string): string => (s.includes(DOLLAR) ? s.split(DOLLAR).join('$') : s);

/** Front matter can only start a file whose first line starts with `---`. */
export const startsFrontMatter = (first4: string): boolean => /^\uFEFF?---/.test(first4);

/** Jekyll front matter (al-folio's `---\n---`) becomes blank lines, so positions stay true. */
export function blankFrontMatter(text: string): string {
  const m = /^(?:\uFEFF)?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text) ?? /^---[ \t]*\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return text;
  return m[0].replace(/[^\n]/g, ' ') + text.slice(m[0].length);
}
