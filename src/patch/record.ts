import path from 'node:path';
import type { BibFile } from '../load/bib.js';
import type { PageMap } from '../render/page-map.js';
import { CACHE_WRITE, writeAtomic } from '../write/atomic.js';
import { sha1 } from '../write/stamp.js';
import { LIMITS, readInput, readInputText } from '../load/read-input.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * What a build leaves for the next one to change one entry of its page alone (src/patch/): the
 * .bib's bytes as it read them, where each entry lay in them and in the page, and its whole
 * report. It lies beside the build stamp, in the cache folder, and is input like the rest of it:
 * nothing in it is believed that the next build does not check against the page and the .bib
 * (index.ts). Kept column by column, in memory as on disk: a build writes it after every page,
 * and a record of 6,315 entries is read and written in a few milliseconds this way, where an
 * object per entry took tens.
 */
export interface PatchRecord {
  /** The .bib (absolute path), its bytes as the build read them, and their hash (as the stamp keeps it). */
  bib: string;
  bibHash: string;
  bytes: Buffer;
  /** The page's hash, as the stamp keeps it. */
  page: string;
  /** Each entry's key, in file order. */
  keys: string[];
  /** Each entry's bytes [start, end) in the .bib, and its first and last lines: four numbers an entry. */
  spans: number[];
  /** Each fragment of the page that is a view of an entry: entry index, view id, start, end (bytes), in page order. */
  frags: (string | number)[];
  /** Each JSON-LD article: entry index, start, end. */
  articles: number[];
  /** Every diagnostic of the build, before shownDiagnostics picked the ones shown. */
  diagnostics: Diagnostic[];
}

/** One entry of a record, as src/patch/ checks and swaps it. */
export interface EntrySpot {
  key: string;
  start: number;
  end: number;
  line0: number;
  line1: number;
  /** The ids of its views on the page, and its fragments (id, start, end), in page order. */
  ids: string[];
  frags: [string, number, number][];
  /** The byte range of its JSON-LD article, when the page has one. */
  article?: [number, number];
}

/** Entry `i` of a record. */
export function spotOf(r: PatchRecord, i: number): EntrySpot {
  const s = r.spans;
  const spot: EntrySpot = { key: r.keys[i], start: s[4 * i], end: s[4 * i + 1], line0: s[4 * i + 2], line1: s[4 * i + 3], ids: [], frags: [] };
  for (let f = 0; f < r.frags.length; f += 4) {
    if (r.frags[f] !== i) continue;
    const id = r.frags[f + 1] as string;
    if (!spot.ids.includes(id)) spot.ids.push(id);
    spot.frags.push([id, r.frags[f + 2] as number, r.frags[f + 3] as number]);
  }
  for (let a = 0; a < r.articles.length; a += 3) if (r.articles[a] === i) spot.article = [r.articles[a + 1], r.articles[a + 2]];
  return spot;
}

const VERSION = 4;

type Stored = Omit<PatchRecord, 'bytes'> & { version: typeof VERSION };

/** The record beside a build stamp (write/stamp.ts), and the .bib's bytes beside it. */
export const recordFile = (stampFile: string): string => path.join(path.dirname(stampFile), `${path.basename(stampFile, '.json')}.patch.json`);
const bytesFile = (stampFile: string): string => path.join(path.dirname(stampFile), `${path.basename(stampFile, '.json')}.patch.bib`);

export async function writeRecord(stampFile: string, record: PatchRecord): Promise<void> {
  const { bytes, ...rest } = record;
  const stored: Stored = { version: VERSION, ...rest };
  await Promise.all([writeAtomic(bytesFile(stampFile), bytes, CACHE_WRITE), writeAtomic(recordFile(stampFile), JSON.stringify(stored), CACHE_WRITE)]).catch(() => undefined);
}

/** The record, when there is one of this version and of the right shape, with its bytes (of its hash); else undefined. */
export async function readRecord(stampFile: string): Promise<PatchRecord | undefined> {
  try {
    const [json, bytes] = await Promise.all([readInputText(recordFile(stampFile), LIMITS.cache), readInput(bytesFile(stampFile), LIMITS.bib)]);
    const r = JSON.parse(json ?? '') as Stored;
    if (r?.version !== VERSION || typeof r.bibHash !== 'string' || sha1(bytes) !== r.bibHash) return undefined;
    const { bib, page, keys, spans, frags, articles, diagnostics } = r;
    if (typeof bib !== 'string' || typeof page !== 'string' || ![keys, spans, frags, articles, diagnostics].every(Array.isArray)) return undefined;
    if (spans.length !== 4 * keys.length || frags.length % 4 || articles.length % 3 || !keys.every((k) => typeof k === 'string') || !spans.every(isInt) || !articles.every(isInt)) return undefined;
    for (let i = 0; i < keys.length; i++) if (spans[4 * i] >= spans[4 * i + 1] || spans[4 * i + 1] > bytes.length || (i && spans[4 * i] < spans[4 * i - 3])) return undefined;
    for (let f = 0; f < frags.length; f += 4) {
      const [i, id, a, b] = [frags[f], frags[f + 1], frags[f + 2], frags[f + 3]];
      if (!isInt(i) || i >= keys.length || typeof id !== 'string' || !isInt(a) || !isInt(b) || a > b) return undefined;
    }
    for (let a = 0; a < articles.length; a += 3) if (articles[a] >= keys.length || articles[a + 1] > articles[a + 2]) return undefined;
    return { bib, bibHash: r.bibHash, page, bytes, keys, spans, frags, articles, diagnostics };
  } catch {
    return undefined;
  }
}

/** Forget the record (a build that cannot leave one must not leave the last). */
export async function dropRecord(stampFile: string): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await Promise.all([rm(recordFile(stampFile), { force: true }), rm(bytesFile(stampFile), { force: true })]).catch(() => undefined);
}

const isInt = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * The record of a page just rendered from `bib` (read as `bytes`), or undefined when its entries
 * are not independent (load/bib.ts's spans) or the page shows a publication outside its fragments.
 */
export function recordOf(bibFile: string, bib: BibFile, bytes: Buffer | undefined, map: PageMap, diagnostics: Diagnostic[]): Omit<PatchRecord, 'bibHash' | 'page'> | undefined {
  if (!bib.spans || !bytes || map.outsideReads.size) return undefined;
  const src = bib.source;
  const keys: string[] = [];
  const spans: number[] = [];
  const frags: (string | number)[] = [];
  const articles: number[] = [];
  for (const [i, e] of bib.entries.entries()) {
    const { start, end } = bib.spans[i];
    const [a, b] = [src.byteOffset(start), src.byteOffset(end)];
    // Byte offsets come from the line starts of the bytes read: a text made otherwise has none.
    if (a < 0 || b > bytes.length) return undefined;
    keys.push(e.key);
    spans.push(a, b, src.position(start).line, src.position(end - 1).line);
    const ids = map.entries.get(e.index)?.ids ?? [];
    for (const id of ids) for (const [s, t] of map.fragments.get(id) ?? []) frags.push(i, id, s, t);
    const article = ids.length ? map.articles.get(ids[0]) : undefined;
    if (article) articles.push(i, ...article);
  }
  return { bib: bibFile, bytes, keys, spans, frags, articles, diagnostics };
}
