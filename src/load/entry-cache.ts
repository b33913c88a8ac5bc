import crypto, { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_WRITE, writeAtomic } from '../write/atomic.js';
import type { Reporter } from '../model/diagnostic.js';
import type { Person } from '../model/entry.js';
import { isAllowlisted } from './allowlist.js';
import type { Converted } from './latex/index.js';
import { packageVersion } from './packages.js';
import { LIMITS, readInputText } from './read-input.js';

/**
 * Converted entries, kept between runs and keyed by the hash of what the conversion reads (the
 * entry type and its raw fields) plus a fingerprint of the conversion code itself. A .bib file is
 * converted once in its life; afterwards only the entries that changed are converted again.
 * Content-addressed, so a stale file can cost time but never change a page. The file is input
 * all the same (it may be committed, and edited in a pull request): an entry that is not what a
 * conversion writes (markup outside the allowlist, a wrong shape) makes the whole file a warning,
 * and it is rebuilt from the .bib.
 */
export class EntryCache {
  private readonly used = new Map<string, Converted>();
  private stored = new Map<string, Converted>();
  private dirty = false;

  private constructor(readonly file: string) {}

  /**
   * Opens (or starts) the cache in `dir`; an unreadable or outdated file starts afresh, and one
   * that is corrupt or tampered with is reported. Within one process (watch) the cache stays in
   * memory and each run starts here.
   */
  static async open(dir: string, report?: Reporter, shown = (file: string) => file): Promise<EntryCache> {
    const file = path.join(dir, FILE_NAME);
    const open = inMemory.get(file);
    if (open) {
      for (const [key, value] of open.used) open.stored.set(key, value);
      open.used.clear();
      return open;
    }
    const cache = new EntryCache(file);
    inMemory.set(file, cache);
    const text = await readInputText(cache.file, LIMITS.cache);
    if (text === undefined) return cache;
    cache.dirty = true;
    let problem: string | undefined;
    try {
      const data = JSON.parse(text) as StoredFile;
      if (data?.fingerprint !== fingerprint()) return cache; // another version's conversion: rebuilt quietly
      if (!data.entries || typeof data.entries !== 'object' || Array.isArray(data.entries)) problem = 'it has no entries';
      else {
        const bad = Object.values(data.entries).filter((v) => !isConverted(v)).length;
        if (bad) problem = `${bad} of its entries are not what a conversion writes: markup outside the allowlist, or a wrong shape`;
        else {
          cache.stored = new Map(Object.entries(data.entries));
          cache.dirty = false;
        }
      }
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem) report?.warn(shown(cache.file), undefined, { code: 'cache/corrupt', message: `cache file is corrupt or was edited (${problem}); it is not used, and is rebuilt` });
    return cache;
  }

  /** The key of one entry's conversion input. */
  static key(type: string, raw: Record<string, string>): string {
    return sha1(JSON.stringify([type, raw]));
  }

  get(key: string): Converted | undefined {
    const hit = this.used.get(key) ?? this.stored.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  /** An entry this run uses without asking (kept from the last load): it stays in the file. */
  keep(key: string, value: Converted): void {
    if (!this.used.has(key)) this.used.set(key, value);
  }

  set(key: string, value: Converted): void {
    this.used.set(key, value);
    this.dirty = true;
  }

  /**
   * Writes the entries used in this run (and only those, so the file never grows with old
   * versions) when anything changed. Failing to write costs speed next time, nothing else.
   */
  async save(): Promise<void> {
    if (!this.dirty && this.used.size === this.stored.size) return;
    const entries = Object.fromEntries(this.used);
    await writeAtomic(this.file, JSON.stringify({ fingerprint: fingerprint(), entries } satisfies StoredFile), CACHE_WRITE).catch(() => undefined);
    this.stored = new Map(this.used);
    this.dirty = false;
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isPerson(v: unknown): v is Person {
  return isRecord(v) && isString(v.first) && isString(v.last) && isString(v.marks) && (v.literal === undefined || isString(v.literal));
}

/** A stored conversion as convertAll writes it: every HTML value within the allowlist. */
function isConverted(v: unknown): v is Converted {
  if (!isRecord(v) || !isRecord(v.html) || !Array.isArray(v.authors) || !Array.isArray(v.editors) || !Array.isArray(v.problems)) return false;
  return (
    Object.values(v.html).every((h) => isString(h) && isAllowlisted(h)) &&
    v.authors.every(isPerson) &&
    v.editors.every(isPerson) &&
    v.problems.every((p) => isRecord(p) && isString(p.field) && isString(p.message) && (p.code === undefined || isString(p.code)))
  );
}

/** crypto.hash (Node ≥ 20.12) hashes in one call, a third of createHash's time on a cold start. */
const sha1 = (s: string): string =>
  typeof crypto.hash === 'function' ? crypto.hash('sha1', s, 'base64url') : createHash('sha1').update(s).digest('base64url');

const FILE_NAME = 'entries.json';
const inMemory = new Map<string, EntryCache>();

interface StoredFile {
  fingerprint: string;
  entries: Record<string, Converted>;
}

let print: string | undefined;

/** The conversion code's fingerprint: its own compiled modules and the parser's version. */
function fingerprint(): string {
  if (print) return print;
  const hash = createHash('sha1');
  for (const mod of ['latex/convert', 'latex/fast', 'latex/islands', 'latex/converter', 'latex/literal', 'latex/math', 'sanitize', 'allowlist', 'unicode', 'bib']) hash.update(ownSource(mod));
  for (const dep of ['@retorquere/bibtex-parser', 'sanitize-html', 'temml']) hash.update(packageVersion(dep));
  return (print = hash.digest('base64url'));
}

/** A module of this folder: compiled (.js), or the source when run from it (tests). */
function ownSource(name: string): Buffer {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  return readFileSync(path.join(path.dirname(here), `${name}${ext}`));
}
