import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { cli } from '../cli/run.js';

const BIB = `@article{early, title = {Early}, author = {Doe, Jane}, journal = {J}, year = 2001}

@article{flawed,
  title = {Flawed},
  author = {Doe, Jane},
  year = {circa 2005},
  pdf = {javascript:alert(1)},
  pubisher = {Typo Press}
}

@misc{plain, title = {Plain}, year = 2010}
`;

/**
 * What checkEntries finds in one entry is kept per entry between loads in one process (`watch`);
 * a kept entry that moved must be reported where it is now, as a fresh process reports it.
 */
describe('findings kept per entry', () => {
  it('after lines are added above an entry, its findings are placed at its new lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-kept-findings-'));
    const bib = path.join(dir, 'refs.bib');
    writeFileSync(bib, BIB);
    const opts = { cwd: dir, bib: 'refs.bib', cacheDir: path.join(dir, 'cache') };
    const first = await validate(opts);
    const flawed = first.diagnostics.filter((d) => d.message.includes('"flawed"') || d.message.includes('{flawed}'));
    expect(flawed.map((d) => d.code).sort()).toEqual(['bib/bad-link', 'bib/bad-year', 'bib/missing-field', 'bib/unknown-field']);

    writeFileSync(bib, readFileSync(bib, 'utf8').replace('journal = {J}, year = 2001}', 'journal = {J},\n  note = {two lines\n  more}, year = 2001}'));
    const again = await validate(opts);
    const fresh = cli(['validate', 'refs.bib', '--format', 'json'], { cwd: dir });
    const expected = (JSON.parse(fresh.stdout) as { diagnostics: unknown[] }).diagnostics;
    expect(again.diagnostics).toEqual(expected);
    const year = again.diagnostics.find((d) => d.code === 'bib/bad-year');
    expect(year?.line).toBe(flawed.find((d) => d.code === 'bib/bad-year')!.line + 2);
  });
});
