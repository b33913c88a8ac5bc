import { AsyncLocalStorage } from 'node:async_hooks';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a build read from disk, recorded as it goes: files (read, or looked for and missing) and
 * folders whose listing matters (theme folders). The build stamp (write/stamp.ts) hashes them
 * afterwards, so the next build can tell that nothing changed. AsyncLocalStorage keeps concurrent
 * builds in one process (tests, watch) apart; outside a build, recording does nothing.
 */
export interface Deps {
  files: Set<string>;
  /** Files among `files` that the build itself writes (the star cache): their time says nothing. */
  written: Set<string>;
  folders: Set<string>;
}

const current = new AsyncLocalStorage<Deps>();

export function recordingDeps<T>(fn: () => Promise<T>): Promise<{ result: T; deps: Deps }> {
  const deps: Deps = { files: new Set(), written: new Set(), folders: new Set() };
  return current.run(deps, async () => ({ result: await fn(), deps }));
}

/** A file the build read, or looked for (its appearing later must trigger a rebuild). */
export function dependsOnFile(file: string, opts: { writtenByBuild?: boolean } = {}): void {
  current.getStore()?.files.add(file);
  if (opts.writtenByBuild) current.getStore()?.written.add(file);
}

/** A folder whose files (and those of its partials/ folder) the build read by listing it. */
export function dependsOnFolder(dir: string): void {
  current.getStore()?.folders.add(dir);
}

/**
 * The input of the build under way that `out` would overwrite: a file it read or looked for, or a
 * file of a theme folder it listed, compared as the same file on disk (device and inode, so through
 * symbolic and hard links) or, for a file that does not exist yet, by its real folder and name.
 */
export async function inputAt(out: string): Promise<string | undefined> {
  const deps = current.getStore();
  if (!deps) return undefined;
  const listed = await Promise.all(
    [...deps.folders].flatMap((d) => [d, path.join(d, 'partials')]).map(async (d) => (await readdir(d).catch(() => [] as string[])).map((n) => path.join(d, n))),
  );
  const target = await identity(out);
  const inputs = [...deps.files, ...listed.flat()];
  const ids = await Promise.all(inputs.map(identity));
  return inputs[ids.indexOf(target)];
}

async function identity(file: string): Promise<string> {
  const s = await stat(file).catch(() => undefined);
  if (s) return `inode ${s.dev}:${s.ino}`;
  const dir = await realpath(path.dirname(file)).catch(() => path.resolve(path.dirname(file)));
  return `path ${path.join(dir, path.basename(file))}`;
}
