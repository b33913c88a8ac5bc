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
/** NODE_OPTIONS that make an ES module import of these packages fail (a module hook). */
const refusingImports = (names: string[]): string => {
  const hook = `export async function resolve(s, c, next) { if (${JSON.stringify(names)}.includes(s)) throw new Error("refused: " + s); return next(s, c); }`;
  const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  return `--import=data:text/javascript,${encodeURIComponent(register)}`;
};
const REFUSING = { NODE_OPTIONS: refusingImports(['zod', 'yaml']) };

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

// A page of a built-in theme runs its precompiled templates on Handlebars' runtime alone: the
// compiler (and source-map) load only for a template that is not precompiled. Checked with a
// preload that refuses to resolve the whole package by require() (as lazyRequire loads it), and a
// module hook that refuses it to an import.
const PRELOAD = path.join(dir, 'refuse-compiler.cjs');
writeFileSync(PRELOAD, `const M = require('node:module');
const resolve = M._resolveFilename;
M._resolveFilename = function (request, ...rest) {
  if (request === 'handlebars' || request === 'source-map') throw new Error('refused: ' + request);
  return resolve.call(this, request, ...rest);
};
`);
const NO_COMPILER = { NODE_OPTIONS: `--require=${PRELOAD} ${refusingImports(['handlebars', 'source-map'])}` };

describe("Handlebars' compiler, loaded only when a template is not precompiled", () => {
  it('builds with a built-in theme with the compiler refused', () => {
    const site = path.join(dir, 'builtin');
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, 'refs.bib'), BIB);
    const r = cli(['build', 'refs.bib', '--out', 'index.html', '--offline', '--theme', 'minimal'], { cwd: site, env: NO_COMPILER });
    expect(r.stderr).not.toContain('refused');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('Literate Programming');
  });

  it("the preload bites: a user's theme is compiled, and fails without the compiler", () => {
    const site = path.join(dir, 'own-theme');
    mkdirSync(path.join(site, 'mine'), { recursive: true });
    writeFileSync(path.join(site, 'refs.bib'), BIB);
    writeFileSync(path.join(site, 'mine', 'theme.json'), '{ "name": "mine", "extends": "default" }');
    writeFileSync(path.join(site, 'mine', 'page.hbs'), '<!doctype html><html lang="en"><title>{{profile.name}}</title><p>mine</p></html>\n');
    const args = ['build', 'refs.bib', '--out', 'index.html', '--offline', '--theme', './mine'];
    const refused = cli(args, { cwd: site, env: NO_COMPILER });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('refused: handlebars');
    const r = cli(args, { cwd: site });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('<p>mine</p>');
  });
});

describe('plainProfile', () => {
  it('is what the schema makes of a profile that gives only a name: every default, in the same order', () => {
    const byTheSchema = { ...profileSchema.parse({ name: 'cdl' }), people: undefined };
    expect(plainProfile('cdl')).toStrictEqual(byTheSchema);
    expect(Object.keys(plainProfile('cdl'))).toEqual(Object.keys(byTheSchema));
  });
});
