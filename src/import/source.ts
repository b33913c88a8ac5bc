import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { resolveInside } from '../load/paths.js';
import { LIMITS, readInput } from '../load/read-input.js';
import type { ImportReport } from './report.js';

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

/** A Markdown file with YAML front matter: the front matter, the body, and the line the body starts on. */
export interface FrontMatterFile extends YamlData {
  body: string;
  bodyLine: number;
}

export function frontMatter(text: string): FrontMatterFile {
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
