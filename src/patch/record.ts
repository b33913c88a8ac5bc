import path from 'node:path';
import type { BibFile } from '../load/bib.js';
import type { PageMap } from '../render/page-map.js';
import { CACHE_WRITE, writeAtomic } from '../write/atomic.js';
import { LIMITS, readInput, readInputText } from '../load/read-input.js';
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EntrySpot } from './plan.js';

/**
 * What a build leaves for the next one to change one entry of its page alone (src/patch/): the
 * .bib's text as it read it, where each entry lay in it and in the page, and its whole report.
 * It lies beside the build stamp, in the cache folder, and is input like the rest of it: nothing in
 * it is believed that the next build does not check against the page and the .bib (index.ts).
 */
export interface PatchRecord {
  /** The .bib (absolute path), and its bytes as the build read them, and their hash (as the stamp keeps it). */
  bib: string;
  bibHash: string;
  bytes: Buffer;
  /** The page's hash, as the stamp keeps it. */
  page: string;
  entries: EntrySpot[];
  /** Every diagnostic of the build, before shownDiagnostics picked the ones shown. */
  diagnostics: Diagnostic[];
}

const VERSION = 3;

/**
 * The record as stored: the entries column by column (a build writes it after every page, and
 * JSON of numbers and strings is written and read in a few milliseconds where objects take tens),
 * the .bib's bytes in a file of its own beside it, whose hash is `bibHash`.
 */
interface Stored {
  version: typeof VERSION;
  bib: string;
  bibHash: string;
  page: string;
  keys: string[];
  /** start, end, line0, line1 of each entry. */
  spans: number[];
  /** entry index, view id, start, end of each fragment, in page order. */
  frags: (string | number)[];
  /** entry index, start, end of each article. */
  articles: number[];
  diagnostics: Diagnostic[];
}

/** The record beside a build stamp (write/stamp.ts), and its text. */
export const recordFile = (stampFile: string): string => path.join(path.dirname(stampFile), `${path.basename(stampFile, '.json')}.patch.json`);
const textFile = (stampFile: string): string => path.join(path.dirname(stampFile), `${path.basename(stampFile, '.json')}.patch.bib`);

export async function writeRecord(stampFile: string, record: PatchRecord): Promise<void> {
  const stored: Stored = {
    version: VERSION,
    bib: record.bib,
    bibHash: record.bibHash,
    page: record.page,
    keys: record.entries.map((e) => e.key),
    spans: record.entries.flatMap((e) => [e.start, e.end, e.line0, e.line1]),
    frags: record.entries.flatMap((e, i) => e.frags.flatMap(([id, a, b]) => [i, id, a, b])),
    articles: record.entries.flatMap((e, i) => (e.article ? [i, ...e.article] : [])),
    diagnostics: record.diagnostics,
  };
  await Promise.all([writeAtomic(textFile(stampFile), record.bytes, CACHE_WRITE), writeAtomic(recordFile(stampFile), JSON.stringify(stored), CACHE_WRITE)]).catch(() => undefined);
}

/** The record, when there is one of this version, of the right shape and with its text; else undefined. */
export async function readRecord(stampFile: string): Promise<PatchRecord | undefined> {
  try {
    const [json, bytes] = await Promise.all([readInputText(recordFile(stampFile), LIMITS.cache), readInput(textFile(stampFile), LIMITS.bib)]);
    const r = JSON.parse(json ?? '') as Stored;
    if (r?.version !== VERSION || sha1(bytes) !== r.bibHash || !Array.isArray(r.diagnostics)) return undefined;
    const { keys, spans, frags, articles } = r;
    if (!Array.isArray(keys) || !Array.isArray(spans) || !Array.isArray(frags) || !Array.isArray(articles)) return undefined;
    if (spans.length !== 4 * keys.length || frags.length % 4 || articles.length % 3 || !spans.every(isInt) || !articles.every(isInt)) return undefined;
    const entries = keys.map((key, i): EntrySpot => ({ key, start: spans[4 * i], end: spans[4 * i + 1], line0: spans[4 * i + 2], line1: spans[4 * i + 3], ids: [], frags: [] }));
    for (let f = 0; f < frags.length; f += 4) {
      const [i, id, a, b] = frags.slice(f, f + 4);
      const e = typeof i === 'number' ? entries[i] : undefined;
      if (!e || typeof id !== 'string' || !isInt(a) || !isInt(b)) return undefined;
      if (!e.ids.includes(id)) e.ids.push(id);
      e.frags.push([id, a, b]);
    }
    for (let a = 0; a < articles.length; a += 3) {
      const e = entries[articles[a]];
      if (!e) return undefined;
      e.article = [articles[a + 1], articles[a + 2]];
    }
    if (typeof r.bib !== 'string' || typeof r.bibHash !== 'string' || typeof r.page !== 'string' || !entries.every(isSpot)) return undefined;
    return { bib: r.bib, bibHash: r.bibHash, page: r.page, bytes, entries, diagnostics: r.diagnostics };
  } catch {
    return undefined;
  }
}

const sha1 = (data: Uint8Array): string => createHash('sha1').update(data).digest('base64url');

/** Forget the record (a build that cannot leave one must not leave the last). */
export async function dropRecord(stampFile: string): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await Promise.all([rm(recordFile(stampFile), { force: true }), rm(textFile(stampFile), { force: true })]).catch(() => undefined);
}

const isInt = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isRange = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && isInt(r[0]) && isInt(r[1]) && r[0] <= r[1];

function isSpot(s: EntrySpot): boolean {
  return (
    typeof s === 'object' && s !== null && typeof s.key === 'string' && isInt(s.start) && isInt(s.end) && s.start < s.end && isInt(s.line0) && isInt(s.line1) &&
    Array.isArray(s.ids) && s.ids.every((i) => typeof i === 'string') && Array.isArray(s.frags) && s.frags.every((f) => Array.isArray(f) && f.length === 3 && typeof f[0] === 'string' && isRange([f[1], f[2]])) && (s.article === undefined || isRange(s.article))
  );
}

/**
 * The record of a page just rendered from `bib`, or undefined when its entries are not independent
 * (load/bib.ts's spans) or the page does not keep each entry's fragments apart.
 */
export function recordOf(bibFile: string, bib: BibFile, bytes: Buffer | undefined, map: PageMap, diagnostics: Diagnostic[]): Omit<PatchRecord, 'bibHash' | 'page'> | undefined {
  if (!bib.spans || !bytes || map.outsideReads.size) return undefined;
  const src = bib.source;
  const entries = bib.entries.map((e, i): EntrySpot => {
    const { start, end } = bib.spans![i];
    const at = map.entries.get(e.index);
    const ids = at?.ids ?? [];
    return {
      key: e.key,
      start: src.byteOffset(start),
      end: src.byteOffset(end),
      line0: src.position(start).line,
      line1: src.position(end - 1).line,
      ids,
      frags: ids.flatMap((id) => (map.fragments.get(id) ?? []).map(([s, t]): [string, number, number] => [id, s, t])),
      article: ids.length ? map.articles.get(ids[0]) : undefined,
    };
  });
  // Byte offsets come from the line starts of the bytes read: a text made otherwise has none.
  if (entries.some((e) => e.start < 0 || e.end > bytes.length)) return undefined;
  return { bib: bibFile, bytes, entries, diagnostics };
}
