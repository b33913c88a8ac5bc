import type { Person } from '../model/entry.js';
import { withoutMarks } from '../load/unicode.js';

interface NameKey {
  readonly first: readonly string[];
  readonly last: string;
}

/** Letters that do not decompose into a base letter and a mark. */
const LETTERS: Record<string, string> = { ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
/** The German and Scandinavian spellings without the letter: "Müller" is also "Mueller", "Håkon" "Haakon". */
const DIGRAPHS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa', ø: 'oe' };

/**
 * A written name folded each way it may be spelt without its accents: "Müller" gives "muller" and
 * "mueller", so it compares equal to both, while "Mueller" and "Muller" stay apart. Lower case, no
 * braces, no author marks.
 */
function folds(s: string): string[] {
  const lower = s.toLowerCase().replace(/[{}*†‡§¶#^&\d]/g, '').trim();
  if (/^[\x00-\x7f]*$/.test(lower)) return [lower]; // most names: nothing to fold
  const plain = (t: string): string => withoutMarks(t.replace(/[øßæœłđðþı]/g, (c) => LETTERS[c]));
  const one = plain(lower);
  if (!/[äöüåø]/.test(lower.normalize('NFC'))) return [one];
  const two = plain(lower.normalize('NFC').replace(/[äöüåø]/g, (c) => DIGRAPHS[c]));
  return two === one ? [one] : [one, two];
}

/**
 * Names read before, by how they are written: a page names the same co-authors again and again,
 * and `watch` reads every author on each build, for the owner, `people:` and the near-miss check.
 * Bounded: emptied when full. The keys are shared, so callers must not change them.
 */
const readNames = new Map<string, readonly NameKey[]>();
const MAX_READ_NAMES = 100_000;

/** Reads a name written as "Last, First" or "First Last", in each of its spellings. */
export function nameKeys(written: string): readonly NameKey[] {
  let keys = readNames.get(written);
  if (keys === undefined) {
    if (readNames.size >= MAX_READ_NAMES) readNames.clear();
    keys = readNameKeys(written);
    readNames.set(written, keys);
  }
  return keys;
}

function readNameKeys(written: string): NameKey[] {
  return folds(withoutParticles(withoutTitles(written))).map((s) => {
    const [lastPart, firstPart] = s.includes(',') ? [s.slice(0, s.indexOf(',')), s.slice(s.indexOf(',') + 1)] : splitLast(s);
    return { last: lastPart.replace(/[\s-]+/g, ''), first: firstPart.split(/[\s.\-]+/).filter(Boolean) };
  });
}

/**
 * A name as a profile gives it, without what no author list writes: a title before it ("Dr.",
 * "Prof.") and a name in parentheses ("Dr. Zheng (Thomas) Tang" is "Zheng Tang"). A name that would
 * be left empty is kept whole.
 */
const TITLE = /^\s*(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s/i;
const TITLES = /^\s*(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+)+/i;
function withoutTitles(written: string): string {
  if (!written.includes('(') && !TITLE.test(written)) return written;
  const bare = written.replace(/\([^()]*\)/g, ' ').replace(TITLES, '').replace(/\s+/g, ' ').trim();
  // "Dr. Who" is no surname alone, which would match anyone of that surname: kept whole.
  return bare.includes(' ') || bare.includes(',') ? bare : written;
}

/**
 * The particles a surname may start with ("da Cruz", "van Scoy", "von Neumann"): BibTeX writes them
 * before the surname ("da Cruz, André"), and a name written in order puts them after the given
 * names ("André da Cruz"), where only a lower-case one is a particle: a capitalised "Van" or "Da"
 * there may be a given name of its own ("Hung Van Nguyen").
 */
const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'des', 'la', 'le', 'dos', 'das', 'do', 'ten', 'ter', 'zu', 'af', 'av']);

/**
 * A name as written, without the particles of its surname: "da Cruz, André" and "André Miguel da
 * Cruz" both read as Cruz. In "First Last" order only a lower-case one, and only where a given name
 * is left: there "Van" may be a given name.
 */
function withoutParticles(written: string): string {
  if (!/(?:^|\s)[a-zA-Z]{2,5}\s/.test(written)) return written;
  const comma = written.indexOf(',');
  if (comma !== -1) {
    // Before the comma is the surname alone: its leading particles are particles in any case ("Van Scoy, Bryan").
    const words = written.slice(0, comma).split(/\s+/).filter(Boolean);
    let i = 0;
    while (i < words.length - 1 && PARTICLES.has(words[i].toLowerCase())) i++;
    return i ? `${words.slice(i).join(' ')}${written.slice(comma)}` : written;
  }
  const words = written.split(/\s+/).filter(Boolean);
  let end = words.length - 1; // the surname
  while (end > 1 && PARTICLES.has(words[end - 1])) end--;
  return end < words.length - 1 ? [...words.slice(0, end), words[words.length - 1]].join(' ') : written;
}

/** "First Last" as its surname and given names. */
function splitLast(s: string): [string, string] {
  const words = s.split(/\s+/).filter(Boolean);
  return [words.pop() ?? '', words.join(' ')];
}

/**
 * The name's keys. A whole name in braces or a font command (`{Alisa Liu}`, `\textbf{Liu, Alisa}`)
 * reaches us as a literal, or as a last name with no first: it is read again as a written name.
 */
export function personKeys(p: Person): readonly NameKey[] {
  const whole = p.literal ?? (!p.first && /[\s,]/.test(p.last.trim()) ? p.last : undefined);
  if (whole !== undefined) return nameKeys(whole);
  return nameKeys(p.first ? `${p.last}, ${p.first}` : `${p.last},`);
}

/** Given names agree when each written word equals, or is the initial of, the other's. */
export function firstCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y))) continue;
    // "Zhenliang" vs "Zhen-Liang"/"Zhen Liang": compare the whole given name without separators.
    if (a.join('') === b.join('')) return true;
    return false;
  }
  return true;
}

/** The owner's names as the profile gives them: `owner:` (one string or a list), else `name`. */
export function ownerNames(profile: { name: string; owner?: string | string[] }): string[] {
  const o = profile.owner;
  return o === undefined ? [profile.name] : typeof o === 'string' ? [o] : o;
}

/**
 * A matcher for the page owner's names, in any of the formats people write them: accents, case,
 * braces and marks aside, "ü" as "u" or "ue"; a different given name is another person.
 */
export function ownerMatcher(names: string[]): (p: Person) => boolean {
  const which = peopleMatcher([names]);
  return (p) => which(p) !== undefined;
}

/**
 * A matcher for several people, each with the names they are written as: the index of the first
 * one an author is, or undefined. Indexed by surname, so a long registry costs no more per author.
 */
export function peopleMatcher(people: string[][]): (p: Person) => number | undefined {
  const bySurname = new Map<string, { first: readonly string[]; who: number }[]>();
  people.forEach((names, who) => {
    for (const k of names.flatMap(nameKeys)) {
      if (!k.last) continue;
      const same = bySurname.get(k.last);
      if (same) same.push({ first: k.first, who });
      else bySurname.set(k.last, [{ first: k.first, who }]);
    }
  });
  return (p) => {
    if (p.literal === 'others' || !bySurname.size) return undefined;
    let found: number | undefined;
    for (const { last, first } of personKeys(p)) {
      const same = bySurname.get(last);
      if (!same) continue; // most authors: the given names need not be read
      // A literal must name the given names too: "{Liu Lab}" is not Alisa Liu.
      if (p.literal !== undefined && first.length === 0) continue;
      for (const o of same) if (firstCompatible(o.first, first) && (found === undefined || o.who < found)) found = o.who;
    }
    return found;
  };
}

/**
 * The author closest to the owner's names (fewest edits between the folded names, the same
 * surname first), to name in the owner-not-found warning; undefined when none is near.
 */
export function closestPerson(names: string[], people: Iterable<Person>): string | undefined {
  const owners = names.flatMap(nameKeys).map((k) => ({ last: k.last, full: `${k.first.join(' ')} ${k.last}`.trim() }));
  let best: { name: string; score: number } | undefined;
  const seen = new Set<string>();
  for (const p of people) {
    const shown = personName(p);
    if (p.literal === 'others' || seen.has(shown) || shown.length > 100) continue;
    seen.add(shown);
    for (const k of personKeys(p)) {
      const full = `${k.first.join(' ')} ${k.last}`.trim();
      for (const o of owners) {
        const score = editDistance(o.full, full) + (o.last === k.last ? 0 : 2);
        if (!best || score < best.score) best = { name: shown, score };
      }
    }
  }
  return best && best.score <= Math.max(3, Math.floor(owners[0]?.full.length / 2)) ? best.name : undefined;
}

/** Levenshtein distance; both strings are short (names, at most 100 characters). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** A person as shown on the page: "First Last", a literal name, or "et al.". */
export function personName(a: Person): string {
  if (a.literal) return a.literal === 'others' ? 'et al.' : a.literal;
  return a.first && a.last ? `${a.first} ${a.last}` : a.first || a.last;
}
