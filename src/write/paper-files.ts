import { lstat, mkdir, realpath, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { dependsOnFile } from '../deps.js';
import { sha256 } from '../enrich/cache.js';
import { isWithin } from '../load/paths.js';
import type { PaperFile } from '../render/paper-page.js';
import { OutputError, stageAtomic, writeAtomic, type Staged } from './atomic.js';
import { realExisting } from './linked-files.js';
import { digestInput, LIMITS, readInputText, unreadReason } from '../load/read-input.js';
import { createHash } from 'node:crypto';

/**
 * The files of `papers/` beside the page, and the list of those this tool wrote
 * (`papers/.scholar-page.json`, name → SHA-256): a later build removes a page of an entry that is
 * gone only when it is in the list and still as written. A file it did not write is never
 * replaced nor removed.
 */
const MANIFEST = '.scholar-page.json';
/** What a name in the list may look like (render/entry-ids.ts `paperStems`); the list is read as untrusted. */
const OURS = /^[a-z0-9-]{1,120}\.(html|pdf)$/;

export interface StagedPapers {
  /** Puts the new files in place, then removes the stale ones. */
  commit(): Promise<void>;
  /** Removes the temporary files: nothing of `papers/` changed. */
  abort(): Promise<void>;
}

/**
 * Writes every file to a temporary name in `papers/` (a file already the same is left alone).
 * `files` undefined: paper pages are off, and the files an earlier build wrote are removed.
 */
export async function stagePaperFiles(outFile: string, files: PaperFile[] | undefined, opts: { durable?: boolean } = {}): Promise<StagedPapers> {
  const dir = path.join(path.dirname(outFile), 'papers');
  const manifestFile = path.join(dir, MANIFEST);
  dependsOnFile(manifestFile, { writtenByBuild: true });
  const old = await readManifest(manifestFile);
  if (!files && !Object.keys(old).length) return { commit: async () => {}, abort: async () => {} };
  const existed = await lstat(dir).then(() => true, () => false);
  if (files) await inside(path.dirname(outFile), dir);
  const staged: Staged[] = [];
  const abort = async (): Promise<void> => {
    await Promise.all(staged.map((s) => s.abort()));
    if (!existed) await rmdir(dir).catch(() => undefined);
  };
  const now: Record<string, string> = {};
  const stageOne = async (f: PaperFile): Promise<void> => {
    const target = path.join(dir, f.name);
    dependsOnFile(target, { writtenByBuild: true });
    const hash = 'bytes' in f ? sha256(f.bytes) : await fileSha256(f.source).catch(cannotCopy(f));
    const was = await lstat(target).catch(() => undefined);
    const current = was?.isFile() ? await fileSha256(target).catch(() => undefined) : undefined;
    const ours = old[f.name] !== undefined;
    if (was && !ours && current !== hash) {
      throw new OutputError(`papers/${f.name} exists and was not written by scholar-page; nothing was written (move it away, or build into another --out folder)`);
    }
    if (was && !ours) return; // the same bytes, someone else's: left, and not claimed
    if (was && !was.isFile()) throw new OutputError(`papers/${f.name} is not a file; nothing was written`);
    now[f.name] = hash;
    if (current === hash) return;
    if ('bytes' in f) {
      staged.push(await stageAtomic(target, f.bytes, opts));
      return;
    }
    // The list records the bytes copied: a PDF saved again since it was hashed is the new one.
    const copied = createHash('sha256');
    staged.push(await stageAtomic(target, { copyOf: f.source, maxBytes: LIMITS.linked, hash: copied }, opts).catch(cannotCopy(f)));
    now[f.name] = copied.digest('hex');
  };
  try {
    await inPool(files ?? [], stageOne);
  } catch (err) {
    await abort();
    if (err instanceof OutputError) throw err;
    throw new OutputError(`cannot write the paper pages in ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return {
    abort,
    commit: async () => {
      // The list first names old and new files alike: a build killed half-way still knows both.
      await writeManifest(manifestFile, { ...old, ...now }, opts);
      await inPool(staged, (s) => s.commit());
      await inPool(Object.entries(old).filter(([name]) => now[name] === undefined), async ([name, hash]) => {
        const file = path.join(dir, name);
        const st = await lstat(file).catch(() => undefined);
        if (st?.isFile() && (await fileSha256(file).catch(() => undefined)) === hash) await rm(file, { force: true });
      });
      if (files) return writeManifest(manifestFile, now, opts);
      await rm(manifestFile, { force: true });
      await rmdir(dir).catch(() => undefined); // only when empty: anything else in it is someone's
    },
  };
}

/** A file's SHA-256 in hex, as the list of papers/ records it; a PDF is read in chunks, never whole. */
const fileSha256 = (file: string): Promise<string> => digestInput(file, LIMITS.linked, 'sha256', 'hex');

/** A PDF that cannot be read (over LIMITS.linked, not a regular file…), said in one line with its path. */
const cannotCopy = (f: { name: string; source: string }) => (err: unknown): never => {
  throw new OutputError(`cannot copy ${f.source} to papers/${f.name} (${unreadReason(err)})`);
};

/** The list an earlier build left; names that are not ours, and a list that does not parse, count as none. */
async function readManifest(file: string): Promise<Record<string, string>> {
  try {
    const data = JSON.parse((await readInputText(file, LIMITS.cache)) ?? '') as { files?: unknown };
    const files = data.files && typeof data.files === 'object' ? Object.entries(data.files) : [];
    return Object.fromEntries(files.filter(([n, h]) => OURS.test(n) && typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)));
  } catch {
    return {};
  }
}

async function writeManifest(file: string, files: Record<string, string>, opts: { durable?: boolean }): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeAtomic(file, `${JSON.stringify({ written_by: 'scholar-page', files: sorted }, null, 1)}\n`, opts);
}

/** `papers/` may be a folder of the page's folder, not a symlink leading out of it. */
async function inside(outDir: string, dir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  if (!isWithin(await realpath(outDir), await realExisting(dir))) throw new OutputError(`papers/ would be written outside ${outDir} (a symlink there points out)`);
}

/**
 * Runs `fn` on every item, 16 at a time: each file is a few calls into the disk, and one after
 * the other 6,000 pages waited half a minute on them. The first failure is thrown once all that
 * started have ended (so an abort finds every temporary file).
 */
async function inPool<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++];
      await fn(item).catch((err: unknown) => void (failed ??= { err }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, items.length) }, worker));
  if (failed) throw failed.err;
}
