/**
 * LaTeX in text fields and names → sanitized inline HTML, by the cheapest exact path for each value:
 * 1. plain values (no LaTeX at all): the fast path, fast.ts;
 * 2. text fields that are plain but for a few self-contained islands: the plain runs take the fast
 *    path and only the islands go to the converter, islands.ts;
 * 3. everything else: the parser's converter on the whole value, converter.ts.
 * All converter work of a file runs as one batch. `fast: false` sends every value down path 3:
 * the reference paths 1 and 2 are tested against (test/load/latex/fast*.test.ts).
 */
import { LITERAL_LISTS, plainCreators, plainField, type PlainCreator } from './fast.js';
import { ISLAND_EDGE, splitIslands, type Piece } from './islands.js';
import { convertJobs, type Job, type JobResult } from './converter.js';
import { finish, prepare, restore, type Prepared } from './literal.js';
import { nfc } from '../unicode.js';
import { TEXT_FIELDS, VERBATIM_FIELDS } from '../fields.js';
import { escapeHtml, htmlToText, sanitizeInline } from '../sanitize.js';
import type { Person } from '../../model/entry.js';

export interface Converted {
  html: Record<string, string>;
  authors: Person[];
  editors: Person[];
  /** Problems the conversion met, by field: unknown macros, a lone `$`…; `code` when not bib/latex. */
  problems: { field: string; message: string; code?: string }[];
}

/** Longer fields skip the LaTeX converter (its cost grows with the text) and are shown as plain text. */
export const MAX_CONVERTED_LENGTH = 20_000;
const MAX_SHOWN_LENGTH = 100_000;
/** Fields the island path leaves alone: the parser turns them into numbers or lists as a whole. */
const wholeOnly = (field: string): boolean => field === 'year' || field === 'month' || LITERAL_LISTS.has(field);

/** What one entry needs: fields already done, and the converter work still to do. */
interface Plan {
  type: string;
  raw: Record<string, string>;
  /** Each converted value as prepared for conversion (literal.ts), by field. */
  prepared: Record<string, Prepared>;
  done: Record<string, string>;
  creators: Record<string, Person[]>;
  problems: Converted['problems'];
  /** Fields (and creator lists) for the converter, whole: one job. */
  whole: Record<string, string>;
  wholeJob?: number;
  /** Fields split into plain runs and islands: one job per island. */
  islands: { field: string; pieces: Piece[]; jobs: number[] }[];
}

/** Converts one entry's text fields and names. */
export function convertFields(type: string, raw: Record<string, string>, options: { fast?: boolean } = {}): Converted {
  return convertAll([{ type, raw }], options)[0];
}

/** Converts many entries, with all the converter work in one batch. */
export function convertAll(items: { type: string; raw: Record<string, string> }[], options: { fast?: boolean } = {}): Converted[] {
  const fast = options.fast ?? true;
  const jobs: Job[] = [];
  const plans = items.map(({ type, raw }) => {
    const p = plan(type, raw, fast);
    if (Object.keys(p.whole).length) p.wholeJob = jobs.push({ type, fields: p.whole }) - 1;
    for (const isl of p.islands) {
      for (const piece of isl.pieces) {
        if ('tex' in piece) isl.jobs.push(jobs.push({ type, fields: { [isl.field]: ISLAND_EDGE + piece.tex + ISLAND_EDGE } }) - 1);
      }
    }
    return p;
  });
  const results = convertJobs(jobs);
  // An island whose edges did not come back intact (not seen yet; the converter is not ours) is
  // converted again with its field whole.
  const redo: Plan[] = [];
  for (const p of plans) {
    for (const isl of p.islands) {
      const outs = isl.jobs.map((j) => results[j].fields[isl.field] ?? '');
      if (outs.every((o) => o.startsWith(ISLAND_EDGE) && o.endsWith(ISLAND_EDGE) && o.length >= 2)) continue;
      p.whole[isl.field] = p.prepared[isl.field].text;
      isl.jobs = [];
      if (!redo.includes(p)) redo.push(p);
    }
    // Those sent whole above; an island field with no converter job (only text and converted pieces) stays.
    p.islands = p.islands.filter((isl) => !(isl.field in p.whole));
  }
  const again = convertJobs(redo.map((p) => ({ type: p.type, fields: p.whole })));
  redo.forEach((p, i) => {
    p.wholeJob = results.push(again[i]) - 1;
  });
  return plans.map((p) => assemble(p, results));
}

/** One entry's result: its fast-path fields, its converted fields, and its islands put back in place. */
function assemble(p: Plan, results: JobResult[]): Converted {
  if (p.wholeJob !== undefined) {
    const r = results[p.wholeJob];
    for (const [name, value] of Object.entries(r.fields)) p.done[name] = finish(value, p.prepared[name], name, problemsOf(p, name));
    for (const name of ['author', 'editor'] as const) if (name in p.whole) p.creators[name] = toPersons(r.creators[name], p.prepared[name]);
    p.problems.push(...r.problems.map((message) => ({ field: '', message })));
  }
  for (const isl of p.islands) {
    let at = 0;
    const text = isl.pieces.map((piece) => ('text' in piece ? piece.text : results[isl.jobs[at++]].fields[isl.field].slice(1, -1))).join('');
    p.done[isl.field] = finish(text.trim(), p.prepared[isl.field], isl.field, problemsOf(p, isl.field));
    for (const j of isl.jobs) p.problems.push(...results[j].problems.map((message) => ({ field: isl.field, message })));
  }
  // In source order; fields the converter dropped (empty after conversion) stay empty, not missing.
  const html: Record<string, string> = {};
  for (const name of Object.keys(p.raw)) if (name in p.done || TEXT_FIELDS.has(name)) html[name] = p.done[name] ?? '';
  return { html, authors: p.creators.author ?? [], editors: p.creators.editor ?? [], problems: p.problems };
}

/**
 * A name list with `{}` after each control word that stands before " and ": BibTeX splits names at
 * " and " before any TeX is read, but a converter that reads TeX first lets the control word take
 * the space as its end, and "Larson, Per-\\AAke and Blanas, Spyros" became one name. `{}` ends the
 * word as the space did, and leaves the space to separate the names.
 */
const andStaysApart = (list: string): string => (list.includes('\\') ? list.replace(/(\\[A-Za-z]+)(?=\s+and\s)/g, '$1{}') : list);

function plan(type: string, raw: Record<string, string>, fast: boolean): Plan {
  const p: Plan = { type, raw, prepared: {}, done: {}, creators: {}, problems: [], whole: {}, islands: [] };
  for (const [name, rawValue] of Object.entries(raw)) {
    const creatorList = name === 'author' || name === 'editor';
    if ((!TEXT_FIELDS.has(name) && !creatorList) || VERBATIM_FIELDS.has(name)) continue;
    if (rawValue.length > MAX_CONVERTED_LENGTH) {
      const value = rawValue;
      // The converter's cost grows with the text; a huge field would stall the build. Plain text it is.
      p.done[name] = escapeHtml(value.replace(/[{}]/g, '').slice(0, MAX_SHOWN_LENGTH));
      p.problems.push({ field: name, message: `field "${name}" has ${value.length} characters; it is shown without LaTeX conversion${value.length > MAX_SHOWN_LENGTH ? `, cut to ${MAX_SHOWN_LENGTH}` : ''}` });
      continue;
    }
    if (!rawValue.trim()) continue; // the converter skips empty fields
    const prepared = (p.prepared[name] = prepare(creatorList ? andStaysApart(rawValue) : rawValue, { field: name, math: !creatorList }));
    for (const message of prepared.problems) p.problems.push({ field: name, message, code: 'bib/dollar' });
    const value = prepared.text;
    if (!fast) p.whole[name] = value;
    else if (creatorList) {
      const plain = plainCreators(value);
      if (plain) p.creators[name] = toPersons(plain, prepared);
      else p.whole[name] = value;
    } else {
      const plain = plainField(name, value);
      const pieces = plain === undefined && !wholeOnly(name) ? splitIslands(value) : undefined;
      if (plain !== undefined) p.done[name] = finish(plain, prepared, name, problemsOf(p, name));
      else if (pieces) p.islands.push({ field: name, pieces, jobs: [] });
      else p.whole[name] = value;
    }
  }
  return p;
}

/**
 * Author marks: corresponding, equal contribution…; `^` too, which al-folio strips from names. Not
 * `&` (al-folio strips it too): `Procter \& Gamble` would end in one.
 */
const MARK_CHARS = '*†‡§¶#^';

/**
 * The marks a name ends in (`Smith*`, `Smith^{†}`, `Smith^‡`): where they start and which they are.
 * A scan from the end (all the marks are in the BMP), not a regex anchored at the end: that one
 * backtracked over a long run of marks (test/redos.test.ts).
 */
function trailingMarks(text: string): { index: number; marks: string } | undefined {
  const braced = text.endsWith('}');
  const end = braced ? text.length - 1 : text.length;
  let start = end;
  while (start > 0 && MARK_CHARS.includes(text[start - 1])) start--;
  if (start === end) return undefined;
  // `Smith^‡`: the `^` is TeX's superscript, not a mark of its own; `Smith^` alone is al-folio's mark.
  const marks = end - start > 1 && text[start] === '^' ? text.slice(start + 1, end) : text.slice(start, end);
  const open = start > 0 && text[start - 1] === '{' ? start - 1 : start;
  if (open > 0 && text[open - 1] === '^') return { index: open - 1, marks };
  return braced ? undefined : { index: start, marks };
}

/** Where a field's math problems go (its placeholders are rendered as the field is finished). */
function problemsOf(p: Plan, field: string): (message: string) => void {
  return (message) => p.problems.push({ field, message: `field "${field}": ${message}`, code: 'bib/math' });
}

function toPersons(value: PlainCreator[] | undefined, prepared: Prepared): Person[] {
  if (!Array.isArray(value)) return [];
  const strip = (s: string | undefined): string => nfc(htmlToText(sanitizeInline(restore(s ?? '', prepared, 'author')))).trim();
  return value.map((c) => {
    if (c.name !== undefined) {
      const literal = strip(c.name);
      return withEmphasis({ first: '', last: '', literal, marks: '' }, [c.name]);
    }
    if (c.lastName === 'others' && !c.firstName) return { first: '', last: '', literal: 'others', marks: '' };
    let first = strip(c.firstName ?? '');
    let last = strip([c.prefix, c.lastName, c.suffix].filter(Boolean).join(' '));
    let marks = '';
    for (const part of ['last', 'first'] as const) {
      const text = part === 'last' ? last : first;
      const m = text ? trailingMarks(text) : undefined;
      if (m) {
        marks += m.marks;
        if (part === 'last') last = text.slice(0, m.index).trim();
        else first = text.slice(0, m.index).trim();
      }
    }
    return withEmphasis({ first, last, marks }, [c.firstName, c.prefix, c.lastName, c.suffix]);
  });
}

/** The name's own bold or italic (converted markup in any of its parts), which `strip` takes off. */
function withEmphasis(p: Person, parts: (string | undefined)[]): Person {
  const html = parts.filter(Boolean).join(' ');
  if (!html.includes('<')) return p;
  const bold = /<(b|strong)>/.test(html);
  const italic = /<(i|em)>/.test(html);
  return bold || italic ? { ...p, emphasis: { ...(bold && { bold: true }), ...(italic && { italic: true }) } } : p;
}
