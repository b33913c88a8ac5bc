import type { Entry } from '../model/entry.js';
import type { Reporter } from '../model/diagnostic.js';

/** How many crossref links a chain may have; biber follows chains, classic BibTeX only one link. */
export const MAX_CROSSREF_DEPTH = 32;

/**
 * BibTeX crossref: an entry inherits the fields it lacks from the entry it names; a parent's title
 * becomes the child's booktitle. Chains are followed without recursion, each entry once (parents
 * first), so a long chain costs what its length does; a cycle or a chain past
 * MAX_CROSSREF_DEPTH is cut where it closes or gets too deep, with a warning.
 */
export function applyCrossrefs(entries: Entry[], report: Reporter): void {
  const byKey = new Map<string, Entry>();
  for (const e of entries) if (!byKey.has(e.key.toLowerCase())) byKey.set(e.key.toLowerCase(), e);
  /** Entries resolved, with the length of the chain above them. */
  const depth = new Map<Entry, number>();
  for (const start of entries) {
    if (depth.has(start)) continue;
    const path: Entry[] = [start];
    const onPath = new Set(path);
    let top: Entry | undefined; // the resolved entry the path hangs from, if any
    for (;;) {
      const cur = path[path.length - 1];
      const ref = cur.raw.crossref?.trim();
      if (!ref) break;
      const parent = byKey.get(ref.toLowerCase());
      if (!parent) {
        report.warn(cur.file, cur.fieldPos.crossref ?? cur.pos, {
          code: 'bib/unresolved-crossref',
          message: `entry "${cur.key}" has crossref "${ref}", but no entry has that key`,
        });
        break;
      }
      if (onPath.has(parent)) {
        const cycle = [...path.slice(path.indexOf(parent)), parent].map((e) => `"${e.key}"`).join(' → ');
        report.warn(cur.file, cur.fieldPos.crossref ?? cur.pos, {
          code: 'bib/crossref-cycle',
          message: `crossref cycle ${cycle}; entry "${cur.key}" does not inherit from "${parent.key}"`,
          related: { file: parent.file, line: parent.pos.line, column: parent.pos.column, message: `"${parent.key}" is here` },
        });
        break;
      }
      const above = depth.get(parent);
      if ((above ?? 0) + path.length > MAX_CROSSREF_DEPTH) {
        report.warn(cur.file, cur.fieldPos.crossref ?? cur.pos, {
          code: 'bib/crossref-depth',
          message: `crossref chain deeper than ${MAX_CROSSREF_DEPTH} at entry "${cur.key}"; it does not inherit from "${parent.key}"`,
        });
        break;
      }
      if (above !== undefined) {
        top = parent;
        break;
      }
      path.push(parent);
      onPath.add(parent);
    }
    // Parents first: each entry inherits from one that has inherited already.
    let parent = top;
    let d = top ? depth.get(top)! + 1 : 0;
    for (let i = path.length - 1; i >= 0; i--) {
      const e = path[i];
      if (parent) inherit(e, parent);
      else d = 0;
      depth.set(e, d++);
      parent = e;
    }
  }
}

function inherit(e: Entry, parent: Entry): void {
  for (const [name, value] of Object.entries(parent.raw)) {
    if (name === 'title' && e.raw.booktitle === undefined) e.raw.booktitle = value;
    if (name === 'crossref' || name === 'key' || name === 'title' || e.raw[name] !== undefined) continue;
    e.raw[name] = value;
  }
}
