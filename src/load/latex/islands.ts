/**
 * The middle path of the LaTeX conversion: a text field that is plain except for a few
 * self-contained LaTeX "islands" (`{\em x}`, `\emph{x}`, `\%`, `$x^2$`, `~`…). The plain runs take
 * the fast path; only the islands go to the converter, which costs by the length of its input
 * (about 10 ms for an abstract, well under 1 ms for an island in a batch). The result is exactly
 * the converter's on the whole field, which holds because each island is closed on both sides:
 *
 * - a group scopes what is inside it (`{\em x}` italicises nothing after the brace);
 * - a command is taken only with all its arguments, in braces right after it, and only commands
 *   whose argument count is known (below); a bare control word, which eats the space after it, or
 *   a command with its argument unbraced sends the field to the converter whole;
 * - a control symbol (`\%`) takes no argument and eats no space; a tie is a no-break space;
 * - `$…$` is closed by its second `$`;
 * - no ligature or space rule crosses a group, a command or math, in the converter or here;
 * - the converter merges markup that touches across white space only (`<i>a</i> <i>b</i>`), so
 *   islands with only white space between them are converted as one.
 *
 * Comments (`%`) in an island, paragraph breaks, display math and anything else send the whole field to the converter.
 * test/load/latex/fast.test.ts checks generated values against the converter; the corpus test
 * checks every field of ../shared/corpus.
 */
import { ACCENT_AT, matchBrace, plainRun } from './fast.js';

export type Piece = { text: string } | { tex: string };

/**
 * What the converter makes of two commands, written out here, so that a field holding only them
 * and plain text needs no converter at all (they were most of the converter's work on lab and
 * systems bibliographies: `howpublished = {\url{…}}`, `booktitle = {Proc.\ ACM …}`):
 * - `\url{X}` is X as written (no ligature, `~` and `_` as they are), when X has no backslash,
 *   brace or white space (there the converter keeps a space that starts the field, and makes a
 *   line break and its indent one space: found by the corpus test);
 * - a control space `\ ` is one space, which no space rule merges with its neighbours.
 * Both are plain text in the output, so no markup merges across them; a control space beside a
 * converted island still sends the field to the converter, whose merging of markup across white
 * space this does not model. test/load/latex/fast.test.ts checks both against the converter.
 */
const URL_AT = /\\url\{([^\\{}\s]+)\}/y;
type Raw = Piece | { done: string; space?: boolean };

/**
 * The converter trims a field, so an island is converted between two of these private-use
 * characters (plain text to it, joined to nothing) and they are cut off its output: an island that
 * converts to white space (`{~}`) or starts with it keeps it.
 */
export const ISLAND_EDGE = '\uE003';

/** Commands taken as islands, with their number of (braced) arguments: the parser's own counts. */
const ARGUMENTS: Record<string, number> = {
  emph: 1, textit: 1, textbf: 1, textsc: 1, textsl: 1, texttt: 1, textrm: 1, textup: 1,
  textsuperscript: 1, textsubscript: 1, mbox: 1, url: 1, href: 2, enquote: 1,
};
const ACCENT_SYMBOLS = '"\'`^~=.';
const ESCAPED = '%&_#${}';
const PARAGRAPH = /\n[ \t\r]*\n/;

/**
 * The field split into converted plain runs and LaTeX islands, or undefined when the field must go
 * to the converter whole (or has no island at all).
 */
export function splitIslands(v: string, depth = 0): Piece[] | undefined {
  if (v.includes(ISLAND_EDGE)) return undefined;
  const raw: Raw[] = [];
  let plain = '';
  /** Ends the plain run so far and adds `piece` after it. */
  const put = (piece: Raw): void => {
    if (plain) raw.push({ text: plain });
    raw.push(piece);
    plain = '';
  };
  for (let i = 0; i < v.length; ) {
    const c = v[i];
    let end = -1; // index after the island starting at i
    if (c === '{') {
      const close = matchBrace(v, i);
      if (close < 0) return undefined;
      const group = v.slice(i, close + 1);
      if (plainRun(group) !== undefined) {
        plain += group;
        i = close + 1;
        continue;
      }
      // A group is its content: one that holds only text and what is written out above
      // (`{Proc.\ ACM}`, `{\url{…}}`) is that text. Not with white space at its edges, which the
      // converter may merge with the space outside; and only a few groups deep.
      const inner = v.slice(i + 1, close);
      const sub = depth < 3 && !/^\s|\s$/.test(inner) ? splitIslands(inner, depth + 1) : undefined;
      if (sub?.every((p) => 'text' in p)) {
        put({ done: sub.map((p) => (p as { text: string }).text).join('') });
        i = close + 1;
        continue;
      }
      end = close + 1;
    } else if (c === '\\') {
      ACCENT_AT.lastIndex = i;
      const accent = ACCENT_AT.exec(v);
      if (accent) {
        plain += accent[0]; // an accent the plain runs take (fast.ts)
        i += accent[0].length;
        continue;
      }
      const d = v[i + 1] ?? '';
      URL_AT.lastIndex = i;
      const url = d === 'u' ? URL_AT.exec(v) : null;
      if (url) {
        put({ done: url[1] });
        i += url[0].length;
        continue;
      }
      if (d === ' ') {
        put({ done: ' ', space: true });
        i += 2;
        continue;
      }
      if (d && ESCAPED.includes(d)) end = i + 2;
      else if (ACCENT_SYMBOLS.includes(d) && v[i + 2] === '{') end = matchBrace(v, i + 2) + 1;
      else {
        const name = /^[a-zA-Z]+/.exec(v.slice(i + 1))?.[0];
        const n = name ? ARGUMENTS[name] : undefined;
        if (!name || !n) return undefined;
        end = i + 1 + name.length;
        for (let k = 0; k < n; k++) {
          if (v[end] !== '{') return undefined;
          end = matchBrace(v, end) + 1;
          if (end === 0) return undefined;
        }
      }
      if (end <= 0) return undefined;
    } else if (c === '$') {
      if (v[i + 1] === '$') return undefined;
      const close = closingDollar(v, i + 1);
      if (close < 0) return undefined;
      end = close + 1;
    } else if (c === '~') {
      // A tie is a no-break space; as an island of its own the converter would trim it away.
      plain += '\u00a0';
      i++;
      continue;
    } else if (c === '}') return undefined;
    else {
      plain += c;
      i++;
      continue;
    }
    put({ tex: v.slice(i, end) });
    i = end;
  }
  if (plain) raw.push({ text: plain });
  return convertRuns(raw);
}

/**
 * Plain runs converted; islands with nothing but white space between them (after conversion: `{}`
 * is nothing) joined into one, since the converter merges their markup.
 */
function convertRuns(raw: Raw[]): Piece[] | undefined {
  const tex = raw.some((p) => 'tex' in p);
  if (tex && raw.some((p) => 'space' in p && p.space)) return undefined;
  const out: (Piece & { src?: string })[] = [];
  for (const p of raw) {
    if ('done' in p) {
      out.push({ text: p.done, src: '\u0000' }); // converted already; white space to nothing, so no island merges across it
      continue;
    }
    if ('tex' in p) {
      // A comment runs to the end of the line, out of its island; a paragraph is markup of the field.
      if (PARAGRAPH.test(p.tex) || /(^|[^\\])%/.test(p.tex)) return undefined;
      const between = out[out.length - 1];
      const before = out[out.length - 2];
      if (between && 'text' in between && /^\s*$/.test(between.text) && before && 'tex' in before) {
        out.splice(-2, 2, { tex: before.tex + between.src + p.tex });
      } else if (between && 'tex' in between) out[out.length - 1] = { tex: between.tex + p.tex };
      else out.push(p);
      continue;
    }
    if (p.text === '') continue;
    const text = plainRun(p.text);
    if (text === undefined) return undefined;
    out.push({ text, src: p.text });
  }
  // No island, or one island and nothing else (no plain text to save): the converter takes it whole.
  // Without a converted island, the pieces are the result (there was something to convert: a
  // field with nothing to convert took the fast path before it came here).
  const islands = out.filter((p) => 'tex' in p).length;
  if (!raw.some((p) => 'done' in p) && (islands === 0 || out.length === 1)) return undefined;
  return out.map((p) => ('tex' in p ? { tex: p.tex } : { text: p.text }));
}

/** The `$` closing inline math that opened before `from`, or -1 (escaped `\$` and braces respected). */
function closingDollar(v: string, from: number): number {
  for (let i = from; i < v.length; i++) {
    const c = v[i];
    if (c === '\\') i++;
    else if (c === '{') {
      i = matchBrace(v, i);
      if (i < 0) return -1;
    } else if (c === '$') return i;
  }
  return -1;
}
