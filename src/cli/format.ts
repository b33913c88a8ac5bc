import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';

export type Format = 'human' | 'json' | 'github';

/**
 * What a terminal or a CI log must not receive from a file: C0 controls but tab (ESC sequences,
 * carriage returns, newlines), DEL, C1 controls (CSI), line and paragraph separators, and the
 * bidirectional overrides that make text read otherwise than it is.
 */
const ABOVE_C0 = '\\x7f-\\x9f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\x00-\\x08\\x0a-\\x1f${ABOVE_C0}]`, 'g');
/** In JSON text every C0 character inside a string is already an escape: one outside is layout. */
const UNSAFE_IN_JSON = new RegExp(`[${ABOVE_C0}]`, 'g');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };
const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, '0');

/**
 * Text from a file made safe to print, in every format: each unsafe character as a visible escape
 * (`\n`, `\x1b`, `\u202e`), and GitHub's legacy workflow-command opener `##[` (acted on anywhere in
 * a log line) broken up.
 */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c < '\u0100' ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`)).replaceAll('##[', '#\\x23[');
}

/** A printed line that would begin (after blanks) with `::`, which GitHub Actions reads as a command, gets a `\` first. */
export function guardLine(line: string): string {
  return line.replace(/^(\s*)::/, '$1\\::');
}

/** `file:line:col: severity CODE: message` — the one-line form every diagnostic has, safe to print. */
export function oneLine(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column}` : d.file;
  return guardLine(visible(`${where}: ${d.severity} ${d.code}: ${d.message}`));
}

/** Compiler-style text: the line, the source line with a caret, and the hint. */
export function human(list: Diagnostic[], opts: { color: boolean; cwd: string }): string {
  const c = (code: string, s: string): string => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const d of list) {
    const head = oneLine(d);
    const cut = head.indexOf(': ') + 1;
    lines.push(c(d.severity === 'error' ? '1;31' : d.severity === 'info' ? '1;36' : '1;33', head.slice(0, cut)) + head.slice(cut));
    const src = d.line ? sourceLine(path.resolve(opts.cwd, d.file), d.line) : undefined;
    if (src !== undefined && src.length < 300) {
      // the caret goes under the same character once the line before it is escaped
      const shown = guardLine(`  ${visible(src.replace(/\t/g, ' '))}`);
      const before = guardLine(`  ${visible(src.replace(/\t/g, ' ').slice(0, Math.max(0, d.column - 1)))}`);
      lines.push(shown);
      lines.push(`${' '.repeat(before.length)}${c('1;32', '^')}`);
    }
    if (d.hint) lines.push(`  ${c('36', 'hint')}: ${visible(d.hint)}`);
    if (d.related) lines.push(guardLine(visible(`  ${d.related.file}:${d.related.line}:${d.related.column}: note: ${d.related.message}`)));
  }
  return lines.join('\n');
}

export function summary(errors: number, warnings: number): string {
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')}`;
}

/**
 * The JSON report. JSON already escapes C0 controls; the other unsafe characters and `##[` are
 * written as `\u` escapes too, so the text is safe to print and parses to the same values.
 */
export function json(list: Diagnostic[], errors: number, warnings: number): string {
  return JSON.stringify({ diagnostics: list, errors, warnings }, null, 2)
    .replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`)
    .replaceAll('##[', '#\\u0023[');
}

/**
 * GitHub Actions workflow commands: problems show up on the pull request's diff. GitHub places a
 * file by its path in the repository, so paths are taken from the checkout's root
 * (GITHUB_WORKSPACE) when the site is in a subfolder of it (the workflow's working-directory).
 */
export function github(list: Diagnostic[], workspace = process.env.GITHUB_WORKSPACE): string {
  const place = (f: string): string => (workspace ? path.relative(workspace, path.resolve(f)).split(path.sep).join('/') : f);
  // visible() has already turned line breaks into `\n`: a message is one line on the diff too.
  const esc = (s: string): string => visible(s).replace(/%/g, '%25');
  const prop = (s: string): string => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return list
    .map((d) => {
      const props = [`file=${prop(place(d.file))}`, d.line ? `line=${d.line}` : '', d.line ? `col=${d.column}` : '', `title=${prop(d.code)}`].filter(Boolean).join(',');
      return `::${d.severity === 'info' ? 'notice' : d.severity} ${props}::${esc(d.message + (d.hint ? ` (${d.hint})` : ''))}`;
    })
    .join('\n');
}

const cache = new Map<string, string[] | undefined>();
function sourceLine(file: string, line: number): string | undefined {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      cache.set(file, undefined);
    }
  }
  return cache.get(file)?.[line - 1]?.replace(/\r$/, '');
}

/**
 * The progress display on a terminal: one line, rewritten, for the phases under way (star counts
 * and images run at the same time), ended when every one of them is done.
 */
export function progressLine(write: (text: string) => void): (phase: string, done: number, total: number) => void {
  const phases = new Map<string, [number, number]>();
  return (phase, done, total) => {
    phases.set(phase, [done, total]);
    const all = [...phases.values()].every(([d, t]) => d === t);
    write(`\r${[...phases].map(([p, [d, t]]) => `${p} ${d}/${t}`).join(' · ')}${all ? '\n' : ''}`);
    if (all) phases.clear();
  };
}
