import { randomBytes, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { eachChunk, openInput } from '../load/read-input.js';

const TMP_PREFIX = '.scholar-page-tmp-';

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, then renamed over the
 * target. A reader sees the old page or the new one, never half of one. `data` may come in chunks
 * (written in order, never joined in memory). `durable: false` skips the flush to the disk (watch's
 * preview page: the rename keeps it whole, and a crash only loses a page the next save rebuilds).
 */
export async function writeAtomic(target: string, data: Data, opts: { durable?: boolean } = {}): Promise<Written> {
  return (await stageAtomic(target, data, opts)).commit();
}

/**
 * What is written: text, bytes (in chunks), or a copy of another file, read in chunks (at most
 * `maxBytes` of it; readInput's checks), each chunk also given to `hash` when there is one.
 */
export type Data = string | Uint8Array | Uint8Array[] | Copy;
type Copy = { copyOf: string; maxBytes: number; hash?: Hash };

/** A file written to its temporary name, not yet in place: `commit` renames it over the target, `abort` removes it. */
export interface Staged {
  commit(): Promise<Written>;
  abort(): Promise<void>;
}

/**
 * The first half of `writeAtomic`: the temporary file, written and flushed. Several files staged
 * and then committed together replace their old versions only when every one could be written.
 */
export async function stageAtomic(target: string, data: Data, opts: { durable?: boolean } = {}): Promise<Staged> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputError(`${target} is a directory; --out must name a file`);
  await cleanStaleTemps(dir);
  const tmp = path.join(dir, `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      if (Array.isArray(data)) await fh.writev(data);
      else if (typeof data === 'object' && 'copyOf' in data) await copyInto(fh, data);
      else await fh.writeFile(data);
      if (opts.durable !== false) await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const abort = (): Promise<void> => rm(tmp, { force: true });
  return {
    abort,
    commit: async () => {
      try {
        // After the close: Windows sets a file's time when its handle is closed.
        const st = await stat(tmp);
        await rename(tmp, target);
        return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
      } catch (err) {
        await abort();
        throw err;
      }
    },
  };
}

async function copyInto(fh: FileHandle, from: Copy): Promise<void> {
  const src = await openInput(from.copyOf, from.maxBytes);
  try {
    await eachChunk(src.fh, src.size, async (c) => {
      from.hash?.update(c);
      for (let at = 0; at < c.length; ) at += (await fh.write(c, at, c.length - at)).bytesWritten;
    });
  } finally {
    await src.fh.close();
  }
}

/** The file as written: a rename keeps its inode and time, so a later stat tells whether it is still ours. */
export interface Written {
  ino: number;
  size: number;
  mtimeMs: number;
}

const cleaned = new Set<string>();

/**
 * Temporary files left by a build that was killed; removed when their process is gone. Once per
 * folder and process: this process's own temporary files are writes in flight, never stale.
 */
async function cleanStaleTemps(dir: string): Promise<void> {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names) {
    if (!n.startsWith(TMP_PREFIX)) continue;
    const pid = Number(n.slice(TMP_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && (pid === process.pid || isAlive(pid))) continue;
    await rm(path.join(dir, n), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * How caches of what a build can compute again from its inputs (converted entries, encoded images)
 * and the build stamp are written: atomically, but not flushed to the disk. After a power loss one
 * may be empty or torn; its reader then starts afresh (the stamp no longer matches the page), so
 * a crash costs a slower build. Star counts and downloaded images, which an offline build could
 * not get back, are flushed.
 */
export const CACHE_WRITE = { durable: false } as const;

export class OutputError extends Error {}
