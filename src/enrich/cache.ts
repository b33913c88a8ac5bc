import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_WRITE, writeAtomic } from '../write/atomic.js';
import { dependsOnFile } from '../deps.js';
import type { Reporter } from '../model/diagnostic.js';

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
  private stars: StarsFile = { version: 1, repos: {} };
  private starsDirty = false;

  private constructor(readonly dir: string) {}

  /** Opens the cache folder; a corrupt file is a warning and starts afresh, never a crash. */
  static async open(dir: string, report: Reporter): Promise<Cache> {
    const cache = new Cache(dir);
    const file = path.join(dir, 'stars.json');
    dependsOnFile(file, { writtenByBuild: true });
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        const data = JSON.parse(text) as StarsFile;
        if (data?.version !== 1 || typeof data.repos !== 'object' || data.repos === null) throw new Error('unexpected shape');
        for (const [repo, r] of Object.entries(data.repos)) {
          if (Number.isFinite(r?.count) && Number.isFinite(r?.fetchedAt)) cache.stars.repos[repo] = { count: r.count, fetchedAt: r.fetchedAt };
        }
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
    const text = await readFile(this.imagePath(key), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined; // a torn or edited entry is simply made again
    }
  }

  /** `derived`: an encode of bytes the build has (not flushed, see CACHE_WRITE); else a download (flushed). */
  async setImage(key: string, value: unknown, opts: { derived?: boolean } = {}): Promise<void> {
    await mkdir(path.join(this.dir, 'images'), { recursive: true });
    await writeAtomic(this.imagePath(key), JSON.stringify(value), opts.derived ? CACHE_WRITE : {});
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

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
