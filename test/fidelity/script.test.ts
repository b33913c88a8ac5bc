import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';

const SCRIPT = path.join(import.meta.dirname, '../../scripts/fidelity.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 120_000 });
const fixture = (name: string, file = 'refs.bib') => path.join(FIXTURES, name, file);

// `npm run fidelity` as a user runs it (with the compiled dist-lib/, as the CLI).
describe('npm run fidelity', () => {
  it('exits 0 with a table and "no losses" when every entry is faithful', () => {
    const r = run(fixture('clean'), '--profile', fixture('clean', 'profile.yaml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^file +entries +checked +losses$/m);
    expect(r.stdout).toMatch(/^TOTAL \(1 files\) +4 +4 +0$/m);
    expect(r.stdout).toContain('no losses in 4 of 4 entries');
  });

  it('exits 1 on a loss, and names the file that did not build with its first error', () => {
    const r = run(fixture('unbuildable'), '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.totals).toMatchObject({ files: 1, losses: 1, byKind: expect.objectContaining({ 'build failed': 1 }) });
    expect(out.files[0].losses[0]).toMatchObject({ kind: 'build failed', found: expect.stringMatching(/^refs\.bib:\d+:\d+: bib\/\S+: /) });
  });

  it('gives one line with --quiet, and 2 on a usage error', () => {
    expect(run(fixture('unbuildable'), '--quiet').stdout).toBe('fidelity: 1 files, 1 entries, 0 checked, 1 losses (build failed 1)\n');
    const bad = run('--profile');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: npm run fidelity');
  });
});
