import path from 'node:path';
import { writeAtomic } from '../write/atomic.js';
import { dependsOnFile } from '../deps.js';
import type { Reporter } from '../model/diagnostic.js';
import { fetchedInThePast, isCount } from './cache.js';
import { titleWords } from './citation-lookup.js';
import { LIMITS, readInputText } from '../load/read-input.js';

/** Where a citation count came from: shown in the badge's title. */
export const CITATION_SOURCES = ['OpenAlex', 'INSPIRE-HEP', 'Semantic Scholar'] as const;
export type CitationSource = (typeof CITATION_SOURCES)[number];

export interface CitationRecord {
  count: number;
  source: CitationSource;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
}

/**
 * `.scholar-cache/citations.json`: citation counts by work ("doi:10.1/x", "arxiv:2101.00001",
 * "inspire:451647", "title:2020:some words"), with their source and fetch time; and `misses`, the
 * title lookups that found no exact match, with their time, so that they are not asked at every
 * build. Input like any other: a record this code would not write is a warning, and the file is rebuilt.
 */
export class CitationCache {
  // No prototype: a work named "__proto__" in a tampered file is only a key.
  private works = Object.create(null) as Record<string, CitationRecord>;
  private misses = Object.create(null) as Record<string, number>;
  private dirty = false;

  private constructor(private readonly file: string) {}

  static async open(dir: string, report: Reporter): Promise<CitationCache> {
    const cache = new CitationCache(path.join(dir, 'citations.json'));
    dependsOnFile(cache.file, { writtenByBuild: true });
    const text = await readInputText(cache.file, LIMITS.cache);
    if (text === undefined) return cache;
    try {
      const data = JSON.parse(text) as { version?: unknown; works?: unknown; misses?: unknown };
      if (data?.version !== 1 || !isMap(data.works) || (data.misses !== undefined && !isMap(data.misses))) throw new Error('unexpected shape');
      const bad = Object.entries(data.works).filter(([work, r]) => {
        if (!validRecord(work, r)) return true;
        cache.works[work] = { count: r.count, source: r.source, fetchedAt: r.fetchedAt };
        return false;
      });
      if (bad.length) throw new Error(`${bad.length} record${bad.length === 1 ? ' is' : 's are'} not a work with a citation count, a source and a fetch time, e.g. "${Array.from(bad[0][0]).slice(0, 100).join('')}"`);
      const badMiss = Object.entries(data.misses ?? {}).filter(([key, t]) => {
        if (!isTitleKey(key) || !fetchedInThePast(t)) return true;
        cache.misses[key] = t;
        return false;
      });
      if (badMiss.length) throw new Error(`${badMiss.length} miss${badMiss.length === 1 ? ' is' : 'es are'} not a title lookup with a time, e.g. "${Array.from(badMiss[0][0]).slice(0, 100).join('')}"`);
    } catch (err) {
      report.warn(cache.file, undefined, { code: 'cache/corrupt', message: `cache file is corrupt (${(err as Error).message}); it will be rebuilt` });
      cache.dirty = true;
    }
    return cache;
  }

  get(work: string): CitationRecord | undefined {
    return this.works[work];
  }

  set(work: string, record: CitationRecord): void {
    this.works[work] = record;
    delete this.misses[work];
    this.dirty = true;
  }

  /** When a title lookup last found no exact match. */
  missedAt(key: string): number | undefined {
    return this.misses[key];
  }

  /** A title lookup that found no exact match (any count it had is dropped): not asked again until it is due. */
  setMiss(key: string, at: number): void {
    this.misses[key] = at;
    delete this.works[key];
    this.dirty = true;
  }

  /** Writes what changed, keys sorted. Failing to write the cache never fails the build. */
  async save(report: Reporter): Promise<void> {
    if (!this.dirty) return;
    const works = sorted(this.works);
    const misses = Object.keys(this.misses).length ? sorted(this.misses) : undefined;
    try {
      await writeAtomic(this.file, `${JSON.stringify({ version: 1, works, misses }, null, 2)}\n`);
      this.dirty = false;
    } catch (err) {
      report.warn(path.dirname(this.file), undefined, { code: 'cache/unwritable', message: `cannot write the cache (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
    }
  }
}

/** A count is a non-negative safe integer (not 1e308, not -42.5), from a known source, fetched no later than tomorrow. */
function validRecord(work: string, r: unknown): r is CitationRecord {
  const { count, source, fetchedAt } = (r ?? {}) as Partial<CitationRecord>;
  return (WORK.test(work) || isTitleKey(work)) && isCount(count) && CITATION_SOURCES.includes(source as CitationSource)
    && fetchedInThePast(fetchedAt);
}
const WORK = /^(?:doi:10\.\d{4,9}\/[^\s]{1,300}|arxiv:[a-z0-9.\/-]{1,60}|inspire:[1-9]\d{0,9})$/;

/** "title:2020:words", the words as titleWords() gives them (so nothing it would not write). */
function isTitleKey(key: string): boolean {
  const m = /^title:(\d{4}):(.{1,500})$/u.exec(key);
  return !!m && titleWords(m[2]) === m[2];
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

