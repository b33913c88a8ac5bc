import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { resolveInside } from '../load/paths.js';
import { LIMITS, readInput } from '../load/read-input.js';
import type { ImportReport } from './report.js';
import type { ImportContext } from './types.js';
import { lazyRequire } from '../lazy.js';

/** smol-toml, for Hugo's `+++` front matter; loaded only when a file has some. */
const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');

/** A YAML document read from a site file, with the line of any value in it. */
export interface YamlData {
  data: Record<string, unknown>;
  /** Line (from 1) of the value at `keys`, or of the document start when absent. */
  lineOf(...keys: (string | number)[]): number;
  /** Why the YAML was not read (it does not parse), and where. */
  problem?: { line: number; message: string };
}

/** Reports a YAML file (or front matter) that did not parse: nothing of it was carried. */
export function reportProblem(y: YamlData, file: string, report: { drop(file: string, line: number, what: string, why: string): void }): void {
  if (y.problem) report.drop(file, y.problem.line, 'all of its YAML', `it does not parse: ${y.problem.message}`);
}

/** Parses YAML that starts at line `firstLine` of its file. Unparsable YAML gives an empty document. */
export function yamlData(text: string, firstLine = 1): YamlData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length) {
    // libyaml, which Jekyll uses, reads a quoted value continued at the start of the next line
    // (`citation: '… Nov. 2019.` then `'` alone); YAML 1.2 wants the line indented. Read again
    // with such lines indented (same lines, so the same line numbers), if that reads clean.
    const lenient = indentQuoteContinuations(text);
    if (lenient !== text) {
      const again = new LineCounter();
      const retry = parseDocument(lenient, { lineCounter: again, uniqueKeys: false });
      if (!retry.errors.length) return yamlResult(retry, again, firstLine);
    }
  }
  return yamlResult(doc, lineCounter, firstLine);
}

/**
 * Top-level `key: '…` or `key: "…` values whose quote does not close on their line: their
 * continuation lines that start at column 0 get one space, as YAML 1.2 wants. Nothing else changes.
 */
function indentQuoteContinuations(text: string): string {
  const lines = text.split('\n');
  let open: "'" | '"' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open) {
      if (line && !/^\s/.test(line)) lines[i] = ` ${line}`;
    } else {
      const m = /^[\w-]+:[ \t]+(['"])/.exec(line);
      if (!m) continue;
      open = m[1] as "'" | '"';
      if (closes(line.slice(m[0].length), open)) open = undefined;
      continue;
    }
    if (closes(line, open)) open = undefined;
  }
  return lines.join('\n');
}

/** Whether a quoted scalar's text closes its quote in `rest` ('' and \" do not). */
function closes(rest: string, quote: "'" | '"'): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (quote === '"' && rest[i] === '\\') i++;
    else if (rest[i] === quote) {
      if (quote === "'" && rest[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

function yamlResult(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, firstLine: number): YamlData {
  let data: unknown;
  const err = doc.errors[0];
  let problem = err && { line: (err.linePos?.[0].line ?? 1) + firstLine - 1, message: err.message.split('\n')[0] };
  try {
    data = err ? {} : doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    data = {};
    problem = { line: firstLine, message: (e as Error).message };
  }
  return {
    problem,
    data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    lineOf: (...keys) => {
      const node = doc.getIn(keys, true) as { range?: [number, number] } | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line + firstLine - 1 : firstLine;
    },
  };
}

/**
 * Parses TOML that starts at line `firstLine` of its file, as yamlData parses YAML: unparsable TOML
 * gives an empty document and the problem; a key's line is the line that sets it at the top level.
 */
function tomlData(text: string, firstLine: number): YamlData {
  let data: Record<string, unknown> = {};
  let problem: YamlData['problem'];
  try {
    data = toml().parse(text) as Record<string, unknown>;
  } catch (e) {
    const line = (e as { line?: number }).line;
    problem = { line: (typeof line === 'number' ? line : 1) + firstLine - 1, message: (e as Error).message.split('\n')[0] };
  }
  const lines = text.split('\n');
  return {
    data,
    problem,
    lineOf: (...keys) => {
      const key = keys[0];
      const i = typeof key === 'string' ? lines.findIndex((l) => l.trimStart().startsWith(key) && /^\s*=/.test(l.trimStart().slice(key.length))) : -1;
      return i >= 0 ? i + firstLine : firstLine;
    },
  };
}

/** A Markdown file with YAML (or TOML) front matter: the front matter, the body, and the line the body starts on. */
export interface FrontMatterFile extends YamlData {
  body: string;
  bodyLine: number;
}

export function frontMatter(text: string): FrontMatterFile {
  // Hugo also writes TOML between `+++` lines (older Academic sites do).
  const t = /^\+\+\+[ \t]*\r?\n([\s\S]*?)^\+\+\+[ \t]*(?:\r?\n|$)/m.exec(text);
  if (t && t.index === 0) return { ...tomlData(t[1], 2), body: text.slice(t[0].length), bodyLine: t[0].split('\n').length - (t[0].endsWith('\n') ? 0 : 1) };
  const m = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m.exec(text);
  if (!m || m.index !== 0) return { ...yamlData(''), body: text, bodyLine: 1 };
  const bodyLine = m[0].split('\n').length - (m[0].endsWith('\n') ? 0 : 1);
  return { ...yamlData(m[1], 2), body: text.slice(m[0].length), bodyLine };
}

/** Reads a file of the site as text, or undefined when it is not there (readSiteBytes). */
export async function readSite(site: string, rel: string, report?: ImportReport, maxBytes: number = LIMITS.site): Promise<string | undefined> {
  return (await readSiteBytes(site, rel, report, maxBytes))?.toString('utf8');
}

/**
 * Reads a file of the site, or undefined when it is not there. The site is input like any other:
 * a file that is a link out of the site, not a regular file (a link to a device, a pipe), or over
 * `maxBytes` is not read, and with a `report` it is listed as not carried over (`what`, e.g.
 * "co-author links"), with the reason.
 */
export async function readSiteBytes(site: string, rel: string, report?: ImportReport, maxBytes: number = LIMITS.site, what = 'all of it'): Promise<Buffer | undefined> {
  const inside = await resolveInside(site, site, rel);
  if ('problem' in inside) {
    report?.drop(rel, 0, what, inside.problem);
    return undefined;
  }
  try {
    return await readInput(inside.path, maxBytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') report?.drop(rel, 0, what, `it was not read: ${(err as Error).message}`);
    return undefined;
  }
}

/** A path of the site (`rel`, from its root) as the profile refers to it: from the folder the profile is written to. */
export const fromOut = (ctx: ImportContext, rel: string): string => path.relative(ctx.out, path.join(ctx.site, rel)).split(path.sep).join('/');

/** The names in a folder of the site (sorted), or none. */
export async function listSite(site: string, rel: string): Promise<string[]> {
  return (await readdir(path.join(site, rel)).catch(() => [] as string[])).sort();
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/** `s` without `chars` at either end (a loop, where a regex like `/-+$/` would be quadratic). */
export function trimChars(s: string, chars: string, ends: 'both' | 'end' = 'both'): string {
  let a = 0;
  let b = s.length;
  while (ends === 'both' && a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** HTML tags replaced by `by`; a `<` never closed stays. Linear, unlike `/<[^>]*>/g` on many `<`. */
export function stripTags(s: string, by = ''): string {
  let out = '';
  let at = 0;
  for (let i = s.indexOf('<'); i !== -1; i = s.indexOf('<', at)) {
    const end = s.indexOf('>', i + 1);
    if (end === -1) break;
    out += s.slice(at, i) + by;
    at = end + 1;
  }
  return out + s.slice(at);
}

/** Text of an HTML or Markdown snippet for a plain-text field: tags removed, `[text](url)` → text. */
export function plainText(s: string): string {
  return stripTags(s, ' ').replace(/\[([^\][]*)\]\([^()]*\)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').replace(/ ([,.;:])/g, '$1').trim();
}
