import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Position, Reporter } from '../model/diagnostic.js';
import type { SourceText } from './source-text.js';
import { suggest } from '../validate/suggest.js';

/** Bounds on YAML input: aliases can expand exponentially ("billion laughs"). */
const MAX_ALIASES = 100;

/** The codes a YAML file's problems are reported under (`profile/…`, `people/…`). */
export interface YamlCodes {
  tooLarge: string;
  syntax: string;
  duplicateKey: string;
  aliasLimit: string;
  unknownKey: string;
  schema: string;
}

/** A YAML file read: its plain data, and where each of its nodes starts. */
export interface YamlFile {
  data: unknown;
  /**
   * Where the YAML node at a path (e.g. ['links', 2, 'url']) starts; with `key`, where the path's
   * last key is written rather than its value (for an unknown key).
   */
  locate(path: (string | number)[], key?: boolean): Position | undefined;
}

/**
 * A key given twice in one mapping: an error (the profile: one of the two is a mistake), or a
 * warning with the last one used, as Jekyll's YAML reader does (an al-folio `_data/*.yml`).
 */
export type DuplicateKeys = 'error' | 'last-wins';

/**
 * Parses an untrusted YAML file: bounded in size and aliases. Every problem is reported with the
 * line and column of its node; undefined when the file cannot be read as data.
 */
export function parseYamlFile(
  source: SourceText,
  report: Reporter,
  codes: Pick<YamlCodes, 'tooLarge' | 'syntax' | 'duplicateKey' | 'aliasLimit'>,
  maxBytes: number,
  what: string,
  duplicates: DuplicateKeys = 'error',
): YamlFile | undefined {
  if (source.text.length > maxBytes) {
    report.error(source.file, undefined, { code: codes.tooLarge, message: `${what} is ${source.text.length} bytes; the limit is ${maxBytes}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let broken = false;
  for (const e of doc.errors) {
    const duplicate = e.code === 'DUPLICATE_KEY';
    if (duplicate && duplicates === 'last-wins') {
      report.warn(source.file, at(e.pos[0]), { code: codes.duplicateKey, message: `the key ${keyAt(doc, e.pos[0])}is given twice; the last one is used` });
      continue;
    }
    broken = true;
    report.error(source.file, at(e.pos[0]), { code: duplicate ? codes.duplicateKey : codes.syntax, message: firstLine(e.message) });
  }
  if (broken) return undefined;
  const locate = (path: (string | number)[], key = false): Position | undefined => {
    const parent = key && path.length ? doc.getIn(path.slice(0, -1), true) : undefined;
    const keyNode = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1])?.key : undefined;
    const range = ((keyNode ?? doc.getIn(path, true)) as Node | undefined)?.range;
    return range ? at(range[0]) : undefined;
  };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), locate };
  } catch (err) {
    report.error(source.file, undefined, { code: codes.aliasLimit, message: firstLine((err as Error).message) });
    return undefined;
  }
}

/** The key written at `offset`, quoted and cut short, with a space after; '' if none is. */
function keyAt(doc: Document, offset: number): string {
  let key = '';
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      key = `${JSON.stringify(String(pair.key.value).slice(0, 60))} `;
      return visit.BREAK;
    },
  });
  return key;
}

/**
 * Checks YAML data against a schema. Each issue is reported at its node: an unknown key at the key,
 * with "did you mean"; any other at the value (or its parent, when the value is missing).
 * `prefix`: the path of `data` inside the file (a person's place in a list).
 */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  data: unknown,
  yaml: YamlFile,
  file: string,
  report: Reporter,
  codes: YamlCodes,
  prefix: (string | number)[] = [],
): z.output<S> | undefined {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.flatMap(chosen)) {
    const rel = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const path = [...prefix, ...rel];
    const where = pathText(path);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, rel);
      for (const key of issue.keys) {
        const pos = yaml.locate([...path, key], true) ?? yaml.locate(path);
        const guess = suggest(key, known);
        report.error(file, pos, {
          code: codes.unknownKey,
          message: `unknown key "${key}"${where ? ` in ${where}` : ''}${guess ? `; did you mean "${guess}"?` : ''}`,
          hint: known.length ? `Known keys: ${known.join(', ')}.` : undefined,
        });
      }
      continue;
    }
    const missing = valueAt(data, rel) === undefined && rel.length > 0;
    report.error(file, yaml.locate(path) ?? yaml.locate(path.slice(0, -1)), { code: codes.schema, message: `${where ? `${where}: ` : ''}${missing ? 'missing' : message(issue)}` });
  }
  return undefined;
}

/**
 * The issues of a union's option the value has the type of (`people:` given as a list: the list's
 * issues, not "Invalid input"); the union's own issue when the value is of none of its types.
 */
function chosen(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  // A schema that words its own union message (model/citations-schema.ts) knows best.
  if (issue.code !== 'invalid_union' || issue.message !== 'Invalid input') return [issue];
  const typed = issue.errors.filter((e) => !(e.length === 1 && e[0].code === 'invalid_type' && e[0].path.length === 0));
  if (typed.length !== 1) return [issue];
  return typed[0].flatMap((i) => chosen({ ...i, path: [...issue.path, ...i.path] }));
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v = data;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** Zod's message; for a value that is none of a union's forms, the forms it may have, in the profile's words. */
function message(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_union' || issue.message !== 'Invalid input') return issue.message;
  const forms = [...new Set(issue.errors.flat().flatMap((i) => (i.path.length ? [] : formOf(i))))];
  return forms.length ? `expected ${forms.join(' or ')}` : issue.message;
}

/** What a failed form of a union asked for. */
function formOf(i: z.core.$ZodIssue): string[] {
  if (i.code === 'invalid_value') return i.values.map((v) => JSON.stringify(v));
  if (i.code !== 'invalid_type') return [];
  return [({ record: 'a map', object: 'a map', array: 'a list', string: 'text' } as Record<string, string>)[i.expected] ?? i.expected];
}

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/** Keys the schema allows at a path, for "did you mean". */
function knownKeys(schema: unknown, path: (string | number)[]): string[] {
  let s: unknown = schema;
  for (const p of path) s = step(s, p);
  const shape = (unwrap(s) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function step(schema: unknown, p: string | number): unknown {
  const s = unwrap(schema) as { shape?: Record<string, unknown>; element?: unknown; options?: unknown[]; valueType?: unknown } | undefined;
  if (!s) return undefined;
  // A union (`people:` is a path or a list): step into the option that has elements or keys.
  if (typeof p === 'number') return s.element ?? s.options?.map((o) => (o as { element?: unknown }).element).find(Boolean);
  if (s.shape) return s.shape[p];
  if (s.valueType) return s.valueType; // a map's every key (venues: {AJP: …})
  return s.options?.map((o) => step(o, p)).find(Boolean);
}

function unwrap(schema: unknown): unknown {
  let s = schema as { unwrap?: () => unknown; options?: unknown[]; shape?: unknown; element?: unknown } | undefined;
  // Optional/default wrappers unwrap; arrays also have unwrap() in zod 4, but we step into them by index.
  for (let i = 0; i < 5 && s && typeof s.unwrap === 'function' && !s.shape && s.element === undefined; i++) s = s.unwrap() as typeof s;
  if (s?.options) return s.options.find((o) => (o as { shape?: unknown }).shape) ?? s;
  return s;
}

/** The first line of a message (the YAML library's can run over several). */
export function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
