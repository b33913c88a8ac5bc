import { emojify } from 'node-emoji';
import type { ImportReport } from './report.js';

/** Syntax Jekyll's kramdown and Liquid understand and scholar-page's Markdown does not: opener, closer, what it is. */
const SYNTAX: [open: string, close: string, what: string, oneLine?: boolean][] = [
  ['{::comment}', '{:/comment}', 'kramdown comment'],
  ['<!--', '-->', 'HTML comment'],
  ['{%', '%}', 'Liquid tag'],
  ['{{', '}}', 'Liquid output'],
  // An attribute list or extension is one line: a `}` further down closes something else.
  ['{::', '}', 'kramdown extension', true],
  ['{:', '}', 'kramdown attribute list', true],
];

/** Counts lines forward only, so that finding every line of a text is linear. */
function lineCounter(text: string): (i: number) => number {
  let n = 0;
  let from = 0;
  return (i) => {
    for (let j = text.indexOf('\n', from); j !== -1 && j < i; j = text.indexOf('\n', j + 1)) {
      n++;
      from = j + 1;
    }
    return n;
  };
}

const preview = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s).replace(/\\n/g, ' ');

/**
 * Markdown written for Jekyll, made plain: kramdown comments, attribute lists and extensions, HTML
 * comments and Liquid tags are dropped, each listed in the report with its line (`file` at `firstLine`);
 * emoji shortcodes (`:sparkles:`) become the emoji. Linear in the text's length.
 */
export function cleanMarkdown(text: string, file: string, firstLine: number, report: ImportReport): string {
  let out = '';
  let at = 0;
  const lineAt = lineCounter(text);
  const next = SYNTAX.map(() => -2);
  // The last closer (and line end) found after each opener; reused while ahead, so no text is searched twice.
  const closeAt = SYNTAX.map(() => -2);
  let lineEnd = -2;
  for (;;) {
    let best: { i: number; s: (typeof SYNTAX)[number] } | undefined;
    SYNTAX.forEach((s, k) => {
      // Each opener's next place is searched again only once passed, so the scan stays linear.
      if (next[k] !== -1 && next[k] < at) next[k] = text.indexOf(s[0], at);
      if (next[k] !== -1 && (!best || next[k] < best.i)) best = { i: next[k], s };
    });
    if (!best) break;
    const [open, close, what, oneLine] = best.s;
    const k = SYNTAX.indexOf(best.s);
    if (closeAt[k] !== -1 && closeAt[k] < best.i + open.length) closeAt[k] = text.indexOf(close, best.i + open.length);
    const end = closeAt[k];
    if (end === -1) {
      // Never closed, it is text; no later one of its kind can close either.
      next[k] = -1;
      continue;
    }
    if (oneLine) {
      if (lineEnd !== -1 && lineEnd < best.i) lineEnd = text.indexOf('\n', best.i);
      if (lineEnd !== -1 && end > lineEnd) {
        // Not closed on its line: text.
        next[k] = text.indexOf(open, best.i + 1);
        continue;
      }
    }
    const stop = end + close.length;
    const dropped = text.slice(best.i, stop);
    report.drop(file, firstLine + lineAt(best.i), `${what} ${preview(dropped)}`, 'site-generator syntax; scholar-page Markdown has none');
    out += text.slice(at, best.i) + '\n'.repeat((dropped.match(/\n/g) ?? []).length);
    at = stop;
  }
  out += text.slice(at);
  const tidy = out
    .split('\n')
    .map((l) => l.trimEnd().replace(/(\S)[ \t]{2,}(?=\S)/g, '$1 '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return emojify(tidy);
}
