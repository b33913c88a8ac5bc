import { parseVerbatim, type VerbatimLibrary } from './bibtex-parser.js';
import { convertAll, type Converted } from './latex/index.js';
import { changeOf, planSplice, type Span } from './bib-splice.js';
import { EntryCache } from './entry-cache.js';
import { reportParseErrors } from './bib-syntax.js';
import { bibtexCompatible, blankFrontMatter, DIRECTIVE, keywordsAt, restoreDollars, startsFrontMatter as startsWithDashes, type Compatible } from './bib-compat.js';
import { applyCrossrefs } from './crossref.js';
import { toEntry } from './bib-entry.js';
import { reportLimit, reportHidden, collapseDuplicates } from './bib-report.js';
import type { SourceText } from './source-text.js';
import type { Entry } from '../model/entry.js';
import { Reporter, type Diagnostic, type Position } from '../model/diagnostic.js';

export interface BibFile {
  source: SourceText;
  entries: Entry[];
  /** How many entries were kept from the last load of the file instead of being parsed again. */
  reused: number;
  /**
   * Where each entry lies in the text (by entry index), when every entry depends on nothing but
   * its own text and the @strings before it (no crossref, no syntax error, no front matter, no
   * entries hidden in comments, none collapsed as a duplicate): a later build may then change one
   * entry alone (src/patch/).
   */
  spans?: readonly Span[];
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
  const entries = collapseDuplicates(loaded.items.map((i) => i.entry), report);
  const independent = loaded.spliceable && !loaded.frontMatter && entries.length === loaded.items.length;
  return { source, entries, reused: splice?.kept ?? 0, spans: independent ? loaded.items.map(({ start, end }) => ({ start, end })) : undefined };
}

function loadAll(source: SourceText, report: Reporter, options: { fastLatex?: boolean; cache?: EntryCache }): Loaded {
  const plain = blankFrontMatter(source.text);
  const compatible = bibtexCompatible(plain);
  const { text } = compatible;
  const lib = restoreDollars(parseVerbatim(text));
  if (lib.limit) reportLimit(lib.limit, text, source, report);
  reportHidden(compatible.hidden, source, report);
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
    // A comment that hides entries is reported once per whole load: such a file is loaded whole.
    spliceable: lib.errors.length === 0 && !lib.limit && !compatible.hidden.length && !items.some((i) => 'crossref' in i.entry.raw) && !Object.values(lib.strings).includes(''),
    directivesEnd,
  };
}

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
  const compatible: Compatible = bibtexCompatible(plain);
  if (compatible.hidden.length) return undefined;
  const middle = compatible.text;
  const lib = restoreDollars(parseVerbatim(middle, prev.strings));
  if (lib.errors.length || lib.limit) return undefined;
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
    // Once per message and entry (a command in the title and the abstract is one problem), at the
    // field: the one it names, else the first that holds the unknown command.
    const said = new Set<string>();
    for (const p of converted.problems) {
      if (said.has(p.message)) continue;
      said.add(p.message);
      const field = p.field || fieldWithCommand(p.message, e.raw);
      own.warn(source.file, (field && e.fieldPos[field]) || e.pos, { code: p.code ?? 'bib/latex', message: `entry "${e.key}": ${p.message}` });
    }
    item.converted = converted;
    e.html = converted.html;
    e.authors = converted.authors;
    e.editors = converted.editors;
  });
}

/** For "unknown LaTeX command \\foo": the first field whose value holds `\\foo` (not `\\foobar`). */
function fieldWithCommand(message: string, raw: Record<string, string>): string | undefined {
  const command = /^unknown LaTeX command (\\[a-zA-Z@]+)/.exec(message)?.[1];
  if (!command) return undefined;
  return Object.keys(raw).find((f) => {
    for (let at = raw[f].indexOf(command); at !== -1; at = raw[f].indexOf(command, at + 1)) if (!/[a-zA-Z@]/.test(raw[f][at + command.length] ?? '')) return true;
    return false;
  });
}

/** Front matter can only start a file whose first line starts with `---`. */
const startsFrontMatter = (source: SourceText): boolean => startsWithDashes(source.slice(0, 4));
