/**
 * The entry cache is input (issue 19 §2): .scholar-cache/entries.json may be committed and edited
 * in a pull request. What comes back from it must be what a conversion writes, or the file is a
 * warning and is rebuilt. Through the real CLI, in two processes, as a user and CI build.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';

const ENTRIES = `@article{victim,
  title = {Victim title with 61% and <i>italics</i>},
  author = {Ada Lovelace},
  journal = {J},
  year = {2024}
}
`;
const MORE = `@article{other,
  title = {Another paper},
  author = {Ada Lovelace},
  journal = {J},
  year = {2023}
}
`;

type Stored = { fingerprint: string; entries: Record<string, { html: Record<string, string>; authors: unknown[] }> };

function tamper(file: string, edit: (e: Stored['entries'][string]) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  const victim = Object.values(data.entries).find((e) => e.html.title?.startsWith('Victim'));
  expect(victim).toBeDefined();
  edit(victim!);
  writeFileSync(file, JSON.stringify(data));
}

describe('a tampered entry cache', () => {
  for (const [name, edit] of [
    ['script in a cached title', (e: Stored['entries'][string]) => (e.html.title = '<img src=x onerror="window.__pwn=1">Pwned')],
    ['a handler on an allowed tag', (e: Stored['entries'][string]) => (e.html.title = '<i onmouseover="window.__pwn=1">Pwned</i>')],
    ['a wrong shape', (e: Stored['entries'][string]) => (e.authors = [{ first: 1 }])],
  ] as const) {
    it(`${name}: is not used, is a warning, and is rebuilt`, { timeout: 180_000 }, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sp-cache-'));
      const bib = path.join(dir, 'refs.bib');
      const out = path.join(dir, 'index.html');
      const cacheDir = path.join(dir, 'cache');
      writeFileSync(bib, ENTRIES);
      const first = cli(['build', bib, '--out', out, '--cache-dir', cacheDir, '--offline'], { cwd: dir });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).not.toContain('cache/corrupt');
      const cacheFile = path.join(cacheDir, 'entries.json');
      tamper(cacheFile, edit);
      // Another entry changes, so the build runs (the victim's own cache key is unchanged).
      writeFileSync(bib, ENTRIES + MORE);
      const second = cli(['build', bib, '--out', out, '--cache-dir', cacheDir, '--offline'], { cwd: dir });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/entries\.json: warning cache\/corrupt: cache file is corrupt or was edited/);
      const page = readFileSync(out, 'utf8');
      expect(page).not.toContain('Pwned');
      expect(page).not.toMatch(/onerror|onmouseover|<img src=x/);
      expect(page).toContain('Victim title with 61% and <i>italics</i>');
      expect(readFileSync(cacheFile, 'utf8')).not.toContain('Pwned');
      if (name !== 'script in a cached title') return;
      // Rebuilt: the next build trusts it again, quietly.
      writeFileSync(bib, ENTRIES);
      const third = cli(['build', bib, '--out', out, '--cache-dir', cacheDir, '--offline'], { cwd: dir });
      expect(third.stderr).not.toContain('cache/corrupt');
    });
  }

  it('a file that is not JSON is a warning too', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-cache-'));
    const bib = path.join(dir, 'refs.bib');
    const cacheDir = path.join(dir, 'cache');
    writeFileSync(bib, ENTRIES);
    cli(['build', bib, '--out', path.join(dir, 'a.html'), '--cache-dir', cacheDir, '--offline'], { cwd: dir });
    writeFileSync(path.join(cacheDir, 'entries.json'), '{"fingerprint": "x", "entries": {');
    writeFileSync(bib, ENTRIES + MORE);
    const r = cli(['build', bib, '--out', path.join(dir, 'a.html'), '--cache-dir', cacheDir, '--offline'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning cache/corrupt');
  });
});
