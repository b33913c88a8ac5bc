import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../cli/run.js';
import { copyExample } from '../example-site.js';

const BIN = path.join(ROOT, 'bin/scholar-page');

export function site() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-atomic-'));
  copyExample(dir);
  return dir;
}

/** Runs a build and kills it with SIGKILL after `ms` (or lets it finish). */
export function buildAndKill(dir: string, ms: number, out = 'dist/index.html'): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', '--offline', '--out', out], { cwd: dir, stdio: 'ignore' });
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => {
      clearTimeout(t);
      resolve();
    });
  });
}
