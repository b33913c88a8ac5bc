import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './run.js';
import { build } from '../../src/index.js';
import { guardLine, human, visible } from '../../src/cli/format.js';
import { copyExample } from '../example-site.js';

/** The example site without its cache and page, in a temp folder. */
function example(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-out-'));
  copyExample(dir);
  return dir;
}

const bytes = (dir: string, f: string) => readFileSync(path.join(dir, f));

describe('--out may not be a file the build reads', () => {
  it('refuses the .bib, the profile, the avatar, a thumbnail (through a symbolic or a hard link) and a theme file; writes nothing', { timeout: 60_000 }, async () => {
    const dir = example();
    mkdirSync(path.join(dir, 'mytheme/partials'), { recursive: true });
    writeFileSync(path.join(dir, 'mytheme/theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    writeFileSync(path.join(dir, 'mytheme/partials/footer.hbs'), '<footer>MINE</footer>');
    symlinkSync(path.join(dir, 'refs.bib'), path.join(dir, 'link-to-bib.html'));
    linkSync(path.join(dir, 'thumbnails/jodi.jpg'), path.join(dir, 'hard-link.html'));
    const cases: [string, string][] = [
      ['refs.bib', 'refs.bib'],
      ['profile.yaml', 'profile.yaml'],
      ['thumbnails/avatar.jpg', 'thumbnails/avatar.jpg'],
      ['thumbnails/../thumbnails/attgan.jpg', 'thumbnails/attgan.jpg'],
      ['link-to-bib.html', 'refs.bib'],
      ['hard-link.html', 'thumbnails/jodi.jpg'],
      ['mytheme/partials/footer.hbs', 'mytheme/partials/footer.hbs'],
      ['mytheme/theme.json', 'mytheme/theme.json'],
    ];
    for (const [out, input] of cases) {
      const before = bytes(dir, input);
      const r = await build({ cwd: dir, out, theme: './mytheme', offline: true });
      expect(r.outFile, out).toBeUndefined();
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message]), out).toEqual([
        ['io/out-is-input', `the page would overwrite ${input}, which this build reads; nothing was written`],
      ]);
      expect(bytes(dir, input).equals(before), out).toBe(true);
    }
    // a file beside them is fine: the check is not refusing everything
    const ok = await build({ cwd: dir, out: 'thumbnails/page.html', theme: './mytheme', offline: true });
    expect(ok.errors).toBe(0);
    expect(readFileSync(path.join(dir, 'thumbnails/page.html'), 'utf8')).toContain('MINE');
  });

  it('refuses a profile.yaml that was looked for and is missing (the next build would read the page as its profile)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-out-'));
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={T}, year=2020}\n');
    const r = await build({ cwd: dir, bib: 'refs.bib', out: 'profile.yaml', offline: true });
    expect(r.diagnostics.map((d) => d.code)).toContain('io/out-is-input');
    expect(existsSync(path.join(dir, 'profile.yaml'))).toBe(false);
  });

  it('the CLI: `build --out refs.bib` is one line, exit 1, and the .bib is intact', () => {
    const dir = example();
    const before = bytes(dir, 'refs.bib');
    const r = cli(['build', '--offline', '--out', 'refs.bib'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^refs\.bib: error io\/out-is-input: the page would overwrite refs\.bib, which this build reads; nothing was written$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(bytes(dir, 'refs.bib').equals(before)).toBe(true);
  });
});

// A field value with line breaks that start workflow commands, terminal escapes (clear screen, set
// the window title, CSI as one C1 byte), a right-to-left override and the legacy `##[` command.
const HOSTILE_VALUE = '20\n::error::pwned\n  ::add-mask::secret \x1b[2J\x1b]0;title\x07 \u009b31m \u202eevil ##[add-mask]y';
const HOSTILE_BIB = `@article{a, title={T}, author={Doe, J}, journal={J}, year={${HOSTILE_VALUE}}, repo={a\n::warning::b}}\n@article{b,\n::error file=x::pwned = {x}\n}\n`;

/** Nothing a terminal or a GitHub Actions log acts on. */
function expectInert(text: string, what: string): void {
  expect(text, what).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  expect(text, what).not.toContain('##[');
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('::'), `${what}: ${line}`).toBe(false);
}

describe('diagnostics are safe to print', () => {
  function hostile(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-esc-'));
    writeFileSync(path.join(dir, 'refs.bib'), HOSTILE_BIB);
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: X\nbibliography: refs.bib\n');
    return dir;
  }

  it('build: control characters escaped, no line a workflow command; the message still says what was found', () => {
    const r = cli(['build', '--offline'], { cwd: hostile() });
    expect(r.code).toBe(1);
    expectInert(r.stderr, 'build');
    expect(r.stderr).toContain('year "20\\n::error::pwned\\n  ::add-mask::secret \\x1b[2J\\x1b]0;title\\x07 \\x9b31m \\u202eevil #\\x23[add-mask]y" of entry "a"');
    expect(r.stderr).toMatch(/^refs\.bib:\d+:\d+: error bib\/syntax: /m);
  });

  it('validate, human format: the source line of a .bib line that starts with `::` is shown with a `\\` first, the caret still under its character', () => {
    const r = cli(['validate'], { cwd: hostile() });
    expect(r.code).toBe(1);
    expectInert(r.stderr, 'human');
    expect(r.stderr).toContain('\n  \\::error file=x::pwned = {x}\n');
  });

  it('validate, JSON: the same values when parsed, and the text is inert', () => {
    const r = cli(['validate', '--format', 'json'], { cwd: hostile() });
    expectInert(r.stdout, 'json');
    const year = JSON.parse(r.stdout).diagnostics.find((d: { code: string }) => d.code === 'bib/bad-year');
    expect(year.message).toContain(HOSTILE_VALUE);
  });

  it('validate, GitHub: exactly one workflow command per diagnostic, and nothing else acted on', () => {
    const r = cli(['validate', '--format', 'github'], { cwd: hostile() });
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^:]*::[^\n]*$/);
    expectInert(lines.map((l) => l.replace(/^::(error|warning) /, '')).join('\n'), 'github');
    expect(r.stdout).toContain('\\x1b[2J');
  });

  it('visible() and guardLine(): each unsafe character as an escape, a `::` line start guarded', () => {
    expect(visible('a\nb\r\x1b\x00\x7f\u0085\u2028\u200f\td')).toBe('a\\nb\\r\\x1b\\x00\\x7f\\x85\\u2028\\u200f\td');
    expect(visible('x ##[set-output name=a]b')).toBe('x #\\x23[set-output name=a]b');
    expect(guardLine('  ::error::x')).toBe('  \\::error::x');
    expect(guardLine('a ::error::x')).toBe('a ::error::x');
    const d = { severity: 'error' as const, code: 'x/y', message: 'm\n::error::z', file: '::f', line: 0, column: 0, hint: 'h\x1b[0m', related: { file: 'f', line: 1, column: 1, message: 'n\n::add-mask::s' } };
    expectInert(human([d], { color: false, cwd: '.' }), 'human()');
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  const dir = () => {
    const d = example();
    writeFileSync(path.join(d, 'profile.yaml'), `${readFileSync(path.join(d, 'profile.yaml'), 'utf8')}\ntimestamp: true\n`);
    return d;
  };
  for (const value of ['99999999999999999', '253402300800', 'yesterday', '-5', '1.5e9']) {
    it(`"${value}" is refused with a diagnostic and exit 1, never an internal error`, () => {
      const d = dir();
      const r = cli(['build', '--offline'], { cwd: d, env: { SOURCE_DATE_EPOCH: value } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^SOURCE_DATE_EPOCH: error cli\/bad-epoch: /m);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(existsSync(path.join(d, 'dist/index.html'))).toBe(false);
    });
  }
  it('the last second of 9999 is accepted', () => {
    const d = dir();
    const r = cli(['build', '--offline', '--out', 'a.html'], { cwd: d, env: { SOURCE_DATE_EPOCH: '253402300799' } });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(d, 'a.html'), 'utf8')).toContain('Last updated 9999-12-31');
  });
});
