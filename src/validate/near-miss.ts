import type { Entry } from '../model/entry.js';
import type { Reporter } from '../model/diagnostic.js';
import type { Profile } from '../model/profile.js';
import { ownerNames, peopleMatcher, personName } from '../render/owner.js';
import { NameIndex, type Known, type NearKind } from './name-near.js';

interface Group {
  label: string;
  names: string[];
}

/** What each kind of near-miss says, after `"<author>" in "<key>"`. */
const WHY: Record<NearKind, (near: string, run: string) => string> = {
  letter: (near) => `is one letter away from ${near}`,
  transliteration: (near) => `may be ${near} transliterated another way`,
  'run-together': (near, run) => `may be ${near} with the initials run together ("${run}")`,
  'surname-first': (near) => `may be ${near} written surname first without a comma`,
  'middle-initial': (near) => `differs from ${near} in a middle initial`,
  'other-initials': (near) => `has the surname of ${near} with other initials, is never listed beside the owner,`,
};

const HINT: Record<NearKind, string> = {
  letter: 'if it is the same person, add this spelling to `owner:` or `aliases:`; if it is someone else, list them under `people:` (no url needed); else fix the .bib',
  transliteration: 'if it is the same person, add this spelling to `owner:` or `aliases:`; if it is someone else, list them under `people:` (no url needed)',
  'run-together': 'write the initials apart in the .bib ("Mueller, J. A."), or add this spelling to `owner:` or `aliases:`',
  'surname-first': 'write the surname, a comma, then the initials in the .bib ("Mueller, J. A.")',
  'middle-initial': 'if it is the same person, fix the .bib or add this spelling to `owner:` or `aliases:`; if it is someone else, list them under `people:` (no url needed)',
  'other-initials': 'if it is you with a wrong initial, fix the .bib; if it is someone else, list them under `people:` (no url needed)',
};

/**
 * Authors that are nearly the owner or a person of `people:` but do not match (name-near.ts: one
 * letter off, initials run together or written surname first, another middle initial, or, for the
 * owner only, the surname with other initials). A warning per spelling, at its first entry, so the
 * name can be added (or the .bib fixed). A spelling that some entry lists beside the one it is near
 * is someone else (two authors of one paper), and is never warned about.
 */
export function checkNearMisses(entries: Entry[], profile: Profile, report: Reporter): void {
  const groups: Group[] = [{ label: 'the owner', names: ownerNames(profile) }, ...(profile.people ?? []).map((x) => ({ label: `"${x.name}" of people:`, names: [x.name, ...(x.aliases ?? [])] }))];
  const matches = peopleMatcher(groups.map((g) => g.names));
  const index = new NameIndex(groups.flatMap((g, i) => g.names.map((written) => ({ written, group: g, owner: i === 0 }))));
  const seen = new Map<string, { entry: Entry; count: number; near: Known<Group>; kind: NearKind; run: string } | null>();
  const beside = new Set<string>();
  for (const e of entries) {
    const people = [...e.authors, ...e.editors];
    const who = people.map(matches);
    const present = new Set(who.filter((i) => i !== undefined).map((i) => groups[i]));
    for (const [i, a] of people.entries()) {
      const shown = personName(a);
      let was = seen.get(shown);
      if (was === undefined) {
        const found = shown.length <= 100 && who[i] === undefined ? index.nearest(a) : undefined;
        was = found ? { entry: e, count: 0, near: found.known, kind: found.kind, run: a.first.replace(/[{}]/g, '').trim() } : null;
        seen.set(shown, was);
      }
      if (!was) continue;
      was.count++;
      if (present.has(was.near.group)) beside.add(shown);
    }
  }
  for (const [shown, miss] of seen) {
    if (!miss || beside.has(shown)) continue;
    const { entry: e, count, near, kind, run } = miss;
    report.warn(e.file, e.fieldPos.author ?? e.fieldPos.editor ?? e.pos, {
      code: 'bib/name-near-miss',
      message: `"${shown}" in "${e.key}"${count > 1 ? ` (and ${count - 1} more)` : ''} ${WHY[kind](`${near.group.label} ("${near.written}")`, run)} and is not matched`,
      hint: HINT[kind],
    });
  }
}
