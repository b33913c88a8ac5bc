/** The tool's own files, whose contents key every build stamp (src/tool-files.ts). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

describe('toolFingerprint', () => {
  const fresh = async () => {
    vi.resetModules();
    return (await import('../src/tool-files.js')).toolFingerprint;
  };

  it('hashes the files by content once, then uses its memo while every file has the same size, times and inode', async () => {
    const memo = path.join(mkdtempSync(path.join(tmpdir(), 'sp-fp-')), 'builds', 'tool.json');
    const real = await (await fresh())(memo);
    expect(real).toMatch(/^[\w-]{27}$/);
    const written = JSON.parse(readFileSync(memo, 'utf8')) as { stats: string; fingerprint: string };
    expect(written.fingerprint).toBe(real);
    // The memo is what the next process uses (shown by a memo that says something else)…
    const other = 'A'.repeat(27);
    writeFileSync(memo, JSON.stringify({ stats: written.stats, fingerprint: other }));
    expect(await (await fresh())(memo)).toBe(other);
    // …only while the files' stats are those it names; a memo for other stats, or garbage, is hashed again.
    writeFileSync(memo, JSON.stringify({ stats: 'x', fingerprint: other }));
    expect(await (await fresh())(memo)).toBe(real);
    writeFileSync(memo, '{"stats": ');
    expect(await (await fresh())(memo)).toBe(real);
    writeFileSync(memo, JSON.stringify({ stats: written.stats, fingerprint: '<script>' }));
    expect(await (await fresh())(memo)).toBe(real);
  });
});
