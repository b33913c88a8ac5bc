import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '../load/paths.js';
import { fileHash } from '../load/read-input.js';

/** A file as a build read it: null when it did not exist (it was looked for). */
type State = { size: number; mtimeMs: number; ino: number; hash: string } | null;

/**
 * What the last build read, by content: `watch` rebuilds only when one of these files (or a file of
 * a theme folder) now differs from it. A change event for anything else in a watched folder (a log
 * written there, an editor's swap file) or a save that leaves the bytes as they were builds nothing.
 */
export class InputState {
  private files = new Map<string, State>();
  private folders = new Map<string, string>();
  /** The last state seen per path, so an unchanged file (same size, time and inode) is not read again. */
  private seen = new Map<string, State>();

  /**
   * Records what a build read. True when one of them was modified between `since` (the build's
   * start) and `until` (its end): the build may have read it half-way, so it must run again. A time
   * past the end is a clock's skew (a file touched into the future), not a change during the build:
   * counting it rebuilt in a loop until the clock caught up.
   */
  async record(inputs: { files: string[]; folders: string[] }, since: number, until: number): Promise<boolean> {
    const files = new Map<string, State>();
    await Promise.all(inputs.files.map(async (f) => files.set(f, await this.state(f))));
    const folders = new Map<string, string>();
    for (const d of inputs.folders) folders.set(d, await this.folderHash(d));
    // Changed while the build ran: what it read is unknown, so the next look finds it changed.
    const midway = [...files].filter(([, s]) => s !== null && s.mtimeMs >= since && s.mtimeMs <= until);
    for (const [f, s] of midway) files.set(f, { ...s!, hash: '(changed during the build)' });
    this.files = files;
    this.folders = folders;
    return midway.length > 0;
  }

  /** The folders a change event can come from (each input's folder, each theme folder and its partials/). */
  folderList(): string[] {
    return [...this.files.keys()].map((f) => path.dirname(f)).concat([...this.folders.keys()].flatMap((d) => [d, path.join(d, 'partials')]));
  }

  /**
   * Whether an input now differs from what the build read. `paths`: the paths change events named
   * (a file, or a folder made or removed on the way to a missing input); null: look at every input.
   */
  async changed(paths: Iterable<string> | null): Promise<boolean> {
    const list = paths ? [...paths] : null;
    for (const [f, was] of this.files) {
      if ((!list || list.some((p) => touchesFile(p, f))) && !same(await this.state(f), was)) return true;
    }
    for (const [d, was] of this.folders) {
      if ((!list || list.some((p) => touchesFolder(p, d))) && (await this.folderHash(d)) !== was) return true;
    }
    return false;
  }

  /** Whether a change event for one of these paths may concern an input (null: an event without a name). */
  concerns(paths: Iterable<string> | null): boolean {
    if (!paths) return true;
    const list = [...paths];
    return [...this.files.keys()].some((f) => list.some((p) => touchesFile(p, f))) || [...this.folders.keys()].some((d) => list.some((p) => touchesFolder(p, d)));
  }

  private async state(f: string): Promise<State> {
    const s = await stat(f).catch(() => undefined);
    if (!s?.isFile()) return this.keep(f, null);
    const before = this.seen.get(f);
    if (before && before.size === s.size && before.mtimeMs === s.mtimeMs && before.ino === s.ino) return before;
    // In chunks, up to the limit of a linked file (a video the page links to is an input too).
    const hash = await fileHash(f);
    return this.keep(f, hash === null ? null : { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, hash });
  }

  private keep(f: string, s: State): State {
    this.seen.set(f, s);
    return s;
  }

  /** A theme folder: the names and contents of its files and of its partials/ folder's. */
  private async folderHash(dir: string): Promise<string> {
    const hash = createHash('sha1');
    for (const sub of ['', 'partials']) {
      const d = path.join(dir, sub);
      for (const n of (await readdir(d).catch(() => [] as string[])).sort()) {
        hash.update(`${sub}/${n}\0${(await this.state(path.join(d, n)))?.hash ?? '-'}\0`);
      }
    }
    return hash.digest('base64url');
  }
}

/** `p` is the file, or a folder on its way. */
const touchesFile = (p: string, f: string): boolean => p === f || isWithin(p, f);
/** `p` is a file of the theme folder or of its partials/, or the folder or one on its way. */
const touchesFolder = (p: string, d: string): boolean => [d, path.join(d, 'partials')].includes(path.dirname(p)) || isWithin(p, d);
const same = (a: State, b: State): boolean => (a === null || b === null ? a === b : a.hash === b.hash);
