import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../src/load/site.js';
import { MAX_DATA_FILE_BYTES } from '../../src/load/data-file.js';
import { Reporter, type Diagnostic } from '../../src/model/diagnostic.js';
import { cli } from '../cli/run.js';

const BIB = '@article{a, author={Ann One}, title={T}, journal={J}, abbr={AJP}, year={2020}}\n';

/** A site with a profile naming `venues` and the files given; loads it as a build would. */
async function load(venues: string, files: Record<string, string | Buffer> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-venues-'));
  writeFileSync(path.join(dir, 'refs.bib'), BIB);
  writeFileSync(path.join(dir, 'profile.yaml'), `name: Ann One\nbibliography: refs.bib\nvenues: ${venues}\n`);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  const report = new Reporter();
  const site = await loadSite({ cwd: dir }, report);
  const line = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}`;
  return { dir, venues: site.venues, list: report.list, lines: report.list.map(line) };
}

const AL_FOLIO = '"AJP":\n  url: https://aapt.scitation.org/journal/ajp\n  color: "#00369f"\n\n"PhysRev":\n  url: https://journals.aps.org/\n\n"DISC":\n  url: http://www.disc-conference.org/wp/disc2021/\n  color: "#00369f"\n';

describe('venues: a file (al-folio _data/venues.yml)', () => {
  it("reads al-folio's own venues.yml, relative to the profile; the http: link is a warning at its line", async () => {
    const r = await load('_data/venues.yml', { '_data/venues.yml': AL_FOLIO });
    expect([...r.venues]).toEqual([
      ['AJP', { url: 'https://aapt.scitation.org/journal/ajp', color: '#00369f' }],
      ['PhysRev', { url: 'https://journals.aps.org/' }],
      ['DISC', { color: '#00369f' }],
    ]);
    expect(r.lines).toEqual(['_data/venues.yml:9:8: warning venues/bad-url']);
  });

  it('a YAML syntax error is an error at its line and column in that file; nothing of it is used', async () => {
    const r = await load('v.yml', { 'v.yml': 'AJP:\n  color: "#00369f"\nICML: [unclosed\n' });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^v\.yml:[34]:\d+: error venues\/yaml-syntax$/);
    expect(r.venues.size).toBe(0);
  });

  it('a duplicate key is a warning at the second one; the last wins, as in Jekyll', async () => {
    const r = await load('v.yml', { 'v.yml': 'AJP:\n  color: red\n"AJP":\n  color: blue\n' });
    expect(r.lines).toEqual(['v.yml:3:1: warning venues/duplicate-key']);
    expect(r.list[0].message).toBe('the key "AJP" is given twice; the last one is used');
    expect(r.venues.get('AJP')).toEqual({ color: '#0000ff' });
  });

  it('hostile values: a warning each at the value, and nothing of them kept', async () => {
    const r = await load('v.yml', { 'v.yml': 'A:\n  color: "red;background:url(x)"\nB:\n  color: expression(alert(1))\nC:\n  color: "#12345g"\n  url: javascript:alert(1)\nD:\n  color: #00369f\n' });
    expect(r.lines).toEqual([
      'v.yml:2:10: warning venues/bad-color', 'v.yml:4:10: warning venues/bad-color', 'v.yml:6:10: warning venues/bad-color',
      'v.yml:7:8: warning venues/bad-url', 'v.yml:9:10: warning venues/bad-color',
    ]);
    expect(r.list[4].hint).toMatch(/unquoted #/);
    expect(r.venues.size).toBe(0);
  });

  it('an unknown key is a warning at the key, with a suggestion; a list or text instead of a map is one warning', async () => {
    const r = await load('v.yml', { 'v.yml': 'AJP:\n  colour: "#00369f"\n' });
    expect(r.lines).toEqual(['v.yml:2:3: warning venues/unknown-key']);
    expect(r.list[0].message).toContain('did you mean "color"?');
    expect((await load('v.yml', { 'v.yml': '- AJP\n- ICML\n' })).lines).toEqual(['v.yml:1:1: warning venues/schema']);
    expect((await load('v.yml', { 'v.yml': '' })).lines).toEqual([]);
  });

  it('a file over the size bound is refused before it is read; a long file under it loads whole', async () => {
    const entry = (i: number) => `"V${i}":\n  color: "#${(i % 4096).toString(16).padStart(3, '0')}"\n  url: https://v${i}.example.org/\n`;
    let big = '';
    for (let i = 0; big.length <= MAX_DATA_FILE_BYTES; i++) big += entry(i);
    const r = await load('v.yml', { 'v.yml': big });
    expect(r.lines).toEqual(['v.yml:0:0: error venues/too-large']);
    expect(r.venues.size).toBe(0);
    let long = '';
    let n = 0;
    while ((long + entry(n)).length <= MAX_DATA_FILE_BYTES) long += entry(n++);
    const ok = await load('v.yml', { 'v.yml': long });
    expect(ok.lines).toEqual([]);
    expect(ok.venues.size).toBe(n);
    expect(n).toBeGreaterThan(3000);
  });

  it('a YAML alias bomb is refused (aliases capped), as an error', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = await load('v.yml', { 'v.yml': `${lines.join('\n')}\n` });
    expect(r.lines).toEqual(['v.yml:0:0: error venues/yaml-syntax']);
  });

  it('a missing file or a folder is an error at the profile line that names it', async () => {
    const r = await load('_data/venues.yml');
    expect(r.lines).toEqual(['profile.yaml:3:9: error venues/not-found']);
    expect(r.list[0].message).toBe('_data/venues.yml: file not found');
    const f = await load('_data', { '_data/x.yml': '' });
    expect(f.list[0].message).toBe('_data: expected a file, found a folder');
  });

  it('a path out of the site folder (.., absolute, a symlink pointing out) is refused and not read', async () => {
    expect((await load('../venues.yml')).lines).toEqual(['profile.yaml:3:9: error path/outside-root']);
    expect((await load('/etc/passwd')).lines).toEqual(['profile.yaml:3:9: error path/outside-root']);
    const outside = mkdtempSync(path.join(tmpdir(), 'sp-venues-out-'));
    writeFileSync(path.join(outside, 'v.yml'), 'AJP:\n  color: red\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-venues-link-'));
    writeFileSync(path.join(dir, 'refs.bib'), BIB);
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: A\nbibliography: refs.bib\nvenues: v.yml\n');
    symlinkSync(path.join(outside, 'v.yml'), path.join(dir, 'v.yml'));
    const report = new Reporter();
    const site = await loadSite({ cwd: dir }, report);
    expect(report.list.map((d) => d.code)).toEqual(['path/outside-root']);
    expect(site.venues.size).toBe(0);
  });

  it('a file that is not UTF-8 is an error at the bad byte', async () => {
    const r = await load('v.yml', { 'v.yml': Buffer.from([0x41, 0x4a, 0x50, 0x3a, 0x0a, 0x20, 0x20, 0xff, 0x0a]) });
    expect(r.lines).toEqual(['v.yml:2:3: error io/invalid-utf8']);
  });
});

describe('venues: a map in profile.yaml', () => {
  it('is checked like the file: warnings at the profile lines', async () => {
    const r = await load('\n  AJP: {color: "#00369f", url: "https://a.org/"}\n  ICML:\n    color: "rgb(0,0,0)"\n    url: http://icml.cc\n');
    expect(r.lines).toEqual(['profile.yaml:6:12: warning venues/bad-color', 'profile.yaml:7:10: warning venues/bad-url']);
    expect([...r.venues]).toEqual([['AJP', { color: '#00369f', url: 'https://a.org/' }]]);
  });

  it('an unknown key is a profile error with a suggestion; a venue that is text says what was expected', async () => {
    const r = await load('\n  AJP:\n    colour: red\n');
    expect(r.lines).toEqual(['profile.yaml:5:5: error profile/unknown-key']);
    expect(r.list[0].message).toBe('unknown key "colour" in venues.AJP; did you mean "color"?');
    const n = await load('5');
    expect(n.list.map((d) => d.message)).toEqual(['venues: expected text or a map']);
  });
});

describe('venues: through the CLI', () => {
  it('a broken file: one-line diagnostics at file:line:col, exit 1, no stack trace; a fixed one builds, and a later edit is not "up to date"', async () => {
    const r = await load('_data/venues.yml', { '_data/venues.yml': 'AJP:\n  color: "#00369f"\n  url: [\n' });
    const bad = cli(['validate'], { cwd: r.dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^_data\/venues\.yml:\d+:\d+: error venues\/yaml-syntax: /m);
    expect(bad.stderr).not.toMatch(/internal error|\n\s+at /);
    writeFileSync(path.join(r.dir, '_data/venues.yml'), 'AJP:\n  color: "#00369f"\n');
    expect(cli(['build', '--offline'], { cwd: r.dir }).code).toBe(0);
    expect(cli(['build', '--offline'], { cwd: r.dir }).stderr).toContain('up to date');
    writeFileSync(path.join(r.dir, '_data/venues.yml'), 'AJP:\n  color: "#8b0000"\n');
    const again = cli(['build', '--offline'], { cwd: r.dir });
    expect(again.stderr).not.toContain('up to date');
    expect(readFileSync(path.join(r.dir, 'dist/index.html'), 'utf8')).toContain('.venue-8b0000-ffffff{');
  });
});
