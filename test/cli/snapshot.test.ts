import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

/**
 * The start-up snapshot (src/cli/snapshot.ts, scripts/snapshot.mjs, bin/scholar-page). These tests
 * run bin/scholar-page as a program, as `scholar-page` and `npx scholar-page` do, and compare it
 * with `SCHOLAR_PAGE_SNAPSHOT=0`, which loads the modules as `node bin/scholar-page` does.
 */
const BIN = path.join(ROOT, 'bin/scholar-page');
const SNAP = path.join(ROOT, 'dist-snap');
const STARTED = 'scholar-page: started from the start-up snapshot';
/** For the runs that must start from the snapshot: a fallback is then an error, not a slow run. */
const REQUIRE = { SCHOLAR_PAGE_SNAPSHOT: 'require' };

const made: string[] = [];
/** A temporary folder, removed after the tests (some hold a 19 MB copy of the snapshot). */
function temp(prefix: string): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** `ls -iLn`'s inode and size of this Node binary, as scripts/snapshot.mjs records them. */
function nodeIdent(): string {
  const st = statSync(process.execPath);
  return `${st.ino} ${st.size}`;
}

function run(bin: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The example's .bib and thumbnails (no profile, so the page lists every entry), with an entry that
 * needs the LaTeX converter and temml, and gives a warning.
 */
function site(): string {
  const dir = temp('sp-snap-');
  cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$|profile\.yaml$/.test(s) });
  appendFileSync(path.join(dir, 'refs.bib'), '\n@article{odd2020, title = {On $\\frac{a}{b}$ and \\textsc{Small} \\unknowncmd{x}}, author = {M{\\"u}ller, J{\\o}rn and {\\v{C}}apek, Karel}, journal = {J. Tests}, year = {2020}, abstract = {Uses $e^{i\\pi}$ and {\\em emphasis}.}}\n');
  return dir;
}

describe('the start-up snapshot', () => {
  it('is made by npm run build (npm install runs it) for this Node and this folder', () => {
    expect(existsSync(path.join(SNAP, 'scholar-page.blob')), 'no dist-snap/scholar-page.blob: run `npm run build`').toBe(true);
    const [node, root] = readFileSync(path.join(SNAP, 'built-for'), 'utf8').split('\n');
    expect(node).toBe(nodeIdent());
    expect(root).toBe(realpathSync(ROOT));
  });

  it('builds the same page and reports the same diagnostics as a start without it', () => {
    const a = site();
    const b = site();
    const snap = run(BIN, ['build', 'refs.bib', '--offline', '--verbose'], a, REQUIRE);
    const plain = run(BIN, ['build', 'refs.bib', '--offline', '--verbose'], b, { SCHOLAR_PAGE_SNAPSHOT: '0' });
    expect(snap.stderr.split('\n')[0]).toBe(STARTED);
    expect(plain.stderr).not.toContain(STARTED);
    expect(snap.code).toBe(0);
    expect(plain.code).toBe(0);
    expect(snap.stderr.replace(`${STARTED}\n`, '').replaceAll(a, 'DIR')).toBe(plain.stderr.replaceAll(b, 'DIR'));
    expect(snap.stderr).toMatch(/warning bib\/latex: .*\\unknowncmd/); // the converter ran
    const page = readFileSync(path.join(a, 'dist/index.html'));
    expect(page.equals(readFileSync(path.join(b, 'dist/index.html')))).toBe(true);
    expect(page.toString()).toContain('<math'); // temml
    expect(page.toString()).toContain('data:image/'); // sharp, loaded at run time
  });

  it('records what a build read: nothing changed is up to date, an edit builds again', () => {
    const dir = site();
    expect(run(BIN, ['build', 'refs.bib', '--offline'], dir).code).toBe(0);
    expect(run(BIN, ['build', 'refs.bib', '--offline'], dir).stderr).toContain('up to date');
    const bib = path.join(dir, 'refs.bib');
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('On $\\frac', 'Edited: on $\\frac'));
    const again = run(BIN, ['build', 'refs.bib', '--offline', '--verbose'], dir, REQUIRE);
    expect(again.stderr).toContain(STARTED);
    expect(again.stderr).not.toContain('up to date');
    expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('Edited: on');
  });

  it('gives every argument to scholar-page and none to Node: --version, --help, none, init', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(BIN, ['--version'], ROOT, REQUIRE).stdout.trim()).toBe(version); // not Node's own version
    for (const args of [['--version'], ['--help'], [], ['build', '--help'], ['--verbose', 'validate', 'missing.bib'], ['init', 'site']]) {
      const a = temp('sp-args-');
      const b = temp('sp-args-');
      const snap = run(BIN, args, a, REQUIRE);
      const plain = run(BIN, args, b, { SCHOLAR_PAGE_SNAPSHOT: '0' });
      const same = (r: typeof snap, dir: string) => [r.code, r.stdout.replaceAll(dir, 'DIR'), r.stderr.replace(`${STARTED}\n`, '').replaceAll(dir, 'DIR')];
      expect(same(snap, a), args.join(' ')).toEqual(same(plain, b));
    }
  });

  it('validate: one-line diagnostics and exit code 1 on a broken file', () => {
    const dir = site();
    appendFileSync(path.join(dir, 'refs.bib'), '\n@article{broken, title = {Never closed\n');
    const r = run(BIN, ['validate', 'refs.bib', '--verbose'], dir, REQUIRE);
    expect(r.stderr).toContain(STARTED);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^refs\.bib:\d+:\d+: error bib\/syntax: /m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  /** A copy of the package's bin/ and dist-snap/ in a new folder, the rest linked. */
  function movedPackage(builtFor?: ((root: string) => string) | null): string {
    const root = temp('sp-pkg-');
    mkdirSync(path.join(root, 'bin'));
    copyFileSync(BIN, path.join(root, 'bin/scholar-page'));
    for (const f of ['dist-lib', 'node_modules', 'themes', 'data', 'package.json']) symlinkSync(path.join(ROOT, f), path.join(root, f));
    cpSync(SNAP, path.join(root, 'dist-snap'), { recursive: true });
    if (builtFor) writeFileSync(path.join(root, 'dist-snap/built-for'), builtFor(root));
    else if (builtFor === null) rmSync(path.join(root, 'dist-snap/built-for'));
    return root;
  }

  it('is used only by the Node that made it, in the folder it was made in', () => {
    const dir = site();
    const cases: [string, ((root: string) => string) | null | undefined, boolean][] = [
      ['made here, moved to another folder', undefined, false],
      ['made by another Node binary', (root) => `1 2\n${root}\n`, false],
      ['without its built-for file', null, false],
      ['made for this Node and this folder', (root) => `${nodeIdent()}\n${root}\n`, true],
    ];
    for (const [what, builtFor, used] of cases) {
      const bin = path.join(movedPackage(builtFor), 'bin/scholar-page');
      const r = run(bin, ['build', 'refs.bib', '--offline', '--verbose', '--force'], dir);
      expect(r.code, what).toBe(0);
      expect(r.stderr.includes(STARTED), what).toBe(used);
      if (!used) expect(r.stderr, what).not.toMatch(/built-for|snapshot/); // quietly slower, no noise
      const required = run(bin, ['validate', 'refs.bib'], dir, REQUIRE);
      expect(required.code, what).toBe(used ? 0 : 1);
      if (!used) expect(required.stderr, what).toMatch(/^scholar-page: no usable start-up snapshot: /);
    }
  });

  it('is not tried under NODE_OPTIONS (Node refuses a snapshot when V8 flags differ, and says so)', () => {
    const dir = site();
    const r = run(BIN, ['build', 'refs.bib', '--offline', '--verbose'], dir, { NODE_OPTIONS: '--max-old-space-size=2048' });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain(STARTED);
    expect(r.stderr).not.toContain('Failed to load the startup snapshot');
    const required = run(BIN, ['validate', 'refs.bib'], dir, { NODE_OPTIONS: '--max-old-space-size=2048', ...REQUIRE });
    expect([required.code, required.stderr.trim()]).toEqual([1, 'scholar-page: no usable start-up snapshot: NODE_OPTIONS is set']);
  });

  it('is found through a symbolic link, as npm links it into node_modules/.bin', () => {
    const bin = path.join(temp('sp-link-'), '.bin');
    mkdirSync(bin);
    symlinkSync(path.relative(bin, BIN), path.join(bin, 'scholar-page'));
    const r = run(path.join(bin, 'scholar-page'), ['validate', 'refs.bib', '--verbose'], site(), REQUIRE);
    expect(r.stderr.split('\n')[0]).toBe(STARTED);
    // run by name from its own folder, as `sh scholar-page` does: $0 has no slash
    const byName = spawnSync('sh', ['scholar-page', '--version'], { cwd: bin, encoding: 'utf8', env: { ...process.env, ...REQUIRE } });
    expect([byName.status, byName.stdout.trim()]).toEqual([0, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version]);
  });

  it('is not used once the code it holds was compiled or installed again (tsc alone, npm update), or package.json changed', { timeout: 60_000 }, () => {
    // a package of its own, with its own snapshot, so that its files can be touched
    const root = temp('sp-stale-');
    for (const f of ['bin', 'dist-lib', 'data', 'scripts']) cpSync(path.join(ROOT, f), path.join(root, f), { recursive: true });
    copyFileSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    symlinkSync(path.join(ROOT, 'themes'), path.join(root, 'themes'));
    // node_modules: links to the real packages, but a lock file of its own (npm rewrites it on every install)
    mkdirSync(path.join(root, 'node_modules'));
    for (const f of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (f !== '.package-lock.json') symlinkSync(path.join(ROOT, 'node_modules', f), path.join(root, 'node_modules', f));
    }
    copyFileSync(path.join(ROOT, 'node_modules/.package-lock.json'), path.join(root, 'node_modules/.package-lock.json'));
    expect(spawnSync(process.execPath, [path.join(root, 'scripts/snapshot.mjs')]).status).toBe(0);
    const bin = path.join(root, 'bin/scholar-page');
    const dir = site();
    const started = () => run(bin, ['validate', 'refs.bib', '--verbose'], dir).stderr.includes(STARTED);
    expect(started()).toBe(true);
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(root, 'dist-lib/pipeline.js'), later, later);
    expect(started()).toBe(false);
    expect(run(bin, ['validate', 'refs.bib'], dir).code).toBe(0);
    expect(spawnSync(process.execPath, [path.join(root, 'scripts/snapshot.mjs')]).status).toBe(0);
    expect(started()).toBe(true);
    writeFileSync(path.join(root, 'package.json'), readFileSync(path.join(root, 'package.json'), 'utf8').replace(/"version": "[^"]+"/, '"version": "9.9.9"'));
    expect(started()).toBe(false);
    expect(run(bin, ['--version'], dir).stdout.trim()).toBe('9.9.9');
    expect(spawnSync(process.execPath, [path.join(root, 'scripts/snapshot.mjs')]).status).toBe(0);
    expect(started()).toBe(true);
    utimesSync(path.join(root, 'node_modules/.package-lock.json'), later, later);
    expect(started()).toBe(false);
  });

  it('falls back to a start without it when Node refuses the snapshot (exit code 14)', () => {
    const root = movedPackage((r) => `${nodeIdent()}\n${r}\n`);
    // a snapshot Node refuses: made with another V8 configuration
    const entry = path.join(root, 'tiny.cjs');
    writeFileSync(entry, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => console.log('tiny'));\n");
    const made = spawnSync(process.execPath, ['--harmony', '--snapshot-blob', path.join(root, 'dist-snap/scholar-page.blob'), '--build-snapshot', entry]);
    expect(made.status).toBe(0);
    const dir = site();
    const r = run(path.join(root, 'bin/scholar-page'), ['build', 'refs.bib', '--offline'], dir);
    expect(r.stderr).toContain('Failed to load the startup snapshot'); // Node's own line, then the fallback
    expect(r.stdout).not.toContain('tiny');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/index.html'))).toBe(true);
  });

  it('node bin/scholar-page (the file run as a module, not as a script) does not use it', () => {
    const dir = site();
    const r = spawnSync(process.execPath, [BIN, 'build', 'refs.bib', '--offline', '--verbose'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain(STARTED);
  });
});
