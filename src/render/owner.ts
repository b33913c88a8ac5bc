import type { Person } from '../model/entry.js';
import { withoutMarks } from '../load/unicode.js';

interface NameKey {
  first: string[];
  last: string;
}

/** Lower case, no accents, no marks: "Müller*" and "Muller" compare equal. */
function fold(s: string): string {
  return withoutMarks(s).toLowerCase().replace(/[*†‡§¶#\d]/g, '').trim();
}

/** Reads a name written as "Last, First" or "First Last". */
export function nameKey(written: string): NameKey {
  const s = fold(written);
  const [lastPart, firstPart] = s.includes(',') ? [s.slice(0, s.indexOf(',')), s.slice(s.indexOf(',') + 1)] : splitLast(s);
  return { last: lastPart.replace(/[\s-]+/g, ''), first: firstPart.split(/[\s.\-]+/).filter(Boolean) };
}

function splitLast(s: string): [string, string] {
  const words = s.split(/\s+/).filter(Boolean);
  return [words.pop() ?? '', words.join(' ')];
}

/**
 * The name's key. A whole name in braces or a font command (`{Alisa Liu}`, `\textbf{Liu, Alisa}`)
 * reaches us as a literal, or as a last name with no first: it is read again as a written name.
 */
function personKey(p: Person): NameKey {
  const whole = p.literal ?? (!p.first && /[\s,]/.test(p.last.trim()) ? p.last : undefined);
  if (whole !== undefined) return nameKey(whole);
  return { last: fold(p.last).replace(/[\s-]+/g, ''), first: fold(p.first).split(/[\s.\-]+/).filter(Boolean) };
}

/** Given names agree when each written word equals, or is the initial of, the other's. */
function firstCompatible(a: string[], b: string[]): boolean {
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

/** A matcher for the page owner's names, in any of the formats people write them. */
export function ownerMatcher(names: string[]): (p: Person) => boolean {
  const keys = names.map(nameKey).filter((k) => k.last);
  const lasts = new Set(keys.map((k) => k.last));
  return (p) => {
    if (p.literal === 'others') return false;
    const { last, first } = personKey(p);
    if (!lasts.has(last)) return false; // most authors: the given names need not be read
    // A literal must name the given names too: "{Liu Lab}" is not Alisa Liu.
    if (p.literal !== undefined && first.length === 0) return false;
    return keys.some((o) => o.last === last && firstCompatible(o.first, first));
  };
}

/** A person as shown on the page: "First Last", a literal name, or "et al.". */
export function personName(a: Person): string {
  if (a.literal) return a.literal === 'others' ? 'et al.' : a.literal;
  return a.first && a.last ? `${a.first} ${a.last}` : a.first || a.last;
}
