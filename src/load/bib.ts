import { parseVerbatim, type VerbatimEntry, type VerbatimLibrary } from './bibtex-parser.js';
import { convertAll } from './latex.js';
import { EntryCache } from './entry-cache.js';
import { reportParseErrors } from './bib-syntax.js';
import type { SourceText } from './source-text.js';
import type { Entry } from '../model/entry.js';
import type { Position, Reporter } from '../model/diagnostic.js';

const BARE_WORD_FIELDS = new Set(['selected', 'bibtex_show', 'hidden', 'award']);

export interface BibFile {
  source: SourceText;
  entries: Entry[];
}

/**
 * Loads a .bib file: the verbatim parser finds entries, errors and @string expansions fast; each
 * entry is then located in the source and its text fields converted on their own. `fastLatex: false`
 * sends every field through the LaTeX converter (the reference the fast path is tested against).
 * With a `cache`, entries converted in an earlier run are not converted again.
 */
export function loadBib(source: SourceText, report: Reporter, options: { fastLatex?: boolean; cache?: EntryCache } = {}): BibFile {
  const text = bibtexCompatible(blankFrontMatter(source.text));
  const lib = restoreDollars(parseVerbatim(text));
  reportParseErrors(lib.errors, text, source, report);
  const undefinedMacros = new Set(
    lib.errors.map((e) => /^Unresolved @string reference "(.*)"$/.exec(e.error)?.[1]).filter((n): n is string => !!n),
  );

  const entries: Entry[] = [];
  let cursor = 0;
  for (const v of lib.entries) {
    if (!v.input) continue; // the parser keeps a husk of an entry it failed on; the error is reported
    const at = text.indexOf(v.input, cursor);
    const offset = at === -1 ? cursor : at;
    if (at !== -1) cursor = at + v.input.length;
    entries.push(toEntry(v, offset, entries.length, source, report, undefinedMacros));
  }
  applyCrossrefs(entries, report);
  // Entries converted in an earlier run come from the cache; the rest are converted in one batch.
  const keys = entries.map((e) => options.cache && EntryCache.key(e.type, e.raw));
  const cached = entries.map((_, i) => (keys[i] ? options.cache!.get(keys[i]) : undefined));
  const missing = entries.filter((_, i) => !cached[i]);
  const fresh = convertAll(missing, { fast: options.fastLatex });
  let next = 0;
  entries.forEach((e, i) => {
    let converted = cached[i];
    if (!converted) {
      converted = fresh[next++];
      if (keys[i]) options.cache!.set(keys[i], converted);
    }
    for (const p of converted.problems) {
      report.warn(source.file, e.pos, { code: 'bib/latex', message: `entry "${e.key}": ${p.message}` });
    }
    e.html = converted.html;
    e.authors = converted.authors;
    e.editors = converted.editors;
  });
  return { source, entries };
}

/**
 * Two places where the parser is stricter than BibTeX, which must not lose entries BibTeX keeps:
 * it rejects an odd number of `$` in a field (a URL with `$B` in it), and it brace-matches the body
 * of `@comment`, which BibTeX skips like any text between entries. `$` is swapped for a private-use
 * character during parsing (same length, so positions hold) and `@comment` is turned into plain text.
 */
const DOLLAR = '\uE000';
function bibtexCompatible(text: string): string {
  const out = text.includes(DOLLAR) ? text : text.replace(/\$/g, DOLLAR);
  // Tested first: a global, case-insensitive replace scans a 5 MB file in ~35 ms even when nothing matches.
  return /@\s*comment\b/i.test(out) ? out.replace(/@(\s*comment\b)/gi, ' $1') : out;
}

function restoreDollars(lib: VerbatimLibrary): VerbatimLibrary {
  const back = (s: string): string => (s.includes(DOLLAR) ? s.split(DOLLAR).join('$') : s);
  for (const e of lib.entries) {
    for (const k of Object.keys(e.fields)) e.fields[k] = back(e.fields[k]);
    e.key = back(e.key);
  }
  for (const err of lib.errors) err.error = back(err.error);
  return lib;
}

/** Jekyll front matter (al-folio's `---\n---`) becomes blank lines, so positions stay true. */
function blankFrontMatter(text: string): string {
  const m = /^(?:\uFEFF)?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text) ?? /^---[ \t]*\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return text;
  return m[0].replace(/[^\n]/g, ' ') + text.slice(m[0].length);
}

function toEntry(
  v: VerbatimEntry,
  offset: number,
  index: number,
  source: SourceText,
  report: Reporter,
  undefinedMacros: Set<string>,
): Entry {
  const pos = source.position(offset);
  const { positions: fieldPos, duplicates } = locateFields(v.input, offset, source);
  for (const d of duplicates) {
    const first = fieldPos[d.name];
    // BibTeX warns and keeps the first value; so do we, so that every file BibTeX accepts builds.
    report.warn(source.file, d.pos, {
      code: 'bib/duplicate-field',
      message: `field "${d.name}" appears twice in entry "${v.key}"; the first value is used`,
      related: { file: source.file, line: first.line, column: first.column, message: 'first given here' },
    });
  }
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(v.fields)) {
    if (/\+duplicate-\d+$/.test(name)) continue; // a repeated field: reported below, first value kept
    raw[name.toLowerCase()] = value;
  }

  for (const name of undefinedMacros.size ? Object.keys(raw) : []) {
    for (const macro of undefinedMacros) {
      if (!raw[name].includes(`{{${macro}}}`)) continue;
      raw[name] = raw[name].split(`{{${macro}}}`).join(macro);
      // al-folio writes `selected = true` bare; BibTeX reads that as a macro, we read it as the word.
      if (BARE_WORD_FIELDS.has(name) && /^(true|false|yes|no)$/i.test(macro)) continue;
      report.warn(source.file, fieldPos[name] ?? pos, {
        code: 'bib/undefined-string',
        message: `undefined @string macro "${macro}" in field "${name}" of entry "${v.key}"`,
        hint: `Define it with @string{${macro} = {…}} before this entry, or put the value in braces. Its name is used as the text.`,
      });
    }
  }

  return {
    key: v.key,
    type: v.type.toLowerCase(),
    raw,
    html: {},
    authors: [],
    editors: [],
    file: source.file,
    pos,
    fieldPos,
    index,
  };
}

/**
 * BibTeX crossref: an entry inherits the fields it lacks from the entry it names; a parent's
 * title becomes the child's booktitle. Chains are followed, cycles are cut.
 */
function applyCrossrefs(entries: Entry[], report: Reporter): void {
  const byKey = new Map(entries.map((e) => [e.key.toLowerCase(), e]));
  const resolve = (e: Entry, seen: Set<Entry>): void => {
    const ref = e.raw.crossref?.trim();
    if (!ref || seen.has(e)) return;
    seen.add(e);
    const parent = byKey.get(ref.toLowerCase());
    if (!parent) {
      report.warn(e.file, e.fieldPos.crossref ?? e.pos, {
        code: 'bib/unresolved-crossref',
        message: `entry "${e.key}" has crossref "${ref}", but no entry has that key`,
      });
      return;
    }
    resolve(parent, seen);
    for (const [name, value] of Object.entries(parent.raw)) {
      if (name === 'title' && e.raw.booktitle === undefined) e.raw.booktitle = value;
      if (name === 'crossref' || name === 'key' || name === 'title' || e.raw[name] !== undefined) continue;
      e.raw[name] = value;
    }
  };
  for (const e of entries) resolve(e, new Set());
}

/** Finds `name =` at the top brace level of an entry's text: the position of each field. */
export function locateFields(
  input: string,
  offset: number,
  source: SourceText,
): { positions: Record<string, Position>; duplicates: { name: string; pos: Position }[] } {
  const out: Record<string, Position> = {};
  const duplicates: { name: string; pos: Position }[] = [];
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\') { i++; continue; }
    if (c === '{' || (c === '(' && depth === 0)) { depth++; continue; }
    if (c === '}' || (c === ')' && depth === 1)) { depth--; continue; }
    if (c === '"' && depth === 1) { inQuote = !inQuote; continue; }
    if (depth !== 1 || inQuote) continue;
    if (c === ',' || i === input.indexOf('{') + 1 || i === input.indexOf('(') + 1) {
      const m = /^[,\s]*([^\s=,{}"#]+)\s*=/.exec(input.slice(i));
      if (m) {
        const name = m[1].toLowerCase();
        const at = i + m[0].indexOf(m[1]);
        if (!(name in out)) out[name] = source.position(offset + at);
        else duplicates.push({ name, pos: source.position(offset + at) });
      }
    }
  }
  return { positions: out, duplicates };
}
