import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { profileSchema, type Profile } from '../model/profile.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import type { SourceText } from './source-text.js';
import { suggest } from '../validate/suggest.js';

/** Bounds on YAML input: aliases can expand exponentially ("billion laughs"). */
const MAX_ALIASES = 100;
const MAX_PROFILE_BYTES = 1_000_000;

export interface LoadedProfile {
  profile?: Profile;
  /** Where the YAML node at a path (e.g. ['links', 2, 'url']) starts, for later diagnostics. */
  locate(path: (string | number)[]): Position | undefined;
}

/** Parses and checks profile.yaml. Every problem is reported with the line of its YAML node. */
export function loadProfile(source: SourceText, report: Reporter): LoadedProfile {
  const none: LoadedProfile = { locate: () => undefined };
  if (source.text.length > MAX_PROFILE_BYTES) {
    report.error(source.file, undefined, { code: 'profile/too-large', message: `profile is ${source.text.length} bytes; the limit is ${MAX_PROFILE_BYTES}` });
    return none;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const e of doc.errors) {
    const duplicate = e.code === 'DUPLICATE_KEY';
    report.error(source.file, at(e.pos[0]), {
      code: duplicate ? 'profile/duplicate-key' : 'profile/yaml-syntax',
      message: firstLine(e.message),
    });
  }
  if (doc.errors.length) return none;
  const locate = (path: (string | number)[]): Position | undefined => nodePos(doc.getIn(path, true) as Node | undefined, at);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    report.error(source.file, undefined, { code: 'profile/alias-limit', message: firstLine((err as Error).message) });
    return none;
  }
  const parsed = profileSchema.safeParse(data ?? {});
  if (parsed.success) return { profile: parsed.data, locate };
  for (const issue of parsed.error.issues) reportIssue(issue, doc, at, source.file, report);
  return { locate };
}

function reportIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number) => Position,
  file: string,
  report: Reporter,
): void {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = pathText(path);
  if (issue.code === 'invalid_union') {
    // A key that takes one of several forms (`venues:` a path or a map): the form the value has
    // is the one to report on, inside the value; when it has none of them, say which it may have.
    const inside = issue.errors.filter((list) => list.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
    if (inside.length === 1) {
      for (const sub of inside[0]) reportIssue({ ...sub, path: [...issue.path, ...sub.path] }, doc, at, file, report);
      return;
    }
    const forms = [...new Set(issue.errors.flat().flatMap((i) => (i.path.length ? [] : formOf(i))))];
    if (forms.length) issue = { ...issue, message: `expected ${forms.join(' or ')}` };
  }
  if (issue.code === 'unrecognized_keys') {
    const parent = doc.getIn(path, true) as Node | undefined;
    const known = knownKeys(path);
    for (const key of issue.keys) {
      const keyNode = isMap(parent) ? parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)?.key : undefined;
      const pos = keyNode && isScalar(keyNode) && keyNode.range ? at(keyNode.range[0]) : nodePos(parent, at);
      const guess = suggest(key, known);
      report.error(file, pos, {
        code: 'profile/unknown-key',
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}${guess ? `; did you mean "${guess}"?` : ''}`,
        hint: known.length ? `Known keys: ${known.join(', ')}.` : undefined,
      });
    }
    return;
  }
  const node = doc.getIn(path, true) as Node | undefined;
  const pos = nodePos(node, at) ?? nodePos(doc.getIn(path.slice(0, -1), true) as Node | undefined, at);
  report.error(file, pos, {
    code: 'profile/schema',
    message: `${where ? `${where}: ` : ''}${issue.message}`,
  });
}

/** What a failed form of a union asked for, in the profile's words. */
function formOf(i: z.core.$ZodIssue): string[] {
  if (i.code === 'invalid_value') return i.values.map((v) => JSON.stringify(v));
  if (i.code !== 'invalid_type') return [];
  return [({ record: 'a map', object: 'a map', array: 'a list', string: 'text' } as Record<string, string>)[i.expected] ?? i.expected];
}

function nodePos(node: Node | undefined, at: (offset: number) => Position): Position | undefined {
  const range = node && (node as { range?: [number, number, number] }).range;
  return range ? at(range[0]) : undefined;
}

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/** Keys the schema allows at a path, for "did you mean". */
function knownKeys(path: (string | number)[]): string[] {
  let schema: unknown = profileSchema;
  for (const p of path) schema = step(schema, p);
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function step(schema: unknown, p: string | number): unknown {
  const s = unwrap(schema) as { shape?: Record<string, unknown>; element?: unknown; options?: unknown[]; valueType?: unknown } | undefined;
  if (!s) return undefined;
  if (typeof p === 'number') return s.element;
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

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
