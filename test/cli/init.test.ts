import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

describe('scholar-page init', () => {
  it('scaffolds a site that builds into a valid page straight away', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sp-init-')), 'site');
    const r = cli(['init', dir]);
    expect(r.code).toBe(0);
    for (const f of ['profile.yaml', 'refs.bib', 'thumbnails/sample.png', '.github/workflows/scholar-page.yml', '.gitignore']) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'profile.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
    const v = cli(['validate'], { cwd: dir });
    expect(v.stderr.trim()).toBe('0 errors, 0 warnings');
    const b = cli(['build', '--offline'], { cwd: dir });
    expect(b.code).toBe(0);
    const html = readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    expect(html).toContain('Notes on the Analytical Engine');
    expect(html).toContain('<span class="badge-venue">ICCV 2025</span><span class="badge-award">Oral</span>');
  });

  it('never overwrites a file without --force, and writes nothing at all then', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-init-'));
    writeFileSync(path.join(dir, 'refs.bib'), 'MINE');
    const r = cli(['init', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refs\.bib: error init\/exists: file exists/);
    expect(readFileSync(path.join(dir, 'refs.bib'), 'utf8')).toBe('MINE');
    expect(existsSync(path.join(dir, 'profile.yaml'))).toBe(false);
    expect(cli(['init', dir, '--force']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'refs.bib'), 'utf8')).not.toBe('MINE');
  });

  it('the workflow validates, builds with GITHUB_TOKEN, caches .scholar-cache and deploys with the right permissions', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-init-'));
    cli(['init', dir]);
    const wf = parse(readFileSync(path.join(dir, '.github/workflows/scholar-page.yml'), 'utf8'));
    expect(wf.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(wf.on.push.branches).toEqual(['main']);
    const steps = wf.jobs.build.steps as { run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }[];
    expect(steps.find((s) => s.uses?.startsWith('actions/cache'))?.with?.path).toBe('.scholar-cache');
    expect(steps.find((s) => s.run?.includes('validate'))?.run).toContain('--format github');
    expect(steps.find((s) => s.run?.includes(' build'))?.env?.GITHUB_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(wf.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@/);
  });
});

describe('action.yml', () => {
  it('is a composite action with the inputs bib, profile, theme and out, passing them through env (no injection)', () => {
    const action = parse(readFileSync(path.join(import.meta.dirname, '../../action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['bib', 'profile', 'theme', 'out']));
    for (const step of action.runs.steps) expect(step.run).not.toMatch(/\$\{\{\s*inputs\./);
  });
});
