import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { writeAtomic } from '../../src/write/atomic.js';
import { site } from './kill.js';

describe('the page on disk is never torn', () => {
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
