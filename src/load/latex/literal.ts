/**
 * What a field value says literally, kept through the LaTeX conversion. A `.bib` is not a LaTeX
 * document: `%` in an abstract is a percent sign, a lone `$` a dollar sign, `<` a less-than sign,
 * and `<i>…</i>` (publishers and Google Scholar write it) italics. Before either conversion path
 * sees a value, each of these is swapped for a token, one private-use character that both paths
 * pass through as a letter; `restore` turns the tokens into the text or the allowlisted markup they
 * stand for. Math spans are scanned here too: their `<` and `>` are tokens, `\mathcal{R}` and its
 * kin Unicode, and a span the converter cannot render becomes a numbered placeholder for MathML.
 *
 * The tokens are taken from a block of private-use characters that the value itself does not hold,
 * so no input can forge one, and every number a placeholder carries is this value's own: the result
 * depends on the value alone, never on what else was converted in the same run.
 */
import { converterLacks, isSimpleMath, mapAlphabets, renderMath } from './math.js';
import { sanitizeInline } from '../sanitize.js';
import { nfc } from '../unicode.js';

export interface Prepared {
  /** The value to convert, tokens in place. */
  text: string;
  /** The first code point of the token block, or 0 when the value needed no token. */
  base: number;
  /** The TeX of the math spans rendered as MathML, by placeholder number. */
  math: string[];
  problems: string[];
}

const LT = 0, GT = 1, PERCENT = 2, DOLLAR = 3, OPEN = 4, CLOSE = 10, BREAK = 16, MATH_OPEN = 17, MATH_CLOSE = 18, DIGIT = 19;
const BLOCK = 32;
const FIRST_BLOCK = 0xe100;
const LAST_BLOCK = 0xf8e0;
const TAG_NAMES = ['i', 'em', 'b', 'strong', 'sup', 'sub'];
/** The raw tags taken as markup; any other tag is text. */
const TAG_AT = /<\s?(\/?)(i|em|b|strong|sup|sub)\s*>|<br\s*\/?>/iy;
/**
 * Raw tags al-folio sites write in titles, awards and abstracts that are not ours to keep: a link
 * (the title is a link already), a paragraph or a block (a line break in an abstract, a space
 * elsewhere), a span or a font. The tag goes; its text stays. al-folio shows them as HTML; shown as
 * text, `<a href="…">` was on the page. Only a tag written as HTML is one: its attributes each with
 * a value (`<p and q>` in a formula is text), and not `<s>` or `<u>` (an NLP paper's tokens). Any
 * other tag is still text.
 */
const DROPPED_TAG_AT = /<\/?(?:(p|div|center|blockquote|li|ul|ol)|a|span|font|small|big|tt|code|cite|abbr|mark|ins|del|strike|nobr|wbr)(?:\s+[a-zA-Z-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))*\s*\/?>/iy;
const SPECIAL = /[%$<>]/;
const NOTHING: Prepared = { text: '', base: 0, math: [], problems: [] };

/** `\url{}` and `\href{}`, white space allowed before and inside the braces. */
const EMPTY_LINK = /\\(?:url|href)\s*\{\s*\}/g;

/**
 * A link with no address is its text: `\url{}` is nothing and `\href{}{text}` is `{text}`. The
 * converter fails on either (a TypeError inside it, for the whole field), found in real files
 * where an export left the address out. A backslash that is itself escaped (`\\url{}`) is kept.
 * `\href{}` followed by no group leaves what follows as itself, as LaTeX shows its text argument.
 */
function withoutEmptyLinks(value: string): string {
  if (!value.includes('{')) return value;
  return value.replace(EMPTY_LINK, (m, at: number) => {
    let slashes = 0;
    while (at - slashes - 1 >= 0 && value[at - slashes - 1] === '\\') slashes++;
    return slashes % 2 ? m : '';
  });
}

/**
 * The value with its literal characters, raw tags and math made safe for conversion. `math`:
 * spans the converter cannot render (and, in a title, any but the simplest) become placeholders
 * for MathML; off for names, which are text.
 */
export function prepare(written: string, options: { field: string; math: boolean }): Prepared {
  const value = withoutEmptyLinks(written);
  if (!SPECIAL.test(value)) return { ...NOTHING, text: value };
  const base = freeBlock(value);
  const tok = (n: number): string => String.fromCharCode(base + n);
  const math: string[] = [];
  const problems: string[] = [];
  const lone = loneDollar(value);
  let dollar = false;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === '\\') {
      out += value.slice(i, i + 2);
      i += 2;
    } else if (c === '%') {
      out += tok(PERCENT);
      i++;
    } else if (c === '>') {
      out += tok(GT);
      i++;
    } else if (c === '<') {
      TAG_AT.lastIndex = i;
      DROPPED_TAG_AT.lastIndex = i;
      const tag = TAG_AT.exec(value);
      const dropped = tag ? null : DROPPED_TAG_AT.exec(value);
      if (tag) {
        out += tag[2] === undefined ? tok(BREAK) : tok((tag[1] ? CLOSE : OPEN) + TAG_NAMES.indexOf(tag[2].toLowerCase()));
        i += tag[0].length;
      } else if (dropped) {
        // A block is a line break where one is kept; elsewhere a space, which the conversion
        // merges with the white space around it and trims at the ends, as any space.
        if (dropped[1]) out += BREAK_FIELDS.has(options.field) ? tok(BREAK) : ' ';
        i += dropped[0].length;
      } else {
        out += tok(LT);
        i++;
      }
    } else if (c === '$') {
      const run = dollarRun(value, i);
      if (run >= 3) {
        // "$$$$$ MAKE ENEMIES FAST! $$$$$": no math has three in a row.
        out += tok(DOLLAR).repeat(run);
        dollar = true;
        i += run;
        continue;
      }
      const span = i === lone ? undefined : mathSpan(value, i);
      if (!span) {
        out += tok(DOLLAR);
        dollar = true;
        i++;
        continue;
      }
      const tex = value.slice(i + span.delimiter, span.end - span.delimiter);
      const mapped = mapAlphabets(tex);
      // The converter shows display math as TeX, so `$$…$$` is always MathML.
      if (options.math && (span.delimiter === 2 || mapped.unmapped || (options.field === 'title' && !isSimpleMath(mapped.tex)) || converterLacks(mapped.tex))) {
        out += tok(MATH_OPEN) + [...String(math.push(tex) - 1)].map((d) => tok(DIGIT + Number(d))).join('') + tok(MATH_CLOSE);
      } else {
        const delim = value.slice(i, i + span.delimiter);
        out += delim + mapped.tex.replace(/\\.|[<>%]/gs, (m) => (m.length > 1 ? m : tok(m === '<' ? LT : m === '>' ? GT : PERCENT))) + delim;
      }
      i = span.end;
    } else {
      out += c;
      i++;
    }
  }
  if (dollar) problems.push(`field "${options.field}": a "$" that opens no math is shown as a dollar sign (write \\$ for a dollar sign, $…$ for math)`);
  return { text: out, base, math, problems };
}

/** The first block of private-use characters none of which is in the value. */
function freeBlock(value: string): number {
  if (!/[\ue100-\uf8ff]/.test(value)) return FIRST_BLOCK;
  const used = new Set<number>();
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (c >= FIRST_BLOCK && c <= 0xf8ff) used.add(c - ((c - FIRST_BLOCK) % BLOCK));
  }
  for (let b = FIRST_BLOCK; b <= LAST_BLOCK; b += BLOCK) if (!used.has(b)) return b;
  return FIRST_BLOCK; // unreachable: a value holding every block is over the conversion's length limit
}

/** Where the math opened by the `$` (or `$$`) at `at` ends (after its closing delimiter), if it closes. */
function mathSpan(v: string, at: number): { delimiter: number; end: number } | undefined {
  const delimiter = v[at + 1] === '$' ? 2 : 1;
  for (let j = at + delimiter; j < v.length; j++) {
    if (v[j] === '\\') j++;
    else if (v[j] === '$') {
      if (delimiter === 1) return { delimiter, end: j + 1 };
      return v[j + 1] === '$' ? { delimiter, end: j + 2 } : undefined;
    }
  }
  return undefined;
}

/**
 * The `$` that is a dollar sign when the value has an odd number of them (no `\`): the first one
 * before a digit ("<$1,700"), else the last; -1 when the count is even. A `$` left unclosed after
 * that is a dollar sign too (see prepare).
 */
function loneDollar(v: string): number {
  const at: number[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\') i++;
    else if (v[i] === '$') {
      const run = dollarRun(v, i);
      if (run < 3) for (let k = 0; k < run; k++) at.push(i + k);
      i += run - 1;
    }
  }
  if (at.length % 2 === 0) return -1;
  return at.find((i) => /[0-9]/.test(v[i + 1] ?? '')) ?? at[at.length - 1];
}

/** How many `$` in a row start at `at`. */
function dollarRun(v: string, at: number): number {
  let end = at;
  while (v[end] === '$') end++;
  return end - at;
}

/** Fields where a raw `<br>` is a line break; elsewhere (titles, abbreviations…) it is a space. */
const BREAK_FIELDS = new Set(['abstract', 'note', 'annotation', 'annote', 'additional_info']);

/** Converted text with its tokens turned back into text and raw markup (before sanitizing). */
export function restore(html: string, p: Prepared, field: string): string {
  if (!p.base) return html;
  return html.replace(tokenClass(p.base), (ch) => tokenText(ch.charCodeAt(0) - p.base, field));
}

const classes = new Map<number, RegExp>();
/** The tokens `restore` turns back, as a character class (one per block, kept). */
function tokenClass(base: number): RegExp {
  let re = classes.get(base);
  if (!re) classes.set(base, (re = new RegExp(`[${String.fromCharCode(base + LT)}-${String.fromCharCode(base + BREAK)}]`, 'g')));
  return re;
}

function tokenText(n: number, field: string): string {
  if (n === LT) return '&lt;';
  if (n === GT) return '&gt;';
  if (n === PERCENT) return '%';
  if (n === DOLLAR) return '$';
  if (n === BREAK) return BREAK_FIELDS.has(field) ? '<br>' : ' ';
  return n < CLOSE ? `<${TAG_NAMES[n - OPEN]}>` : `</${TAG_NAMES[n - CLOSE]}>`;
}

/**
 * Converter output (or fast-path text) to the page's safe inline HTML: tokens restored, the
 * allowlist applied, then the math placeholders rendered (a formula temml refuses is a problem).
 */
export function finish(value: string, p: Prepared, field: string, problem: (message: string) => void): string {
  let html = sanitizeInline(restore(nfc(value), p, field));
  // The converter writes `\\` as <br>: kept inside an abstract or a note, a space elsewhere.
  // Both paths have made each run of white space one space already.
  if (html.includes('<br />')) html = BREAK_FIELDS.has(field) ? trimBreaks(html.replace(/ ?<br \/> ?/g, BR)) : html.replace(/ ?<br \/> ?/g, ' ').trim();
  return renderPlaceholders(html, p, problem);
}

const BR = '<br />';
function trimBreaks(html: string): string {
  let from = 0;
  let to = html.length;
  while (html.startsWith(BR, from)) from += BR.length;
  while (to - BR.length >= from && html.endsWith(BR, to)) to -= BR.length;
  return html.slice(from, to);
}

function renderPlaceholders(html: string, p: Prepared, problem: (message: string) => void): string {
  if (!p.math.length) return html;
  const open = String.fromCharCode(p.base + MATH_OPEN);
  const close = String.fromCharCode(p.base + MATH_CLOSE);
  const digits = `[${String.fromCharCode(p.base + DIGIT)}-${String.fromCharCode(p.base + DIGIT + 9)}]+`;
  return html.replace(new RegExp(`${open}(${digits})${close}`, 'g'), (_, n: string) => {
    const index = Number([...n].map((d) => d.charCodeAt(0) - p.base - DIGIT).join(''));
    const tex = p.math[index];
    const { html: out, ok } = renderMath(tex);
    if (!ok) problem(`the math "${tex}" could not be rendered; it is shown as written`);
    return out;
  });
}
