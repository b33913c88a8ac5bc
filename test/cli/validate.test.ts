import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './run.js';
import { human, progressLine } from '../../src/cli/format.js';

function site(edit?: (bib: string) => string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-validate-'));
  cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
  if (edit) writeFileSync(path.join(dir, 'refs.bib'), edit(readFileSync(path.join(dir, 'refs.bib'), 'utf8')));
  return dir;
}
const withTypo = (s: string) => s.replace('thumbnail = {thumbnails/jodi.jpg}', 'thumbnial = {thumbnails/jodi.jpg}').replace('@article{he2020pagan', '@article{xu2025jodi');

describe('scholar-page validate', () => {
  it('with no arguments, in a site folder, checks profile.yaml and its .bib: exit 0 on the example', () => {
    const r = cli(['validate'], { cwd: site() });
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('0 errors, 0 warnings');
  });

  it('human format: file:line:col, the source line with a caret, a hint, and a summary', () => {
    const r = cli(['validate'], { cwd: site(withTypo) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('refs.bib:22:3: warning bib/unknown-field: unknown field "thumbnial" in entry "xu2025jodi"; did you mean "thumbnail"?\n    thumbnial = {thumbnails/jodi.jpg},\n    ^');
    expect(r.stderr).toMatch(/refs\.bib:100:1: warning bib\/duplicate-key: duplicate key "xu2025jodi", first defined at line 16 with different fields; both entries are shown\n/);
    expect(r.stderr).toMatch(/refs\.bib:16:1: note: first defined here/);
    expect(r.stderr.trim().split('\n').pop()).toBe('0 errors, 2 warnings');
  });

  it('--format json: {diagnostics, errors, warnings} on stdout', () => {
    const r = cli(['validate', '--format', 'json'], { cwd: site(withTypo) });
    const j = JSON.parse(r.stdout);
    expect(j.errors).toBe(0);
    expect(j.warnings).toBe(2);
    expect(j.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'bib/unknown-field', file: 'refs.bib', line: 22, column: 3 });
  });

  it('--format github: workflow commands that annotate the diff', () => {
    const r = cli(['validate', '--format', 'github'], { cwd: site(withTypo) });
    expect(r.stdout).toContain('::warning file=refs.bib,line=22,col=3,title=bib/unknown-field::unknown field "thumbnial"');
    expect(r.stdout).toContain('::warning file=refs.bib,line=100,col=1,title=bib/duplicate-key::duplicate key');
    const strict = cli(['validate', '--format', 'github', '--strict'], { cwd: site(withTypo) });
    expect(strict.stdout).toContain('::error file=refs.bib,line=100,col=1,title=bib/duplicate-key::duplicate key');
  });

  it('--strict: warnings fail too', () => {
    const dir = site((s) => s.replace('thumbnail = {thumbnails/jodi.jpg}', 'thumbnial = {thumbnails/jodi.jpg}'));
    expect(cli(['validate'], { cwd: dir }).code).toBe(0);
    expect(cli(['validate', '--strict'], { cwd: dir }).code).toBe(1);
  });

  it('exit 2 on a usage error', () => {
    expect(cli(['validate', '--format', 'xml']).code).toBe(2);
  });

  it('colours only when asked (the CLI asks on a TTY without NO_COLOR)', () => {
    const d = [{ severity: 'error' as const, code: 'x/y', message: 'm', file: 'f', line: 0, column: 0 }];
    expect(human(d, { color: true, cwd: '.' })).toContain('\x1b[');
    expect(human(d, { color: false, cwd: '.' })).not.toContain('\x1b[');
  });
});

describe('the progress line', () => {
  it('shows the phases under way on one line, and ends it when all are done', () => {
    let out = '';
    const progress = progressLine((t) => (out += t));
    progress('stars', 1, 2);
    progress('images', 1, 3);
    progress('stars', 2, 2);
    progress('images', 2, 3);
    progress('images', 3, 3);
    progress('stars', 1, 1);
    expect(out.split('\r').slice(1)).toEqual([
      'stars 1/2', 'stars 1/2 · images 1/3', 'stars 2/2 · images 1/3', 'stars 2/2 · images 2/3', 'stars 2/2 · images 3/3\n', 'stars 1/1\n',
    ]);
  });
});
