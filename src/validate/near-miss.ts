import type { Entry, Person } from '../model/entry.js';
import type { Reporter } from '../model/diagnostic.js';
import type { Profile } from '../model/profile.js';
import { editDistance, firstCompatible, nameKeys, ownerNames, peopleMatcher, personKeys, personName } from '../render/owner.js';

/**
 * Authors that are nearly the owner or a person of `people:` but do not match: one letter off in
 * the surname or the given name ("Jonas Muller" for "Jonas Mueller", "Jonas Mueler"). A warning
 * per spelling, at its first entry, so the name can be added (or the .bib fixed). Short names are
 * left alone: "Li Wei" and "Li Wen" are two people.
 */
export function checkNearMisses(entries: Entry[], profile: Profile, report: Reporter): void {
  const groups = [{ label: 'the owner', names: ownerNames(profile) }, ...(profile.people ?? []).map((x) => ({ label: `"${x.name}" of people:`, names: [x.name, ...(x.aliases ?? [])] }))];
  const matches = peopleMatcher(groups.map((g) => g.names));
  const keys = groups.flatMap((g) => g.names.flatMap((written) => nameKeys(written).map((k) => ({ ...k, g, written }))));
  const seen = new Map<string, { entry: Entry; count: number; near: (typeof keys)[number] } | null>();
  for (const e of entries) {
    for (const a of [...e.authors, ...e.editors]) {
      const shown = personName(a);
      const was = seen.get(shown);
      if (was !== undefined) {
        if (was) was.count++;
        continue;
      }
      const near = shown.length <= 100 && matches(a) === undefined ? nearest(a, keys) : undefined;
      seen.set(shown, near ? { entry: e, count: 1, near } : null);
    }
  }
  for (const [shown, miss] of seen) {
    if (!miss) continue;
    const { entry: e, count, near } = miss;
    report.warn(e.file, e.fieldPos.author ?? e.fieldPos.editor ?? e.pos, {
      code: 'bib/name-near-miss',
      message: `"${shown}" in "${e.key}"${count > 1 ? ` (and ${count - 1} more)` : ''} is one letter away from ${near.g.label} ("${near.written}") and is not matched`,
      hint: 'if it is the same person, add this spelling to `owner:` or `aliases:`; else fix the .bib',
    });
  }
}

function nearest<K extends { first: string[]; last: string }>(a: Person, keys: K[]): K | undefined {
  if (a.literal !== undefined) return undefined;
  for (const k of personKeys(a)) {
    if (k.last.length < 4 || !k.first.length) continue;
    for (const o of keys) {
      if (Math.abs(o.last.length - k.last.length) > 1) continue;
      const lastOff = o.last === k.last ? 0 : editDistance(o.last, k.last);
      if (lastOff === 1 && firstCompatible(o.first, k.first)) return o;
      const [x, y] = [o.first.join(''), k.first.join('')];
      if (lastOff === 0 && Math.min(x.length, y.length) >= 4 && editDistance(x, y) === 1) return o;
    }
  }
  return undefined;
}
