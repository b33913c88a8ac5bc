import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { buildAndKill, site } from './kill.js';

// In the long suite (vitest.long.config.ts): a hundred whole builds, and a dozen racing.
describe('the page on disk is never torn', () => {
  it('100 builds killed with SIGKILL at random points leave the previous page byte-identical', { timeout: 600_000 }, async () => {
    const dir = site();
    expect(cli(['build', '--offline'], { cwd: dir }).code).toBe(0);
    const good = readFileSync(path.join(dir, 'dist/index.html'));
    // make every new build differ, so a half-written or replaced page would show
    writeFileSync(path.join(dir, 'profile.yaml'), readFileSync(path.join(dir, 'profile.yaml'), 'utf8').replace('name: Zhenliang He', 'name: Someone Else'));
    // a fixed sequence of delays spread over the whole run (0 to 1.5 s), for a repeatable test
    let x = 7;
    let finished = 0;
    for (let i = 0; i < 100; i++) {
      x = (x * 48271) % 2147483647;
      await buildAndKill(dir, x % 1500);
      const now = readFileSync(path.join(dir, 'dist/index.html'));
      if (!now.equals(good)) {
        // the build got through: the new page must be whole; make it the "previous page" from now on
        expect(now.toString('utf8')).toMatch(/<\/html>\s*$/);
        finished++;
        writeFileSync(path.join(dir, 'dist/index.html'), good);
      }
      // (projects/: the example's linked PDF, copied beside the page)
      const left = readdirSync(path.join(dir, 'dist')).filter((f) => f !== 'index.html' && f !== 'projects');
      // a killed build may leave its temp file; the next build removes it
      expect(left.length).toBeLessThanOrEqual(1);
    }
    console.log(`kill loop: 100 kills, ${finished} builds finished before their kill`);
    expect(cli(['build', '--offline'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist'))).toEqual(['index.html', 'projects']);
    expect(readdirSync(path.join(dir, 'dist/projects/std-gan'))).toEqual(['std-gan.pdf']);
  });

  it('two builds racing to the same output never produce a torn file', { timeout: 300_000 }, async () => {
    const a = site();
    const b = site();
    writeFileSync(path.join(b, 'profile.yaml'), readFileSync(path.join(b, 'profile.yaml'), 'utf8').replace('name: Zhenliang He', 'name: Other Person'));
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-race-')), 'index.html');
    cli(['build', '--offline', '--out', out], { cwd: a });
    const pageA = readFileSync(out, 'utf8');
    cli(['build', '--offline', '--out', out], { cwd: b });
    const pageB = readFileSync(out, 'utf8');
    for (let i = 0; i < 5; i++) {
      await Promise.all([buildAndKill(a, 60_000, out), buildAndKill(b, 60_000, out)]);
      expect([pageA, pageB]).toContain(readFileSync(out, 'utf8'));
      expect(readdirSync(path.dirname(out))).toEqual(['index.html', 'projects']);
    }
  });
});
