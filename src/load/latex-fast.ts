/**
 * The fast path of the LaTeX conversion: values with no LaTeX in them at all. For those it returns
 * exactly what @retorquere/bibtex-parser's converter returns (with the options latex.ts uses), or
 * `undefined` when the value is not plain and must go through the converter, which stays the
 * reference. test/load/latex-fast.test.ts compares both paths over every field of the real-world
 * corpus; docs/performance.md says why this exists.
 *
 * What the converter does to plain text, and so what this mirrors:
 * - each run of spaces, tabs and line breaks is one space; the value is trimmed;
 * - `---` and `--` are the ligatures — and – (text mode), never across a brace;
 * - a brace group (with no command in it) is its content: there is no case protection to keep;
 * - `year` and `month` made only of digits go through parseInt; month names become numbers;
 * - list fields (publisher, institution…) and creator lists are split on the word "and";
 * - names are split BibTeX's way: "Last, First", "Last, Jr, First", or "First von Last".
 */

import type { Creator } from './bibtex-parser.js';

/**
 * Anything the converter treats specially: commands, groups, math, ties, comments, `&`, scripts,
 * `#`, the OT1 ligatures `<` `>` `<<` `>>` ``` `` ``` `''`, control characters (it uses \x0E/\x0F as
 * markup marks) and paragraph breaks.
 */
const SPECIAL = '\\\\$~%&^_#<>`=\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f';
const ALSO = "|''|\\n[ \\t\\r]*\\n";
const NOT_PLAIN = new RegExp(`[{}${SPECIAL}]${ALSO}`);
/** Braces are plain too in fields (not in names): a group is its content, and no ligature crosses it. */
const NOT_PLAIN_FIELD = new RegExp(`[${SPECIAL}]${ALSO}`);
const SPACE_RUN = /[ \t\r\n]+/g;

/** The parser's list fields: split on "and", shown joined by ", ". */
const LITERAL_LISTS = new Set(['institution', 'publisher', 'origpublisher', 'organization', 'location', 'origlocation']);
const MONTHS: Record<string, string> = {
  jan: '1', january: '1', feb: '2', february: '2', mar: '3', march: '3', apr: '4', april: '4', may: '5',
  jun: '6', june: '6', jul: '7', july: '7', aug: '8', august: '8', sep: '9', september: '9',
  oct: '10', october: '10', nov: '11', november: '11', dec: '12', december: '12',
};

/** A creator as the parser returns it (empty parts left out). */
export type PlainCreator = Pick<Creator, 'lastName' | 'firstName' | 'prefix' | 'suffix'>;

/** The converter's spacing (a run of white space is one space) and its dash ligatures. */
function ligatures(s: string): string {
  return s.replace(SPACE_RUN, ' ').replace(/---?/g, (m) => (m === '---' ? '\u2014' : '\u2013'));
}

/** The converted text of a plain field value, or undefined when the value needs the converter. */
export function plainField(field: string, value: string): string | undefined {
  if (NOT_PLAIN_FIELD.test(value)) return undefined;
  let text = '';
  let depth = 0;
  for (const segment of value.split(/([{}])/)) {
    if (segment === '{') depth++;
    else if (segment === '}') depth--;
    else text += ligatures(segment);
    if (depth < 0) return undefined;
  }
  if (depth !== 0) return undefined;
  if (LITERAL_LISTS.has(field) && /(^| )and( |$)/i.test(text)) return undefined;
  let out = text;
  if ((field === 'year' || field === 'month') && /^-?\d+$/.test(out.trim())) out = `${parseInt(out, 10)}`;
  out = out.trim();
  if (field === 'month') out = MONTHS[out.toLowerCase()] ?? out;
  return out;
}

/** The creators of a plain author/editor list, or undefined when the list needs the converter. */
export function plainCreators(value: string): PlainCreator[] | undefined {
  if (NOT_PLAIN.test(value)) return undefined;
  // The parser splits its node list where the node types, written as a string (" " a space,
  // "&" the word "and", "." anything else), match /(^& | & | &$)/; the same split, on words.
  const tokens = ligatures(value).split(/( )/).filter((t) => t !== '');
  const types = tokens.map((t) => (t === ' ' ? ' ' : /^and$/i.test(t) ? '&' : '.')).join('');
  const out: PlainCreator[] = [];
  let at = 0;
  for (const [i, part] of types.split(/(^& | & | &$)/).entries()) {
    const name = tokens.slice(at, at + part.length);
    at += part.length;
    if (i % 2 === 1) continue;
    const c = creator(name);
    if (c === undefined) return undefined;
    if (Object.keys(c).length) out.push(c);
  }
  return out;
}

function creator(tokens: string[]): PlainCreator | undefined {
  const text = tokens.join('');
  const words = tokens.filter((t) => t !== ' ');
  if (text.includes(',')) {
    const parts = text.split(',').map((p) => p.trim());
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
