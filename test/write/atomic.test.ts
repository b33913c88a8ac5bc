import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/run.js';
import { writeAtomic } from '../../src/write/atomic.js';

const BIN = path.join(ROOT, 'bin/scholar-page');

function site() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-atomic-'));
  cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
  return dir;
}

/** Runs a build and kills it with SIGKILL after `ms` (or lets it finish). */
function buildAndKill(dir: string, ms: number, out = 'dist/index.html'): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', '--offline', '--out', out], { cwd: dir, stdio: 'ignore' });
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

describe('the page on disk is never torn', () => {
  it('100 builds killed with SIGKILL at random points leave the previous page byte-identical', { timeout: 300_000 }, async () => {
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

  it('two builds racing to the same output never produce a torn file', { timeout: 120_000 }, async () => {
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

  it('an --out that is a folder, or in a folder that cannot be written, is a clear error', () => {
    const dir = site();
    mkdirSync(path.join(dir, 'outdir'));
    const r = cli(['build', '--offline', '--out', 'outdir'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^outdir: error io\/cannot-write: .*is a directory; --out must name a file$/m);
    if (process.getuid?.() !== 0) {
      mkdirSync(path.join(dir, 'ro'));
      chmodSync(path.join(dir, 'ro'), 0o555);
      expect(cli(['build', '--offline', '--out', 'ro/index.html'], { cwd: dir }).stderr).toMatch(/io\/cannot-write/);
    }
    const file = path.join(dir, 'plainfile');
    writeFileSync(file, 'x');
    const r2 = cli(['build', '--offline', '--out', 'plainfile/index.html'], { cwd: dir });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/plainfile\/index\.html: error io\/cannot-write: cannot write the page \((ENOTDIR|EEXIST)\)/);
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('writeAtomic', () => {
  it('writes a page given in chunks (more than one writev can take) in order, durable or not', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-chunks-'));
    const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.from(i % 2 ? `<p>${i}</p>` : '\n'.repeat(i % 7)));
    for (const durable of [true, false]) {
      const file = path.join(dir, `page-${durable}.html`);
      writeFileSync(file, 'old page');
      await writeAtomic(file, chunks, { durable });
      expect(readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
      expect(readdirSync(dir).filter((n) => n.startsWith('.scholar-page-tmp-'))).toEqual([]);
    }
  });
});
