import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BibFile } from '../load/bib.js';
import type { PageMap } from '../render/page-map.js';
import { CACHE_WRITE, writeAtomic } from '../write/atomic.js';
import { LIMITS, readInputText } from '../load/read-input.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EntrySpot } from './plan.js';

/**
 * What a build leaves for the next one to change one entry of its page alone (src/patch/): the
 * .bib's text as it read it, where each entry lay in it and in the page, and its whole report.
 * It lies beside the build stamp, in the cache folder, and is input like the rest of it: nothing in
 * it is believed that the next build does not check against the page and the .bib (index.ts).
 */
export interface PatchRecord {
  version: typeof VERSION;
  /** The .bib (absolute path), its bytes' hash (as the stamp keeps it) and its text. */
  bib: string;
  bibHash: string;
  text: string;
  /** The page's hash, as the stamp keeps it. */
  page: string;
  entries: EntrySpot[];
  /** Every diagnostic of the build, before shownDiagnostics picked the ones shown. */
  diagnostics: Diagnostic[];
}

const VERSION = 1;

/** The record beside a build stamp (write/stamp.ts). */
export const recordFile = (stampFile: string): string => path.join(path.dirname(stampFile), `${path.basename(stampFile, '.json')}.patch.json`);

export async function writeRecord(stampFile: string, record: Omit<PatchRecord, 'version'>): Promise<void> {
  await writeAtomic(recordFile(stampFile), JSON.stringify({ version: VERSION, ...record }), CACHE_WRITE).catch(() => undefined);
}

/** The record, when there is one of this version and of the right shape; else undefined. */
export async function readRecord(stampFile: string): Promise<PatchRecord | undefined> {
  try {
    const r = JSON.parse((await readInputText(recordFile(stampFile), LIMITS.cache)) ?? '') as PatchRecord;
    return r?.version === VERSION && typeof r.bib === 'string' && typeof r.bibHash === 'string' && typeof r.text === 'string' && typeof r.page === 'string' && Array.isArray(r.entries) && Array.isArray(r.diagnostics) && r.entries.every(isSpot) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Forget the record (a build that cannot leave one must not leave the last). */
export async function dropRecord(stampFile: string): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await rm(recordFile(stampFile), { force: true }).catch(() => undefined);
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
export function recordOf(bibFile: string, bib: BibFile, map: PageMap, page: Buffer[], diagnostics: Diagnostic[]): Omit<PatchRecord, 'version' | 'bibHash'> | undefined {
  if (!bib.spans || map.outsideReads.size) return undefined;
  const src = bib.source;
  const entries = bib.entries.map((e, i): EntrySpot => {
    const { start, end } = bib.spans![i];
    const at = map.entries.get(e.index);
    const ids = at?.ids ?? [];
    return {
      key: e.key,
      start,
      end,
      line0: src.position(start).line,
      line1: src.position(end - 1).line,
      ids,
      frags: ids.flatMap((id) => (map.fragments.get(id) ?? []).map(([s, t]): [string, number, number] => [id, s, t])),
      article: ids.length ? map.articles.get(ids[0]) : undefined,
    };
  });
  return { bib: bibFile, text: src.text, page: sha1(page), entries, diagnostics };
}

const sha1 = (chunks: Uint8Array[]): string => chunks.reduce((h, c) => h.update(c), createHash('sha1')).digest('base64url');
