import { AsyncLocalStorage } from 'node:async_hooks';

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
