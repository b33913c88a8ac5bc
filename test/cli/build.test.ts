import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './run.js';
import { copyExample } from '../example-site.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sp-build-'));
const LINE = /^[^\s:][^:]*:\d+:\d+: error [a-z]+\/[a-z0-9-]+: .+$/m;

/** A copy of the example site in a temp folder, with its profile and .bib replaced as asked. */
function site(opts: { bib?: (s: string) => string; profile?: (s: string) => string; images?: boolean } = {}) {
  const dir = tmp();
  copyExample(dir, { images: opts.images });
  for (const [name, edit] of [['refs.bib', opts.bib], ['profile.yaml', opts.profile]] as const) {
    if (edit) writeFileSync(path.join(dir, name), edit(readFileSync(path.join(dir, name), 'utf8')));
  }
  return dir;
}

describe('scholar-page build', () => {
  it('builds the example: path on stdout, exit 0, one self-contained file', () => {
    const dir = site({ images: false }); // the thumbnails encoded here, cold
    expect(existsSync(path.join(dir, '.scholar-cache'))).toBe(false);
    const r = cli(['build', 'refs.bib', '--out', 'out/index.html'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(dir, 'out/index.html'));
    const html = readFileSync(path.join(dir, 'out/index.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // nothing external: no src/href to http(s) resources other than plain links
    expect(html).not.toMatch(/<(img|script|link)[^>]+(src|href)="https?:/i);
  });

  it('finds the .bib through the profile when no argument is given', () => {
    const dir = site();
    const r = cli(['build'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/index.html'))).toBe(true);
  });

  it('without any profile still builds every entry, grouped by year, with a warning', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'my.bib'), '@article{a, title={First}, author={Doe, Jane}, journal={J}, year=2020}\n@article{b, title={Second}, author={Roe, R}, journal={J}, year=2019}\n');
    const r = cli(['build', 'my.bib'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning profile\/missing/);
    const html = readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    expect(html).toContain('First');
    expect(html).toContain('Second');
    expect(html.indexOf('2020')).toBeLessThan(html.indexOf('2019'));
  });

  it('a second build with nothing changed replays the report and leaves the page alone; --force builds', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'my.bib'), '@article{a, title={First}, author={Doe, Jane}, journal={J}, year=2020}\n');
    const first = cli(['build', 'my.bib', '--offline'], { cwd: dir });
    expect(first.code).toBe(0);
    const page = path.join(dir, 'dist/index.html');
    const written = statSync(page).mtimeMs;
    const again = cli(['build', 'my.bib', '--offline'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toMatch(/warning profile\/missing/);
    expect(again.stderr).toMatch(/^up to date: nothing changed since the last build/m);
    expect(statSync(page).mtimeMs).toBe(written);
    const forced = cli(['build', 'my.bib', '--offline', '--force'], { cwd: dir });
    expect(forced.stderr).not.toMatch(/up to date/);
    expect(statSync(page).mtimeMs).toBeGreaterThan(written);
    writeFileSync(path.join(dir, 'my.bib'), '@article{a, title={Changed}, author={Doe, Jane}, journal={J}, year=2020}\n');
    expect(cli(['build', 'my.bib', '--offline'], { cwd: dir }).stderr).not.toMatch(/up to date/);
    expect(readFileSync(page, 'utf8')).toContain('Changed');
  });

  it('shows entries without a key (EndNote writes `@article{` and no key), each with an id of its own, and warns', () => {
    const dir = site({ bib: (s) => s.replace('@article{he2019attgan,', '@article{').replace('@inproceedings{he2021eigengan,', '@inproceedings{,') });
    const r = cli(['build', '--offline'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^refs\.bib:57:1: warning bib\/missing-key: @inproceedings entry has no citation key; it is shown, but cannot be cited$/m);
    expect(r.stderr).toMatch(/^refs\.bib:70:1: warning bib\/missing-key: @article entry has no citation key/m);
    const html = readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    expect(html).toContain('AttGAN');
    expect(html).toContain('EigenGAN');
    const ids = [...html.matchAll(/<article class="pub" id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(cli(['build', '--offline', '--strict'], { cwd: dir }).code).toBe(1);
  });

  it('two builds of the same input are byte-identical', () => {
    const dir = site();
    cli(['build', '--out', 'a.html'], { cwd: dir });
    cli(['build', '--out', 'b.html'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'a.html')).equals(readFileSync(path.join(dir, 'b.html')))).toBe(true);
  });

  it('prints a date only when the profile asks, taken from SOURCE_DATE_EPOCH', () => {
    const dir = site({ profile: (s) => `${s}\ntimestamp: true\n` });
    cli(['build', '--out', 'a.html'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(readFileSync(path.join(dir, 'a.html'), 'utf8')).toContain('Last updated 2023-11-14');
  });

  const bad: [string, Parameters<typeof site>[0], RegExp][] = [
    ['a .bib syntax error', { bib: (s) => s.replace('title     = {Jodi:', 'title     {Jodi:') }, /refs\.bib:\d+:\d+: error bib\/syntax: /],
    // (a duplicate key is a warning since issue 18, and a missing key since 0.3, unless --strict)
    ['a repo that is not owner/name', { bib: (s) => s.replace(/repo(\s*)=(\s*)\{[^}]*\}/, 'repo$1=$2{not a repo}') }, /refs\.bib:\d+:\d+: error bib\/bad-repo: repo "not a repo"/],
    ['a missing thumbnail file', { bib: (s) => s.replace('thumbnails/jodi.jpg', 'thumbnails/nope.jpg') }, /refs\.bib:22:3: error bib\/missing-thumbnail: /],
    ['an unknown profile key', { profile: (s) => s.replace('position:', 'postion:') }, /profile\.yaml:7:1: error profile\/unknown-key: unknown key "postion"; did you mean "position"\?/],
  ];
  for (const [what, edit, expected] of bad) {
    it(`refuses ${what}: one line, exit 1, previous page untouched, no stack`, () => {
      const dir = site(edit);
      mkdirSync(path.join(dir, 'dist'));
      writeFileSync(path.join(dir, 'dist/index.html'), 'PREVIOUS PAGE');
      const r = cli(['build'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).toMatch(LINE);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toBe('PREVIOUS PAGE');
      expect(readdirSync(path.join(dir, 'dist'))).toEqual(['index.html']);
    });
  }

  it('builds with a duplicate key (a warning), and refuses it with --strict', () => {
    const dir = site({ bib: (s) => s.replace('@article{he2020pagan', '@article{xu2025jodi') });
    const ok = cli(['build', '--out', 'a.html', '--offline'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/refs\.bib:\d+:1: warning bib\/duplicate-key: duplicate key "xu2025jodi"/);
    const strict = cli(['build', '--out', 'b.html', '--offline', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/refs\.bib:\d+:1: error bib\/duplicate-key: duplicate key "xu2025jodi"/);
    expect(existsSync(path.join(dir, 'b.html'))).toBe(false);
  });

  it('refuses invalid UTF-8 with its line and column', () => {
    const dir = site();
    const bytes = Buffer.concat([Buffer.from('@article{a,\n  title = {Caf'), Buffer.from([0xe9]), Buffer.from('},\n}\n')]);
    writeFileSync(path.join(dir, 'refs.bib'), bytes);
    const r = cli(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refs\.bib:2:15: error io\/invalid-utf8: invalid UTF-8 byte 0xe9/);
  });

  it('exits 2 on a usage error', () => {
    expect(cli(['build', '--no-such-flag']).code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('--help and --version', () => {
    const h = cli(['build', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--theme <name|dir>');
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
