/**
 * Loads a .bib text through both LaTeX paths and lists every difference (the fast path's oracle),
 * and every converted value the entry cache's allowlist check would refuse.
 */
import { loadBib } from '../../../src/load/bib.js';
import { makeSource } from '../../../src/load/source-text.js';
import { Reporter } from '../../../src/model/diagnostic.js';
import { plainCreators, plainField } from '../../../src/load/latex/fast.js';
import { splitIslands } from '../../../src/load/latex/islands.js';
import { TEXT_FIELDS, VERBATIM_FIELDS } from '../../../src/load/fields.js';
import { isAllowlisted } from '../../../src/load/allowlist.js';

export interface Comparison {
  entries: number;
  /** Fields (and creator lists) the fast path took, and so compared. */
  fastFields: number;
  /** Fields split into plain runs and LaTeX islands (islands.ts), and so compared. */
  islandFields: number;
  fields: number;
  differences: string[];
}

export function compareLatexPaths(file: string, text: string): Comparison {
  const load = (fastLatex: boolean) => {
    const report = new Reporter();
    const bib = loadBib(makeSource(file, text), report, { fastLatex });
    return { bib, messages: report.list.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`).sort() };
  };
  const fast = load(true);
  const slow = load(false);
  const differences: string[] = [];
  let fastFields = 0;
  let islandFields = 0;
  let fields = 0;
  slow.bib.entries.forEach((ref, i) => {
    const got = fast.bib.entries[i];
    const where = `${file}: entry "${ref.key}"`;
    for (const name of new Set([...Object.keys(ref.html), ...Object.keys(got.html)])) {
      fields++;
      if (got.html[name] !== ref.html[name]) differences.push(`${where}, field ${name}: fast ${JSON.stringify(got.html[name])}, converter ${JSON.stringify(ref.html[name])}`);
      // What a conversion writes must pass the entry cache's check, or the cache would never hold.
      if (!isAllowlisted(ref.html[name] ?? '')) differences.push(`${where}, field ${name}: not allowlisted: ${JSON.stringify(ref.html[name])}`);
    }
    for (const [name, value] of Object.entries(ref.raw)) {
      if (name === 'author' || name === 'editor') fastFields += plainCreators(value) ? 1 : 0;
      else if (TEXT_FIELDS.has(name) && !VERBATIM_FIELDS.has(name)) {
        if (plainField(name, value) !== undefined) fastFields++;
        else if (splitIslands(value)) islandFields++;
      }
    }
    for (const list of ['authors', 'editors'] as const) {
      fields++;
      const a = JSON.stringify(got[list]);
      const b = JSON.stringify(ref[list]);
      if (a !== b) differences.push(`${where}, ${list}: fast ${a}, converter ${b}`);
    }
  });
  if (fast.bib.entries.length !== slow.bib.entries.length) differences.push(`${file}: ${fast.bib.entries.length} entries by the fast path, ${slow.bib.entries.length} by the converter`);
  const a = fast.messages.join('\n');
  const b = slow.messages.join('\n');
  if (a !== b) differences.push(`${file}: diagnostics differ:\nfast:\n${a}\nconverter:\n${b}`);
  return { entries: slow.bib.entries.length, fastFields, islandFields, fields, differences };
}
