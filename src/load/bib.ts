import { parseVerbatim, type VerbatimEntry, type VerbatimLibrary } from './bibtex-parser.js';
import { convertAll, type Converted } from './latex/index.js';
import { changeOf, planSplice, type Span } from './bib-splice.js';
import { EntryCache } from './entry-cache.js';
import { reportParseErrors } from './bib-syntax.js';
import type { SourceText } from './source-text.js';
import type { Entry } from '../model/entry.js';
import { Reporter, type Diagnostic, type Position } from '../model/diagnostic.js';

const BARE_WORD_FIELDS = new Set(['selected', 'bibtex_show', 'hidden', 'award']);

export interface BibFile {
  source: SourceText;
  entries: Entry[];
  /** How many entries were kept from the last load of the file instead of being parsed again. */
  reused: number;
}

/** One loaded entry, where it lies in the parser's text, and the warnings it raised. */
interface Item extends Span {
  entry: Entry;
  /** Its key in the entry cache, and its conversion. */
  cacheKey?: string;
  converted: Converted;
  warnings: Diagnostic[];
}

/** A whole file as loaded: what the next load of the same file may keep (bib-splice.ts). */
interface Loaded {
  /** The text as read; the parser read it with front matter blanked (same length and positions). */
  source: SourceText;
  /** The file has (or may grow) Jekyll front matter: it is parsed whole. */
  frontMatter: boolean;
  items: Item[];
  strings: Record<string, string>;
  /** A clean parse with no crossref: entries depend on nothing but their own text and earlier @strings. */
  spliceable: boolean;
  /** The offset after which the text has no @string or @preamble. */
  directivesEnd: number;
}

/** The last load of each file in this process, by absolute path (watch loads the same file again). */
const previous = new Map<string, Loaded>();

/**
 * Loads a .bib file: the verbatim parser finds entries, errors and @string expansions fast; each
 * entry is then located in the source and its text fields converted on their own. `fastLatex: false`
 * sends every field through the LaTeX converter (the reference the fast path is tested against).
 * With a `cache`, entries converted in an earlier run are not converted again. With `reuse` (the
 * file's absolute path), a file loaded before in this process is parsed again only where it changed.
 */
export function loadBib(source: SourceText, report: Reporter, options: { fastLatex?: boolean; cache?: EntryCache; reuse?: string } = {}): BibFile {
  const prev = options.reuse ? previous.get(options.reuse) : undefined;
  const splice = prev?.source.file === source.file ? spliced(prev, source, options) : undefined;
  const loaded = splice?.loaded ?? loadAll(source, report, options);
  if (options.reuse) previous.set(options.reuse, loaded);
  for (const item of loaded.items) for (const d of item.warnings) report.add(d);
  return { source, entries: loaded.items.map((i) => i.entry), reused: splice?.kept ?? 0 };
}

function loadAll(source: SourceText, report: Reporter, options: { fastLatex?: boolean; cache?: EntryCache }): Loaded {
  const plain = blankFrontMatter(source.text);
  const text = bibtexCompatible(plain);
  const lib = restoreDollars(parseVerbatim(text));
  reportParseErrors(lib.errors, text, source, report);
  const undefinedMacros = new Set(
    lib.errors.map((e) => /^Unresolved @string reference "(.*)"$/.exec(e.error)?.[1]).filter((n): n is string => !!n),
  );
  const items = itemsOf(lib, text, 0, 0, source, undefinedMacros);
  applyCrossrefs(items.map((i) => i.entry), report);
  convert(items, source, options);
  const directives = keywordsAt(plain, DIRECTIVE);
  const directivesEnd = directives.length ? directives[directives.length - 1].end : 0;
  return {
    source,
    frontMatter: plain !== source.text || startsFrontMatter(source),
    items,
    strings: lib.strings,
    spliceable: lib.errors.length === 0 && !items.some((i) => 'crossref' in i.entry.raw) && !Object.values(lib.strings).includes(''),
    directivesEnd,
  };
}

const DIRECTIVE = /^@\s*(?:string|preamble)\b/i;
const COMMENT = /^@\s*comment\b/i;
const LONGEST_KEYWORD = 'preamble'.length;

/**
 * Where `keyword` (a pattern anchored at `@`) matches, tried on a short slice at each `@`: a
 * case-insensitive regex run once over a whole 5 MB file, or a sticky one at each `@`, costs
 * 30–100 ms; this, under 1 ms. `text` should be flat: indexOf on a string built by replaceAll
 * (a V8 cons string) walks its pieces on every call (35 ms for 5,000 entries).
 */
function keywordsAt(text: string, keyword: RegExp): { at: number; end: number }[] {
  const found: { at: number; end: number }[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let word = at + 1;
    while (word < text.length && SPACE.test(text[word])) word++;
    const m = keyword.exec(text.slice(at, word + LONGEST_KEYWORD + 1));
    if (m) found.push({ at, end: at + m[0].length });
  }
  return found;
}
const SPACE = /\s/;

/**
 * The file loaded again by keeping the entries before and after the change and parsing only the
 * text between them, or undefined when that could differ from a whole parse: the change has a
 * syntax error, an @string or @preamble, an entry with crossref, or a macro defined after it.
 */
function spliced(prev: Loaded, source: SourceText, options: { fastLatex?: boolean; cache?: EntryCache }): { loaded: Loaded; kept: number } | undefined {
  if (!prev.spliceable || prev.frontMatter || startsFrontMatter(source)) return undefined;
  // Read as an edit of the last version (watch), the change is known; otherwise the texts are compared.
  const change = source.change?.previous === prev.source ? source.change : changeOf(prev.source.text, source.text);
  const plan = planSplice(prev.source, prev.items, source, change);
  if (!plan || plan.start < prev.directivesEnd) return undefined;
  const plain = source.slice(plan.start, plan.end);
  if (keywordsAt(plain, DIRECTIVE).length) return undefined;
  const middle = bibtexCompatible(plain);
  const lib = restoreDollars(parseVerbatim(middle, prev.strings));
  if (lib.errors.length) return undefined;
  const mid = itemsOf(lib, middle, plan.start, plan.head, source, new Set());
  if (mid.some((i) => 'crossref' in i.entry.raw)) return undefined;
  convert(mid, source, options);
  const head = prev.items.slice(0, plan.head);
  const tail = prev.items.slice(plan.tail).map((i) => moved(i, plan.chars, plan.lines, plan.head + mid.length - plan.tail));
  for (const i of [...head, ...tail]) if (i.cacheKey) options.cache?.keep(i.cacheKey, i.converted);
  return { loaded: { ...prev, source, items: [...head, ...mid, ...tail] }, kept: head.length + tail.length };
}

/** An entry kept from the last load, further down the file by `chars` characters and `lines` lines. */
function moved(item: Item, chars: number, lines: number, indexBy: number): Item {
  if (chars === 0 && lines === 0 && indexBy === 0) return item;
  // An edit within a line moves offsets only: the entry, its positions and warnings stay as they are.
  if (lines === 0 && indexBy === 0) return { ...item, start: item.start + chars, end: item.end + chars };
  const down = (p: Position): Position => ({ line: p.line + lines, column: p.column });
  const fieldPos: Record<string, Position> = {};
  for (const [name, p] of Object.entries(item.entry.fieldPos)) fieldPos[name] = down(p);
  return {
    ...item,
    start: item.start + chars,
    end: item.end + chars,
    entry: { ...item.entry, pos: down(item.entry.pos), fieldPos, index: item.entry.index + indexBy },
    warnings: item.warnings.map((d) => ({
      ...d,
      line: d.line + lines,
      related: d.related && d.related.file === d.file ? { ...d.related, line: d.related.line + lines } : d.related,
    })),
  };
}

/** The parsed entries of `text`, which starts at `base` in the file; indexes count from `index`. */
function itemsOf(lib: VerbatimLibrary, text: string, base: number, index: number, source: SourceText, undefinedMacros: Set<string>): Item[] {
  const items: Item[] = [];
  let cursor = 0;
  for (const v of lib.entries) {
    if (!v.input) continue; // the parser keeps a husk of an entry it failed on; the error is reported
    const at = text.indexOf(v.input, cursor);
    const offset = at === -1 ? cursor : at;
    if (at !== -1) cursor = at + v.input.length;
    const own = new Reporter();
    const entry = toEntry(v, base + offset, index + items.length, source, own, undefinedMacros);
    items.push({ start: base + offset, end: base + offset + v.input.length, entry, converted: EMPTY, warnings: own.list });
  }
  return items;
}

const EMPTY: Converted = { html: {}, authors: [], editors: [], problems: [] };

/** Converts the items' fields: from the cache where it has them, the rest in one batch. */
function convert(items: Item[], source: SourceText, options: { fastLatex?: boolean; cache?: EntryCache }): void {
  const { cache } = options;
  for (const i of items) i.cacheKey = cache && EntryCache.key(i.entry.type, i.entry.raw);
  const cached = items.map((i) => (i.cacheKey ? cache!.get(i.cacheKey) : undefined));
  const fresh = convertAll(items.filter((_, n) => !cached[n]).map((i) => i.entry), { fast: options.fastLatex });
  let next = 0;
  items.forEach((item, n) => {
    let converted = cached[n];
    if (!converted) {
      converted = fresh[next++];
      if (item.cacheKey) cache!.set(item.cacheKey, converted);
    }
    const e = item.entry;
    const own = new Reporter(item.warnings);
    for (const p of converted.problems) own.warn(source.file, e.pos, { code: p.code ?? 'bib/latex', message: `entry "${e.key}": ${p.message}` });
    item.converted = converted;
    e.html = converted.html;
    e.authors = converted.authors;
    e.editors = converted.editors;
  });
}

/**
 * Two places where the parser is stricter than BibTeX, which must not lose entries BibTeX keeps:
 * it rejects an odd number of `$` in a field (a URL with `$B` in it), and it brace-matches the body
 * of `@comment`, which BibTeX skips like any text between entries. `$` is swapped for a private-use
 * character during parsing (same length, so positions hold) and `@comment` is turned into plain text.
 */
const DOLLAR = '\uE000';
function bibtexCompatible(text: string): string {
  const out = text.includes(DOLLAR) ? text : flat(text.replaceAll('$', DOLLAR));
  const comments = keywordsAt(text, COMMENT);
  if (!comments.length) return out;
  const pieces = [];
  let from = 0;
  for (const { at } of comments) {
    pieces.push(out.slice(from, at));
    from = at + 1;
  }
  pieces.push(out.slice(from));
  return pieces.join(' ');
}

/**
 * The same string, stored in one piece. V8 keeps replaceAll's result as a tree of pieces, and
 * every indexOf on it walks them (35 ms for the 5,000 entry offsets of a 5 MB file); converting
 * it to a number flattens it in place, once (a 10 ms copy).
 */
function flat(s: string): string {
  void Number(s);
  return s;
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

/** Front matter can only start a file whose first line starts with `---`. */
const startsFrontMatter = (source: SourceText): boolean => /^\uFEFF?---/.test(source.slice(0, 4));

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
  const afterBrace = input.indexOf('{') + 1;
  const afterParen = input.indexOf('(') + 1;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\') { i++; continue; }
    if (c === '{' || (c === '(' && depth === 0)) { depth++; continue; }
    if (c === '}' || (c === ')' && depth === 1)) { depth--; continue; }
    if (c === '"' && depth === 1) { inQuote = !inQuote; continue; }
    if (depth !== 1 || inQuote) continue;
    if (c === ',' || i === afterBrace || i === afterParen) {
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
