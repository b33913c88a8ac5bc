import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileHash, readInputText } from './load/read-input.js';
import { CACHE_WRITE, writeAtomic } from './write/atomic.js';

/**
 * The tool's own files: its modules in `codeDir` (dist-lib/, or src/ when run from the source)
 * and the data tables beside it (data/*.yaml, data/*.json). A new version or a local edit changes
 * one of them. The build stamp (write/stamp.ts) notices, by content.
 */
export function toolFiles(codeDir: string): string[] {
  const own = modulesIn(codeDir);
  const data = path.resolve(codeDir, '../data');
  const tables = existsSync(data) ? readdirSync(data).filter((f) => /\.(yaml|json)$/.test(f)).map((f) => path.join(data, f)) : [];
  return [...own, ...tables].sort();
}

/**
 * The .js and .ts files (not .d.ts) under `dir`, walked folder by folder: Node 20's
 * `readdirSync(dir, { recursive: true })` took 12–15 ms for dist-lib/ in a new process, this 2 ms,
 * on the path of every build (the stamp's key) and of "nothing changed".
 */
function modulesIn(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...modulesIn(p));
    else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

let fingerprint: Promise<string> | undefined;

/**
 * A hash of the tool's own files by content (a new version or a local edit changes it), a key of
 * every build stamp (write/stamp.ts). Hashing ~140 files took ~20 ms of every build and of every
 * "nothing changed"; so the last fingerprint is kept in `memoFile` with each file's size, times
 * and inode, and used again while every one of them is the same. Times alone would not do: npm
 * gives every file of a package the same time (1985), so two versions can differ in a file of the
 * same size and time; its change time (ctime) and inode are those of the install, which no one
 * sets. A memo that does not match, or does not parse (the cache folder is untrusted), is hashed
 * again; a forged one could only make a stamp look current, which leaves the last page as it is.
 */
export function toolFingerprint(memoFile: string): Promise<string> {
  return (fingerprint ??= (async () => {
    const files = toolFiles(path.dirname(fileURLToPath(import.meta.url))); // dist-lib/ (or src/ when run from source)
    const stats = createHash('sha1');
    for (const f of files) {
      const s = statSync(f, { bigint: true, throwIfNoEntry: false });
      stats.update(`${f}\0${s ? `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}` : '-'}\0`);
    }
    const now = stats.digest('base64url');
    const memo = await readInputText(memoFile, 4096);
    try {
      const m = JSON.parse(memo ?? '') as { stats?: unknown; fingerprint?: unknown };
      if (m.stats === now && typeof m.fingerprint === 'string' && /^[\w-]{27}$/.test(m.fingerprint)) return m.fingerprint;
    } catch {
      // none yet, or not ours: hashed again below
    }
    const hash = createHash('sha1');
    const hashes = await Promise.all(files.map(fileHash));
    files.forEach((f, i) => hash.update(`${f}\0${hashes[i]}\0`));
    const made = hash.digest('base64url');
    await writeAtomic(memoFile, JSON.stringify({ stats: now, fingerprint: made }), CACHE_WRITE).catch(() => undefined);
    return made;
  })());
}

