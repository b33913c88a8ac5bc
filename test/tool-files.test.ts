/** The tool's own files, whose contents key every build stamp (src/tool-files.ts). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolFiles } from '../src/tool-files.js';

describe('toolFiles', () => {
  it('lists the modules at every depth (not type declarations) and the data tables beside them, sorted', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sp-tool-'));
    const code = path.join(root, 'dist-lib');
    for (const f of ['main.js', 'load/bib.js', 'load/latex/fast.js', 'load/latex/fast.d.ts', 'load/notes.md', 'types/x.ts', 'data.json']) {
      mkdirSync(path.dirname(path.join(code, f)), { recursive: true });
      writeFileSync(path.join(code, f), '');
    }
    mkdirSync(path.join(root, 'data'));
    for (const f of ['venues.yaml', 'venues.json', 'README.md']) writeFileSync(path.join(root, 'data', f), '');
    expect(toolFiles(code).map((f) => path.relative(root, f).split(path.sep).join('/'))).toEqual([
      'data/venues.json', 'data/venues.yaml', 'dist-lib/load/bib.js', 'dist-lib/load/latex/fast.js', 'dist-lib/main.js', 'dist-lib/types/x.ts',
    ]);
  });

  it('finds this tool\'s own modules, the deepest too', () => {
    const files = toolFiles(path.join(import.meta.dirname, '../src'));
    expect(files.some((f) => f.endsWith(path.join('load', 'latex', 'islands.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith('.d.ts'))).toBe(false);
  });
});
