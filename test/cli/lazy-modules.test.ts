import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/model/profile.js';
import { plainProfile } from '../../src/model/plain-profile.js';
import { cli } from './run.js';

// Issue 23: a .bib built without a profile.yaml does not load the YAML parser or the schema's
// library (~0.1 s of every such build, cold or one entry edited). Checked in the real CLI with a
// module hook that refuses to resolve them: the same hook makes a build with a profile fail.
const HOOK = 'export async function resolve(s, c, next) { if (s === "zod" || s === "yaml") throw new Error("refused: " + s); return next(s, c); }';
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;
const REFUSING = { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(REGISTER)}` };

const dir = mkdtempSync(path.join(os.tmpdir(), 'sp-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BIB = '@article{knuth84,\n  title = {Literate Programming},\n  author = {Knuth, Donald E.},\n  journal = {The Computer Journal},\n  year = {1984}\n}\n';

describe('modules a build without a profile does not load', () => {
  it('builds a .bib without a profile.yaml with zod and yaml refused', () => {
    const site = path.join(dir, 'plain');
    rmSync(site, { recursive: true, force: true });
    writeFileSync(path.join(dir, 'refs.bib'), BIB);
    const r = cli(['build', path.join(dir, 'refs.bib'), '--out', path.join(site, 'index.html'), '--offline', '--cache-dir', path.join(site, 'cache')], { cwd: dir, env: REFUSING });
    expect(r.stderr).not.toContain('refused');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('Literate Programming');
  });

  it('the hook bites: a build with a profile.yaml needs them, and fails without them', () => {
    const site = path.join(dir, 'profiled');
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, 'refs.bib'), BIB);
    writeFileSync(path.join(site, 'profile.yaml'), 'name: Ada Lovelace\nbibliography: refs.bib\n');
    const args = ['build', '--out', path.join(site, 'dist', 'index.html'), '--offline', '--force'];
    const refused = cli(args, { cwd: site, env: REFUSING });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refused: (zod|yaml)/);
    const r = cli(args, { cwd: site });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(site, 'dist', 'index.html'), 'utf8')).toContain('Ada Lovelace');
  });
});

describe('plainProfile', () => {
  it('is what the schema makes of a profile that gives only a name: every default, in the same order', () => {
    const byTheSchema = { ...profileSchema.parse({ name: 'cdl' }), people: undefined };
    expect(plainProfile('cdl')).toStrictEqual(byTheSchema);
    expect(Object.keys(plainProfile('cdl'))).toEqual(Object.keys(byTheSchema));
  });
});
