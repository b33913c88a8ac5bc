/**
 * The fast LaTeX path against the converter, over every field of every .bib in ../shared/corpus/
 * (real files by other people). Skipped, and says so, when the corpus is not beside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLatexPaths } from './fast-path.js';
import { bibFiles, CORPUS } from '../../corpus.js';

describe.skipIf(!existsSync(CORPUS))('the fast LaTeX path over the real-world corpus', () => {
  it('gives the converter\'s result for every field of every entry', () => {
    let entries = 0;
    let fields = 0;
    let fast = 0;
    let islands = 0;
    const differences: string[] = [];
    for (const file of bibFiles(CORPUS)) {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
      } catch {
        continue; // not UTF-8: refused by the loader before any conversion
      }
      const c = compareLatexPaths(path.relative(CORPUS, file), text);
      entries += c.entries;
      fields += c.fields;
      fast += c.fastFields;
      islands += c.islandFields;
      differences.push(...c.differences);
    }
    console.log(`fast path vs converter: ${entries} entries, ${fields} fields and creator lists compared (${fast} of them took the fast path, ${islands} the island path), ${differences.length} differences`);
    expect(differences.slice(0, 40)).toEqual([]);
    expect(entries).toBeGreaterThan(10_000);
    expect(fast / fields).toBeGreaterThan(0.5); // the comparison is not vacuous
    expect(islands).toBeGreaterThan(500);
  }, 600_000);
});
