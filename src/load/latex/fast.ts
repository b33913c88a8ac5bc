/**
 * The fast path of the LaTeX conversion: values with no LaTeX in them but common accents. For those
 * it returns exactly what @retorquere/bibtex-parser's converter returns (with the options convert.ts
 * uses), or `undefined` when the value must go through the converter, which stays the reference.
 * test/load/latex/fast-corpus.test.ts compares both paths over every field of the real-world
 * corpus, test/load/latex/fast.test.ts on generated values; docs/performance.md says why this exists.
 *
 * What the converter does to plain text, and so what this mirrors:
 * - each run of spaces, tabs and line breaks is one space; the value is trimmed;
 * - `---`, `--`, ``` `` ``` and `''` are the ligatures — – “ ” (text mode), never across a brace;
 * - a brace group (with no command in it) is its content: there is no case protection to keep;
 * - the common accents are the letter and its combining mark (withAccents);
 * - `year` and `month` made only of digits go through parseInt; month names become numbers;
 * - list fields (publisher, institution…) and creator lists are split on the word "and";
 * - names are split BibTeX's way: "Last, First", "Last, Jr, First", or "First von Last"; a brace
 *   group is one word, and a name that is one group alone is a literal name.
 */

import type { Creator } from '../bibtex-parser.js';

/**
 * Anything the converter treats specially: commands (other than the accents withAccents takes),
 * math, ties, comments, `&`, scripts, `#`, the OT1 ligatures `<` `>` `<<` `>>`, `=`, control
 * characters (it uses \x0E/\x0F as markup marks) and paragraph breaks. Brace groups are plain (a
 * group is its content, and no ligature crosses it), and so are the quote ligatures `` and ''.
 */
const NOT_PLAIN = /[\\$~%&^_#<>=\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\uE001\uE002]|\n[ \t\r]*\n/;
const SPACE_RUN = /[ \t\r\n]+/g;
/** What SPACE_RUN changes: without a tab, a line break or two spaces in a row, it would give the same string back. */
const UNEVEN_SPACE = /[\t\r\n]| {2}/;
const oneSpaced = (s: string): string => (UNEVEN_SPACE.test(s) ? s.replace(SPACE_RUN, ' ') : s);

/** The parser's list fields: split on "and", shown joined by ", ". */
export const LITERAL_LISTS = new Set(['institution', 'publisher', 'origpublisher', 'organization', 'location', 'origlocation']);
const MONTHS: Record<string, string> = {
  jan: '1', january: '1', feb: '2', february: '2', mar: '3', march: '3', apr: '4', april: '4', may: '5',
  jun: '6', june: '6', jul: '7', july: '7', aug: '8', august: '8', sep: '9', september: '9',
  oct: '10', october: '10', nov: '11', november: '11', dec: '12', december: '12',
};

/** A creator as the parser returns it (empty parts left out). */
export type PlainCreator = Pick<Creator, 'lastName' | 'firstName' | 'prefix' | 'suffix' | 'name'>;

const LIGATURES: Record<string, string> = { '---': '\u2014', '--': '\u2013', '``': '\u201c', "''": '\u201d' };

/** The converter's spacing (a run of white space is one space) and its ligatures, read left to right. */
function ligatures(s: string): string {
  const spaced = oneSpaced(s);
  return HAS_LIGATURE.test(spaced) ? spaced.replace(/---?|``|''/g, (m) => LIGATURES[m]) : spaced;
}
const HAS_LIGATURE = /--|``|''/;

/** The converted text of a plain field value, or undefined when the value needs the converter. */
export function plainField(field: string, raw: string): string | undefined {
  const flat = plainText(raw);
  if (flat === undefined) return undefined;
  // A list's parts are joined as they are (an empty part stays, with its ", ").
  if (LITERAL_LISTS.has(field)) return splitOnAnd(wordsOf(flat)).map((p) => ungroup(p.join('')).trim()).join(', ');
  let out = ungroup(flat);
  if ((field === 'year' || field === 'month') && /^-?\d+$/.test(out.trim())) out = `${parseInt(out, 10)}`;
  out = out.trim();
  if (field === 'month') out = MONTHS[out.toLowerCase()] ?? out;
  return out;
}

/** A plain run between LaTeX islands (islands.ts): converted, not trimmed (the field is, whole). */
export function plainRun(raw: string): string | undefined {
  const flat = plainText(raw);
  return flat === undefined ? undefined : ungroup(flat);
}

/**
 * Accents written the common ways (`\\"a`, `\\"{a}`, `{\\"a}`, `\\v{g}`, `{\\o}`…) become what the
 * converter makes of them: the letter followed by its combining mark (NFC comes later, for both
 * paths). Anything else with a backslash is left alone, so the caller sends the value to the converter.
 */
const ACCENT_MARKS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323',
};
/** Letters written as a command in braces, `{\\o}`; the converter's output for each (a test checks). */
export const LETTERS: Record<string, string> = {
  o: '\u00f8', O: '\u00d8', l: '\u0142', L: '\u0141', ss: '\u00df', ae: '\u00e6', AE: '\u00c6', oe: '\u0153', OE: '\u0152',
  aa: 'a\u030a', AA: 'A\u030a',
};
// \"a  \"{a}  \v{g}, each optionally in braces: {\"a} {\"{a}} {\v{g}}; and {\o}.
const ACCENT = /\{\\(["'`^~=.])([A-Za-z])\}|\{\\(["'`^~=.]|[uvHckrd])\{([A-Za-z])\}\}|\\(["'`^~=.])([A-Za-z])|\\(["'`^~=.]|[uvHckrd])\{([A-Za-z])\}|\{\\(o|O|l|L|ss|ae|AE|oe|OE|aa|AA)\}/g;
/** The same, matched only at a given position (lastIndex). */
export const ACCENT_AT = new RegExp(ACCENT.source, 'y');

export function withAccents(value: string): string {
  if (!value.includes('\\')) return value;
  // A braced form stays a group: in a name, a group alone is a literal name.
  return value.replace(ACCENT, (_m, a1, c1, a2, c2, a3, c3, a4, c4, letter) => {
    if (letter) return `{${LETTERS[letter]}}`;
    if (a1 || a2) return `{${c1 ?? c2}${ACCENT_MARKS[a1 ?? a2]}}`;
    return c3 ? c3 + ACCENT_MARKS[a3] : c4 + ACCENT_MARKS[a4];
  });
}

/**
 * The creators of a plain author/editor list, or undefined when the list needs the converter.
 * Brace groups are allowed: one is a single word ("R {La Joie}"), and a name that is one group
 * alone is a literal name ("{Google Research}").
 */
export function plainCreators(value: string): PlainCreator[] | undefined {
  const words = plainWords(value);
  if (!words) return undefined;
  const out: PlainCreator[] = [];
  for (const name of splitOnAnd(words)) {
    const c = name.length === 1 && isOneGroup(name[0]) ? trimmed({ name: ungroup(name[0]) }) : creator(name);
    if (c === undefined) return undefined;
    if (Object.keys(c).length) out.push(c);
  }
  return out;
}

// Inside a brace group a space and a comma split nothing: they are held as these two private-use
// characters while a value is split into words, names and name parts, and given back by ungroup.
const GROUP_SPACE = '\uE001';
const GROUP_COMMA = '\uE002';

/**
 * A plain value as the converter's top-level nodes: words (brace groups kept, with their spaces
 * and commas held) and single spaces, ligatures applied; undefined when the value is not plain.
 */
function plainWords(raw: string): string[] | undefined {
  const flat = plainText(raw);
  return flat === undefined ? undefined : wordsOf(flat);
}

/** The same nodes as one string (their concatenation), or undefined. */
function plainText(raw: string): string | undefined {
  const value = withAccents(raw);
  if (NOT_PLAIN.test(value)) return undefined;
  // No group: one run of text (most values).
  if (!value.includes('{') && !value.includes('}')) return ligatures(value);
  let flat = '';
  let depth = 0;
  for (const segment of value.split(/([{}])/)) {
    if (segment === '{' || segment === '}') {
      depth += segment === '{' ? 1 : -1;
      if (depth < 0) return undefined;
      flat += segment;
    } else flat += depth ? ligatures(segment).replace(/ /g, GROUP_SPACE).replace(/,/g, GROUP_COMMA) : ligatures(segment);
  }
  if (depth !== 0) return undefined;
  return oneSpaced(flat);
}

/** Words and the single spaces between them. */
function wordsOf(flat: string): string[] {
  const out: string[] = [];
  const parts = flat.split(' ');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out.push(' ');
    if (parts[i] !== '') out.push(parts[i]);
  }
  return out;
}

/**
 * The parser splits creator and list fields where its node types, written as a string (" " a
 * space, "&" the word "and", "." anything else), match /(^& | & | &$)/; the same split, on words.
 */
function splitOnAnd(tokens: string[]): string[][] {
  const types = tokens.map((t) => (t === ' ' ? ' ' : t.length === 3 && t.toLowerCase() === 'and' ? '&' : '.')).join('');
  const out: string[][] = [];
  let at = 0;
  for (const [i, part] of types.split(/(^& | & | &$)/).entries()) {
    if (i % 2 === 0) out.push(tokens.slice(at, at + part.length));
    at += part.length;
  }
  return out;
}

/** True when the whole word is one brace group: "{Google Research}", not "{A}{B}". */
function isOneGroup(word: string): boolean {
  return word.startsWith('{') && matchBrace(word, 0) === word.length - 1;
}

/** The index of the brace closing the one at `open` (`\{` and `\}` do not count), or -1. */
export function matchBrace(v: string, open: number): number {
  let depth = 0;
  for (let i = open; i < v.length; i++) {
    const c = v[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** A name part as the converter renders it: groups are their content. */
function ungroup(s: string): string {
  return GROUPED.test(s) ? s.replace(/[{}]/g, '').replace(/\uE001/g, ' ').replace(/\uE002/g, ',') : s;
}
const GROUPED = /[{}\uE001\uE002]/;

function creator(tokens: string[]): PlainCreator | undefined {
  const text = tokens.join('');
  const words = tokens.filter((t) => t !== ' ').map(ungroup).filter((w) => w !== '');
  if (text.includes(',')) {
    const parts = text.split(',').map((p) => ungroup(p).trim());
    if (parts.length === 3 && parts[2] === '') parts.pop();
    if (parts.length > 3) return undefined; // the converter reports and drops the extra parts
    let [lastName, suffix, firstName] = parts.length === 2 ? [parts[0], undefined, parts[1]] : [parts[0], parts[1], parts[2]];
    let prefix: string | undefined;
    const m = /^([a-z'. ]+) (.+)/.exec(lastName);
    if (m) {
      prefix = m[1];
      lastName = m[2];
    }
    return trimmed({ lastName, firstName, prefix, suffix });
  }
  if (words.length === 0) return {};
  if (words.length === 1) return trimmed({ lastName: words[0] });
  const prefix = words.findIndex((n) => /^[a-z]/.test(n));
  const postfix = prefix <= 0 ? -1 : words.findIndex((n, i) => i > prefix && !/^[a-z]/.test(n));
  if (postfix === -1) return trimmed({ lastName: words[words.length - 1], firstName: words.slice(0, -1).join(' ') });
  return trimmed({
    firstName: words.slice(0, prefix).join(' '),
    prefix: words.slice(prefix, postfix).join(' '),
    lastName: words.slice(postfix).join(' '),
  });
}

/** The parser's trimCreator: trims every part and drops the empty ones. */
function trimmed(c: Record<string, string | undefined>): PlainCreator {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c)) {
    const t = v?.trim();
    if (t) out[k] = t;
  }
  return out;
}
