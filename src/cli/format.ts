import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';

export type Format = 'human' | 'json' | 'github';

/** `file:line:col: severity CODE: message` — the one-line form every diagnostic has. */
export function oneLine(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

/** Compiler-style text: the line, the source line with a caret, and the hint. */
export function human(list: Diagnostic[], opts: { color: boolean; cwd: string }): string {
  const c = (code: string, s: string): string => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const d of list) {
    const head = oneLine(d);
    lines.push(c(d.severity === 'error' ? '1;31' : '1;33', head.slice(0, head.indexOf(': ') + 1)) + head.slice(head.indexOf(': ') + 1));
    const src = d.line ? sourceLine(path.resolve(opts.cwd, d.file), d.line) : undefined;
    if (src !== undefined && src.length < 300) {
      lines.push(`  ${src.replace(/\t/g, ' ')}`);
      lines.push(`  ${' '.repeat(Math.max(0, d.column - 1))}${c('1;32', '^')}`);
    }
    if (d.hint) lines.push(`  ${c('36', 'hint')}: ${d.hint}`);
    if (d.related) lines.push(`  ${d.related.file}:${d.related.line}:${d.related.column}: note: ${d.related.message}`);
  }
  return lines.join('\n');
}

export function summary(errors: number, warnings: number): string {
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')}`;
}

export function json(list: Diagnostic[], errors: number, warnings: number): string {
  return JSON.stringify({ diagnostics: list, errors, warnings }, null, 2);
}

/**
 * GitHub Actions workflow commands: problems show up on the pull request's diff. GitHub places a
 * file by its path in the repository, so paths are taken from the checkout's root
 * (GITHUB_WORKSPACE) when the site is in a subfolder of it (the workflow's working-directory).
 */
export function github(list: Diagnostic[], workspace = process.env.GITHUB_WORKSPACE): string {
  const place = (f: string): string => (workspace ? path.relative(workspace, path.resolve(f)).split(path.sep).join('/') : f);
  const esc = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string): string => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return list
    .map((d) => {
      const props = [`file=${prop(place(d.file))}`, d.line ? `line=${d.line}` : '', d.line ? `col=${d.column}` : '', `title=${prop(d.code)}`].filter(Boolean).join(',');
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${esc(d.message + (d.hint ? ` (${d.hint})` : ''))}`;
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
