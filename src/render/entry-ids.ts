import { createHash } from 'node:crypto';
import type { Publication } from '../model/publication.js';
import { withoutMarks } from '../load/unicode.js';
import { between } from '../model/per-entry.js';

/** Lower-case ASCII words joined by `-`: "Müller:2020" → "muller-2020". */
export function slug(s: string): string {
  return withoutMarks(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * An HTML id for every publication, unique on the page and the same in every build of the same
 * file: `pub-` and the key's slug; where the slug is empty (a Korean key) or shared by another key
 * (`Smith2020` and `smith:2020`), followed by a short hash of the exact key; where that still
 * repeats (a key given twice), by `-2`, `-3`… in file order.
 */
export function entryIds(pubs: readonly Publication[]): Map<Publication, string> {
  // The same keys in the same order as last time (watch, a save that kept every key): the same ids.
  if (last && last.keys.length === pubs.length && pubs.every((p, i) => p.entry.key === last!.keys[i])) {
    const ids = last.ids;
    return new Map(pubs.map((p, i) => [p, ids[i]]));
  }
  const made = idsOf(pubs);
  if (between.builds) last = { keys: pubs.map((p) => p.entry.key), ids: pubs.map((p) => made.get(p)!) };
  return made;
}

/** The keys of the last call, in order, and the ids it gave them. */
let last: { keys: string[]; ids: string[] } | undefined;

function idsOf(pubs: readonly Publication[]): Map<Publication, string> {
  const keysOfSlug = new Map<string, Set<string>>();
  const slugs = pubs.map((p) => keySlug(p.entry.key));
  for (const [i, p] of pubs.entries()) {
    const s = slugs[i];
    const keys = keysOfSlug.get(s);
    if (keys) keys.add(p.entry.key);
    else keysOfSlug.set(s, new Set([p.entry.key]));
  }
  const ids = new Map<Publication, string>();
  const used = new Set<string>();
  /** For a base id given before, the next number to try after it. */
  const next = new Map<string, number>();
  for (const [i, p] of pubs.entries()) {
    const s = slugs[i];
    const hashed = s === '' || keysOfSlug.get(s)!.size > 1;
    const base = `pub-${[s, hashed ? shortHash(p.entry.key) : ''].filter(Boolean).join('-')}`;
    let id = base;
    let n = next.get(base) ?? 2;
    while (used.has(id)) id = `${base}-${n++}`;
    next.set(base, n);
    used.add(id);
    ids.set(p, id);
  }
  return ids;
}

const slugs = new Map<string, string>();

/** slug(key), kept per key (watch builds the same keys again at every save; 10 ms for 6,315). */
function keySlug(key: string): string {
  let s = slugs.get(key);
  if (s === undefined) {
    if (slugs.size >= 50_000) slugs.clear();
    slugs.set(key, (s = slug(key)));
  }
  return s;
}

const shortHash = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Names Windows keeps for devices, with any extension: `papers/con.html` could not be opened there. */
const DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * The file name (without extension) of each publication's paper page: its id without `pub-`
 * (`papers/smith-2020.html`). Ids are ASCII lower case, so no two differ in case only; the `pub-`
 * stays on a Windows device name, and a long id is cut to 80 characters and a hash of the whole.
 */
export function paperStems(ids: ReadonlyMap<Publication, string>): Map<Publication, string> {
  const out = new Map<Publication, string>();
  const used = new Set<string>();
  for (const [p, id] of ids) {
    let stem = id.slice('pub-'.length);
    if (DEVICE.test(stem)) stem = id;
    if (stem.length > 100) stem = `${stem.slice(0, 80)}-${shortHash(id)}`;
    // A cut id could meet another id of that form; both keep a file of their own.
    for (let n = 2, base = stem; used.has(stem); n++) stem = `${base}-${n}`;
    used.add(stem);
    out.set(p, stem);
  }
  return out;
}
