import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

/** bin/scholar-page run as a program (a shell script), as `scholar-page` and `npx scholar-page` run it. */
const BIN = path.join(ROOT, 'bin/scholar-page');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('bin/scholar-page, the launcher', () => {
  it('gives every argument to scholar-page and none to Node, and answers as `node bin/scholar-page` does', () => {
    expect(run(BIN, ['--version'], ROOT).stdout.trim()).toBe(VERSION); // not Node's own version
    for (const args of [['--version'], ['--help'], [], ['build', '--help'], ['--verbose', 'validate', 'missing.bib'], ['--', '--version']]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'sp-args-'));
      const script = run(BIN, args, dir);
      const module = run(process.execPath, [BIN, ...args], dir);
      expect([script.code, script.stdout, script.stderr], args.join(' ')).toEqual([module.code, module.stdout, module.stderr]);
    }
  });

  it('is found through a symbolic link, as npm links it into node_modules/.bin, and run by name', () => {
    const bin = path.join(mkdtempSync(path.join(tmpdir(), 'sp-link-')), '.bin');
    mkdirSync(bin);
    symlinkSync(path.relative(bin, BIN), path.join(bin, 'scholar-page'));
    const linked = run(path.join(bin, 'scholar-page'), ['--version'], tmpdir());
    expect([linked.code, linked.stdout.trim()]).toEqual([0, VERSION]);
    // run by name from its own folder, as `sh scholar-page` does: $0 has no slash
    const byName = run('sh', ['scholar-page', '--version'], bin);
    expect([byName.code, byName.stdout.trim()]).toEqual([0, VERSION]);
  });

  it('starts Node with an 8 MB young generation (time, and peak memory on Node 24 and 26), then the file, then the arguments', () => {
    // A `node` that only says how it was started.
    const bin = mkdtempSync(path.join(tmpdir(), 'sp-node-'));
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
    const r = run('/bin/sh', [BIN, 'build', '--max-semi-space-size=1'], ROOT, { PATH: `${bin}:/usr/bin:/bin` });
    expect([r.code, r.stdout.trim().split('\n')]).toEqual([0, ['--max-semi-space-size=8', BIN, 'build', '--max-semi-space-size=1']]);
  });

  it('says so in one line when node is not on the PATH', () => {
    const r = run('/bin/sh', [BIN, '--version'], ROOT, { PATH: '/nonexistent' });
    expect([r.code, r.stderr.trim()]).toEqual([127, 'scholar-page: node is not on the PATH']);
  });
});
