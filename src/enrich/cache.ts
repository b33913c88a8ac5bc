import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_WRITE, writeAtomic } from '../write/atomic.js';
import { dependsOnFile } from '../deps.js';
import type { Reporter } from '../model/diagnostic.js';
import { LIMITS, readInputText } from '../load/read-input.js';

export interface StarRecord {
  count: number;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
}

interface StarsFile {
  version: 1;
  repos: Record<string, StarRecord>;
}

/**
 * The build cache: star counts with their fetch time, and processed images by content hash.
 * Plain JSON with sorted keys, so it is safe to commit and diffs stay small.
 */
export class Cache {
  // No prototype: a repository named "__proto__" in a tampered file is only a key.
  private stars: StarsFile = { version: 1, repos: Object.create(null) as Record<string, StarRecord> };
  private starsDirty = false;
  private imagesUnwritable = false;

  private constructor(readonly dir: string, private readonly report: Reporter) {}

  /**
   * Opens the cache folder. The folder is input like any other (a pull request can edit it): a
   * corrupt file, or a record that is not what this code writes, is a warning and is rebuilt.
   */
  static async open(dir: string, report: Reporter): Promise<Cache> {
    const cache = new Cache(dir, report);
    const file = path.join(dir, 'stars.json');
    dependsOnFile(file, { writtenByBuild: true });
    const text = await readInputText(file, LIMITS.cache);
    if (text !== undefined) {
      try {
        const data = JSON.parse(text) as StarsFile;
        if (data?.version !== 1 || typeof data.repos !== 'object' || data.repos === null) throw new Error('unexpected shape');
        const bad = Object.entries(data.repos).filter(([repo, r]) => {
          if (!validStarRecord(repo, r)) return true;
          cache.stars.repos[repo] = { count: r.count, fetchedAt: r.fetchedAt };
          return false;
        });
        if (bad.length) throw new Error(`${bad.length} record${bad.length === 1 ? ' is' : 's are'} not a repository with a star count and a fetch time, e.g. "${Array.from(bad[0][0]).slice(0, 100).join('')}"`);
      } catch (err) {
        report.warn(file, undefined, { code: 'cache/corrupt', message: `cache file is corrupt (${(err as Error).message}); it will be rebuilt` });
        cache.starsDirty = true;
      }
    }
    return cache;
  }

  getStars(repo: string): StarRecord | undefined {
    return this.stars.repos[repo.toLowerCase()];
  }

  setStars(repo: string, count: number, fetchedAt: number): void {
    this.stars.repos[repo.toLowerCase()] = { count, fetchedAt };
    this.starsDirty = true;
  }

  /** A processed image, keyed by the source bytes' hash and the requested size. */
  async getImage<T>(key: string): Promise<T | undefined> {
    const text = await readInputText(this.imagePath(key), LIMITS.cache);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined; // a torn or edited entry is simply made again
    }
  }

  /**
   * `derived`: an encode of bytes the build has (not flushed, see CACHE_WRITE); else a download
   * (flushed). A cache folder that cannot be written (read-only, a file) is one warning, not a failure.
   */
  async setImage(key: string, value: unknown, opts: { derived?: boolean } = {}): Promise<void> {
    if (this.imagesUnwritable) return;
    try {
      await mkdir(path.join(this.dir, 'images'), { recursive: true });
      await writeAtomic(this.imagePath(key), JSON.stringify(value), opts.derived ? CACHE_WRITE : {});
    } catch (err) {
      if (this.imagesUnwritable) return;
      this.imagesUnwritable = true;
      this.report.warn(this.dir, undefined, { code: 'cache/unwritable', message: `cannot write images to the cache (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); they are made again next time` });
    }
  }

  /** Writes what changed. Failing to write the cache never fails the build. */
  async save(report: Reporter): Promise<void> {
    if (!this.starsDirty) return;
    const repos = Object.fromEntries(Object.entries(this.stars.repos).sort(([a], [b]) => (a < b ? -1 : 1)));
    try {
      await writeAtomic(path.join(this.dir, 'stars.json'), `${JSON.stringify({ version: 1, repos }, null, 2)}\n`);
      this.starsDirty = false;
    } catch (err) {
      report.warn(this.dir, undefined, { code: 'cache/unwritable', message: `cannot write the cache (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
    }
  }

  imagePath(key: string): string {
    return path.join(this.dir, 'images', `${key}.json`);
  }
}

/** Star counts are non-negative integers (1e308 or -42.5 in a tampered file are not), fetched no later than tomorrow. */
function validStarRecord(repo: string, r: unknown): r is StarRecord {
  const { count, fetchedAt } = (r ?? {}) as Partial<StarRecord>;
  return REPO.test(repo) && isCount(count) && fetchedInThePast(fetchedAt);
}

/** A count shown on the page (stars, citations): a non-negative integer that prints as digits (not 1e+302M, not -42.5). */
export const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** A cached record's fetch time: a time in ms, no later than tomorrow (a later one is tampering). */
export const fetchedInThePast = (t: unknown): t is number => isCount(t) && t <= Date.now() + 86_400_000;
const REPO = /^[a-z0-9_.-]{1,100}\/[a-z0-9_.-]{1,100}$/;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
