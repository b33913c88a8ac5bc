import type { Person } from '../model/entry.js';
import { editDistance, firstCompatible, nameKeys, personKeys } from '../render/owner.js';

/** How an author comes near a name without matching it (see docs/diagnostics.md, bib/name-near-miss). */
export type NearKind = 'letter' | 'transliteration' | 'run-together' | 'surname-first' | 'middle-initial' | 'other-initials';

/** One written name of the owner or of a person of `people:`, read into a name key. */
export interface Known<G> {
  first: readonly string[];
  last: string;
  written: string;
  group: G;
  /** The owner's names: the only ones an initial of another letter comes near. */
  owner: boolean;
}

/** Initials written together in capitals: "JA" in "Mueller, JA" (PubMed, Vancouver style). */
const RUN = /^\p{Lu}{2,3}$/u;
/** The given names of a name written "Mueller JA", which BibTeX reads as first "Mueller", last "JA". */
const TRAILING_INITIALS = /^\p{Lu}{1,3}$/u;

const plain = (s: string): string => s.replace(/[{}*†‡§¶#\d]/g, '').trim();
const isInitial = (w: string): boolean => w.length === 1;

/**
 * The names an author may be looked up against, indexed by surname and by the surname with one
 * letter left out, so that a long `people:` list costs no more per author than a short one.
 */
export class NameIndex<G> {
  private bySurname = new Map<string, Known<G>[]>();
  private byDeletion = new Map<string, Known<G>[]>();
  private bySkeleton = new Map<string, Known<G>[]>();

  constructor(names: { written: string; group: G; owner: boolean }[]) {
    for (const n of names) {
      for (const k of nameKeys(n.written)) {
        if (!k.last) continue;
        const known: Known<G> = { ...k, ...n };
        push(this.bySurname, k.last, known);
        for (const d of new Set(deletions(k.last))) push(this.byDeletion, d, known);
        push(this.bySkeleton, skeleton(k.last), known);
      }
    }
  }

  /**
   * The name an author (who matched no one) comes nearest, and how: see NearKind. Never for a
   * different full given name with the same surname (al-folio #100: the owner's brother).
   */
  nearest(a: Person): { known: Known<G>; kind: NearKind } | undefined {
    if (a.literal !== undefined) return undefined;
    const surnameFirst = this.surnameFirst(a);
    if (surnameFirst) return surnameFirst;
    const run = RUN.test(plain(a.first));
    for (const k of personKeys(a)) {
      const same = this.bySurname.get(k.last) ?? [];
      // "JA" is the initials J. A. for the rules of initials below, too.
      const initials = run && k.first.length === 1 ? [...k.first[0]] : k.first;
      if (initials !== k.first) {
        const o = same.find((o) => o.first.length && firstCompatible(o.first, initials));
        if (o) return { known: o, kind: 'run-together' };
      }
      if (!k.first.length) continue;
      // One letter off in a surname of 4 or more letters ("Muller" for "Mueller"), or in a given name.
      if (k.last.length >= 4) {
        const seen = new Set<Known<G>>();
        for (const d of deletions(k.last)) {
          for (const o of this.byDeletion.get(d) ?? []) {
            if (seen.has(o) || o.last === k.last) continue;
            seen.add(o);
            if (editDistance(o.last, k.last) === 1 && firstCompatible(o.first, k.first)) return { known: o, kind: 'letter' };
          }
        }
        for (const o of same) {
          const [x, y] = [o.first.join(''), k.first.join('')];
          if (Math.min(x.length, y.length) >= 4 && editDistance(x, y) === 1) return { known: o, kind: 'letter' };
        }
      }
      // Transliterated another way; given names that differ must be 4 letters or more ("Ian" is not "Jan").
      const given = k.first.map(skeleton);
      for (const o of this.bySkeleton.get(skeleton(k.last)) ?? []) {
        const sameGiven = firstCompatible(o.first, k.first);
        if (o.last === k.last && sameGiven) continue;
        if (firstCompatible(o.first.map(skeleton), given) && (sameGiven || Math.min(o.first.join('').length, k.first.join('').length) >= 4)) return { known: o, kind: 'transliteration' };
      }
      for (const o of same) if (middleInitialDiffers(o.first, initials)) return { known: o, kind: 'middle-initial' };
      if (initials.every(isInitial)) {
        const o = same.find((o) => o.owner && o.first.length);
        if (o) return { known: o, kind: 'other-initials' };
      }
    }
    return undefined;
  }

  /** "Mueller JA": a first name that is a known surname, a last name of one to three capitals. */
  private surnameFirst(a: Person): { known: Known<G>; kind: NearKind } | undefined {
    if (!a.first || !TRAILING_INITIALS.test(plain(a.last))) return undefined;
    const [k] = nameKeys(`${a.first},`);
    const letters = [...plain(a.last).toLowerCase()];
    const o = (this.bySurname.get(k?.last ?? '') ?? []).find((o) => o.first.length && firstCompatible(o.first, letters));
    return o && { known: o, kind: 'surname-first' };
  }
}

/**
 * The first given names agree ("J." and "Jonas") but a later one differs where one of the two is
 * an initial ("J. B." for "Jonas A."). Two full middle names that differ are two people.
 */
function middleInitialDiffers(a: readonly string[], b: readonly string[]): boolean {
  if (!a.length || !b.length || firstCompatible(a, b) || !firstCompatible(a.slice(0, 1), b.slice(0, 1))) return false;
  for (let i = 1; i < Math.min(a.length, b.length); i++) {
    if (!firstCompatible([a[i]], [b[i]])) return isInitial(a[i]) || isInitial(b[i]);
  }
  return false;
}

/**
 * A name with the letters that romanisations of Cyrillic (and Polish, German) spell in several ways
 * made one: x/ks, w/v, ph/f, kh/h, tch/ch, j/y/i, doubled letters, a final -er/-r. "Aleksandr" and
 * "Alexander", "Dmitry" and "Dmitrii", "Yuri" and "Iurii", "Iwanow" and "Ivanov" come out the same.
 */
export function skeleton(word: string): string {
  return word
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/kh/g, 'h')
    .replace(/tch/g, 'ch')
    .replace(/[jy]/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/er$/, 'r');
}

/** The word and each way of leaving one letter out of it. */
function deletions(s: string): string[] {
  const out = [s];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
