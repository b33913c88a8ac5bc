/**
 * The build stamp: after a build, what it read (with content hashes), what it wrote, and what it
 * reported. When nothing has changed since, the next `build` replays the report and leaves the
 * page alone, without loading the parser, the templates or the image library: make's rule, with
 * hashes instead of times. Star counts age, so a stamp holds only until the oldest count it used
 * is due again (not in --offline builds, which never ask). A build that failed to fetch anything
 * writes no stamp, so the next one tries again.
 * This module loads only Node built-ins: the check runs before anything heavy is imported.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { cacheDirFor, profileFileFor } from '../load/site-paths.js';
import { isFile } from '../load/paths.js';
import { CACHE_WRITE, writeAtomic, type Written } from './atomic.js';
import { toolFingerprint } from '../tool-files.js';
import type { BuildOptions, BuildResult } from '../model/build.js';
import type { Deps } from '../deps.js';
import { fileHash, LIMITS, readInputText } from '../load/read-input.js';

/** A file as it was: null when it did not exist. */
type FileState = { size: number; mtimeMs: number; hash: string } | null;

export interface Stamp {
  key: string;
  files: Record<string, FileState>;
  folders: Record<string, string>;
  output: FileState;
  /** Milliseconds since the epoch; null: never expires. */
  validUntil: number | null;
  result: BuildResult;
}

/** Where the stamp of a build with these options lives, and the key of the options themselves. */
async function locate(opts: BuildOptions): Promise<{ file: string; key: () => Promise<string>; outFile: string }> {
  const cwd = opts.cwd ?? process.cwd();
  const bibFile = opts.bib ? path.resolve(cwd, opts.bib) : undefined;
  const profileFile = profileFileFor({ profile: opts.profile, cwd, bibFile });
  const profileFound = await isFile(profileFile);
  const cacheDir = cacheDirFor({ cacheDir: opts.cacheDir, cwd, profileFile, profileFound, bibFile });
  const outFile = path.resolve(cwd, opts.out ?? 'dist/index.html');
  const key = async (): Promise<string> => sha1(JSON.stringify([
    await toolFingerprint(path.join(cacheDir, 'builds', 'tool.json')), cwd, bibFile, profileFile, opts.theme ?? 'default', outFile, opts.epoch ?? null, opts.githubApi ?? null,
    opts.offline ?? false, opts.strict ?? false, opts.starsTtlHours ?? null, cacheDir,
    opts.openalexApi ?? null, opts.semanticScholarApi ?? null, opts.citationsTtlHours ?? null, opts.paperPages ?? null, opts.inspireApi ?? null,
  ]));
  return { file: path.join(cacheDir, 'builds', `${sha1(outFile).slice(0, 16)}.json`), key, outFile };
}

/** The replayed result when nothing the last build read has changed, and its page is intact. */
export async function upToDate(opts: BuildOptions): Promise<BuildResult | undefined> {
  const last = await lastBuild(opts);
  // The build that follows (the CLI's, with these same options) looks again: it gets this answer.
  if (last?.changed.length) told = { opts, last };
  return last && !last.changed.length ? { ...last.stamp.result, upToDate: true } : undefined;
}

/** What upToDate found last, for the build it was asked for (once; `build` forgets it either way). */
let told: { opts: BuildOptions; last: LastBuild } | undefined;
export const forgetLastBuild = (): void => {
  told = undefined;
};

/** The last build's stamp, and which of the files it read have changed since. */
export interface LastBuild {
  stamp: Stamp;
  /** Where the stamp lies (the patch record lies beside it: src/patch/record.ts). */
  file: string;
  outFile: string;
  changed: string[];
}

/**
 * The stamp of the last build with these options, when it still holds (same options and tool, not
 * expired, its page and theme folders intact), with the files it read that have changed since.
 */
export async function lastBuild(opts: BuildOptions): Promise<LastBuild | undefined> {
  const known = told?.opts === opts ? told.last : undefined;
  told = undefined;
  if (known) return known;
  const { file, key, outFile } = await locate(opts);
  let stamp: Stamp;
  try {
    stamp = JSON.parse((await readInputText(file, LIMITS.cache)) ?? '') as Stamp;
  } catch {
    // No stamp (a first build): the build that follows needs the code's fingerprint only for the
    // stamp it leaves, so it is taken now, its file reads overlapping the build's work.
    key().catch(() => undefined);
    return undefined;
  }
  if (stamp.key !== (await key()) || (stamp.validUntil !== null && Date.now() >= stamp.validUntil)) return undefined;
  const files = Object.entries(stamp.files);
  const [output, folders, same] = await Promise.all([
    unchanged(outFile, stamp.output),
    Promise.all(Object.entries(stamp.folders).map(([d, h]) => hashFolder(d).then((now) => now === h))),
    Promise.all(files.map(([f, was]) => unchanged(f, was))),
  ]);
  if (!output || !folders.every(Boolean)) return undefined;
  return { stamp, file, outFile, changed: files.filter((_, i) => !same[i]).map(([f]) => f) };
}

/**
 * The stamp of a build that changed one file's part of the page (src/patch/): the last stamp with
 * that file's new state, the new page's and the new result. Not written when the file changed
 * again during the build.
 */
export async function writePatchedStamp(last: LastBuild, changed: { file: string; hash: string; size: number; startedAt: number }, pageHash: string, written: Written, result: BuildResult): Promise<Stamp | undefined> {
  const s = await stat(changed.file).catch(() => undefined);
  if (!s || s.mtimeMs >= changed.startedAt || s.size !== changed.size) return;
  const now = await stat(last.outFile).catch(() => undefined);
  if (!now || now.ino !== written.ino || now.size !== written.size || now.mtimeMs !== written.mtimeMs) return;
  const { page: _page, ...replayed } = result;
  const stamp: Stamp = {
    ...last.stamp,
    files: { ...last.stamp.files, [changed.file]: { size: s.size, mtimeMs: s.mtimeMs, hash: changed.hash } },
    output: { size: now.size, mtimeMs: now.mtimeMs, hash: pageHash },
    result: replayed,
  };
  return writeAtomic(last.file, JSON.stringify(stamp), CACHE_WRITE).then(() => stamp, () => undefined);
}

/**
 * Records a successful build. Skipped when an input changed while the build ran (its hash now
 * would not be what the build read).
 */
export async function writeStamp(opts: BuildOptions, result: BuildResult, deps: Deps, a: { startedAt: number; page: Uint8Array[]; written: Written; validUntil: number | null }): Promise<{ file: string; stamp: Stamp } | undefined> {
  const { file, key, outFile } = await locate(opts);
  const files: Record<string, FileState> = {};
  const list = [...deps.files].sort();
  // At once, as upToDate reads them: one by one, the 6,000 paper pages of a large site took seconds.
  const states = await Promise.all(list.map(fileState));
  for (const [i, f] of list.entries()) {
    files[f] = states[i];
    if (files[f] && files[f].mtimeMs >= a.startedAt && !deps.written.has(f)) return;
  }
  const folders: Record<string, string> = {};
  for (const d of [...deps.folders].sort()) folders[d] = await hashFolder(d);
  // Still the file this build wrote (same inode, size and time), else replaced by another build meanwhile.
  const now = await stat(outFile).catch(() => undefined);
  if (!now || now.ino !== a.written.ino || now.size !== a.written.size || now.mtimeMs !== a.written.mtimeMs) return;
  const output: FileState = { size: now.size, mtimeMs: now.mtimeMs, hash: sha1(a.page) };
  // The result as replayed: the page's bytes are the page itself, not part of its report.
  const { page: _page, ...replayed } = result;
  const stamp: Stamp = { key: await key(), files, folders, output, validUntil: a.validUntil, result: { ...replayed, outFile } };
  // A stamp is an optimisation: one not written is a build next time.
  return writeAtomic(file, JSON.stringify(stamp), CACHE_WRITE).then(() => ({ file, stamp }), () => undefined);
}

/** The hash a stamp keeps of a file or a page (SHA-1, base64url; fileHash's for a file's bytes). */
export const sha1 = (data: string | Uint8Array | Uint8Array[]): string =>
  (Array.isArray(data) ? data : [data]).reduce((h, d) => h.update(d), createHash('sha1')).digest('base64url');

async function fileState(f: string): Promise<FileState> {
  const s = await stat(f).catch(() => undefined);
  const hash = s?.isFile() ? await fileHash(f) : null;
  return s && hash !== null ? { size: s.size, mtimeMs: s.mtimeMs, hash } : null;
}

/**
 * Whether a file is as it was. Same size and time: unchanged (make's rule); otherwise the content
 * decides, so a fresh checkout (new times, same bytes) still counts as unchanged.
 */
async function unchanged(f: string, was: FileState): Promise<boolean> {
  const s = await stat(f).catch(() => undefined);
  if (!s?.isFile() || !was) return !s?.isFile() && !was;
  if (s.size === was.size && s.mtimeMs === was.mtimeMs) return true;
  return s.size === was.size && (await fileHash(f)) === was.hash;
}

/** A theme folder: the names and contents of its files and those of its partials/ folder. */
async function hashFolder(dir: string): Promise<string> {
  const hash = createHash('sha1');
  for (const sub of ['', 'partials']) {
    const d = path.join(dir, sub);
    const names = (await readdir(d).catch(() => [] as string[])).sort();
    for (const n of names) {
      const h = await fileHash(path.join(d, n)); // null for folders
      hash.update(`${sub}/${n}\0${h ?? '-'}\0`);
    }
  }
  return hash.digest('base64url');
}

