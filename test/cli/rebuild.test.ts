import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { cli, ROOT } from './run.js';
import { copyExample, seedExampleImages } from '../example-site.js';

/**
 * `watch` builds again in the same process, keeping parsed entries, publication views and rendered
 * fragments from the last build. After each kind of edit, that page must be the page a new process
 * with an empty cache writes for the same files.
 */
describe('a build in the same process after an edit is the build from scratch', () => {
  it('title edited, entry added on top, profile edited, entry removed, thumbnail replaced', { timeout: 400_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-rebuild-'));
    copyExample(dir);
    const bib = path.join(dir, 'refs.bib');
    const profile = path.join(dir, 'profile.yaml');
    const edit = (file: string, from: string | RegExp, to: string) => {
      const text = readFileSync(file, 'utf8');
      const next = text.replace(from, to);
      expect(next).not.toBe(text);
      writeFileSync(file, next);
    };
    const edits: [string, () => void][] = [
      ['nothing', () => {}],
      ['a title in the middle', () => edit(bib, /(he2021eigengan,[\s\S]*?title\s*=\s*\{)/, '$1Renamed: ')],
      ['an entry on top', () => edit(bib, /\n@/, '\n@misc{new2026, title = {A New {\\em One}}, author = {He, Zhenliang and Doe, Jane}, year = 2026, code = {https://github.com/o/new}}\n\n@')],
      ['the profile', () => edit(profile, /^name: .*$/m, 'name: Someone Else\nmax_authors: 2')],
      ['an entry removed', () => edit(bib, /@misc\{new2026[^\n]*\n/, '')],
      ['a thumbnail replaced', () => copyFileSync(path.join(dir, 'thumbnails/jodi.jpg'), path.join(dir, 'thumbnails/attgan.jpg'))],
    ];
    for (const [what, change] of edits) {
      change();
      const here = await build({ cwd: dir, out: 'dist/index.html', offline: true, durable: false });
      expect(here.errors, what).toBe(0);
      // Empty but for the example's encoded thumbnails (test/example-site.ts): an encode depends on
      // the image's bytes alone, and the replaced one is encoded here.
      const cache = mkdtempSync(path.join(tmpdir(), 'sp-rebuild-cache-'));
      seedExampleImages(cache);
      const fresh = cli(['build', '--offline', '--out', 'fresh.html', '--cache-dir', cache], { cwd: dir });
      expect(fresh.code, `${what}: ${fresh.stderr}`).toBe(0);
      expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8'), what).toBe(readFileSync(path.join(dir, 'fresh.html'), 'utf8'));
    }
  });
});
