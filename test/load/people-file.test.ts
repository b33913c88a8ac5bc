import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../src/model/diagnostic.js';
import { makeSource } from '../../src/load/source-text.js';
import { parsePeople } from '../../src/load/people-file.js';
import { build, upToDate, validate } from '../../src/index.js';

const FILE = '_data/coauthors.yml';

/** The people a file's text gives, and what was reported as `file:line:col severity code: message`. */
function people(text: string) {
  const report = new Reporter();
  const list = parsePeople(makeSource(FILE, text), report);
  return { list, found: report.list.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`) };
}

describe('a people: file, read into the list an inline people: gives', () => {
  it("al-folio's coauthors.yml: each given-name spelling with the last name, the key capitalised", () => {
    const { list, found } = people(
      [
        '"adams":',
        '  - firstname: ["Edwin", "E.", "E. P."]',
        '    url: https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams',
        '"bach":',
        '  - firstname: ["Johann Sebastian", "J. S."]',
        '    url: https://example.org/js',
        '  - firstname: Carl Philipp Emanuel', // one string: al-folio tests it as a substring
        '    note: keys al-folio does not read are left alone',
        '"de la cruz":',
        '  - firstname: [Juana Inés]',
        '"wieczorek":', // a real site: the url left empty, which al-folio shows as no link
        '  - firstname: ["M. A.", "Mark"]',
        '    url:',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([]);
    expect(list).toEqual([
      { name: 'Adams, Edwin', aliases: ['Adams, E.', 'Adams, E. P.'], url: 'https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams' },
      { name: 'Bach, Johann Sebastian', aliases: ['Bach, J. S.'], url: 'https://example.org/js' },
      { name: 'Bach, Carl Philipp Emanuel' },
      { name: 'De La Cruz, Juana Inés' },
      { name: 'Wieczorek, M. A.', aliases: ['Wieczorek, Mark'] },
    ]);
  });

  it("a list in the profile's own format; an empty file is no one", () => {
    const { list, found } = people('- name: Jane Q. Doe\n  aliases: [J. Doe]\n  orcid: 0000-0002-1825-0097\n- { name: Thomas Mueller, url: "https://thomas.example.org/" }\n');
    expect(found).toEqual([]);
    expect(list).toEqual([
      { name: 'Jane Q. Doe', aliases: ['J. Doe'], orcid: '0000-0002-1825-0097' },
      { name: 'Thomas Mueller', url: 'https://thomas.example.org/' },
    ]);
    expect(people('# nobody yet\n')).toEqual({ list: [], found: [] });
  });

  it('a url that is not https: is dropped with a warning at it; the person stays', () => {
    const { list, found } = people('"rosen":\n  - firstname: ["Nathan"]\n    url: http://rosen.example.org/\n');
    expect(list).toEqual([{ name: 'Rosen, Nathan' }]);
    expect(found).toEqual([`${FILE}:3:10 warning people/not-https: url of "Rosen, Nathan" is refused (it is not https:), so the name is not linked to it`]);
    const own = people('- { name: X Y, url: "javascript:alert(1)", orcid: 0000-0002-1825-0097 }\n- { name: Z, url: "https://a b" }\n');
    expect(own.list).toEqual([{ name: 'X Y', orcid: '0000-0002-1825-0097' }, { name: 'Z' }]);
    expect(own.found).toEqual([
      `${FILE}:1:21 warning people/not-https: url of "X Y" is refused (it is not https:), so the name is not linked to it`,
      `${FILE}:2:19 warning people/not-https: url of "Z" is refused (link contains spaces or quotes), so the name is not linked to it`,
    ]);
  });

  it('YAML errors and wrong shapes are errors at their line and column in the file, and give no list', () => {
    const cases: [string, string][] = [
      ['"adams":\n  - firstname: [Edwin\n', `${FILE}:3:1 error people/yaml-syntax`],
      ['"adams":\n  - url: https://a.org\n', `${FILE}:2:5 error people/schema: adams[0].firstname: missing`],
      ['"adams":\n  firstname: [Edwin]\n', `${FILE}:2:3 error people/schema: adams: Invalid input: expected array, received object`],
      ['"adams":\n  - firstname: []\n', `${FILE}:2:16 error people/schema: adams[0].firstname: Too small`],
      ['- name: Jane Doe\n  ulr: https://a.org\n', `${FILE}:2:3 error people/unknown-key: unknown key "ulr" in [0]; did you mean "url"?`],
      ['- { name: "" }\n', `${FILE}:1:11 error people/schema: [0].name: Too small`],
      ['just a name\n', `${FILE}:1:1 error people/schema: expected a list of people ({name, aliases, url, orcid}) or al-folio's coauthors.yml (last name: [{firstname, url}]), found string`],
      ['"adams": []\n"adams": []\n', `${FILE}:2:1 error people/duplicate-key`],
    ];
    for (const [text, want] of cases) {
      const { list, found } = people(text);
      expect(list, text).toBeUndefined();
      expect(found[0], text).toContain(want);
    }
  });

  it('bounded: over 256 KB, or too many aliases, is refused', () => {
    expect(people(`# ${'x'.repeat(262_141)}\n`).found).toEqual([]);
    expect(people(`# ${'x'.repeat(262_142)}\n`).found).toEqual([`${FILE}:0:0 error people/too-large: the people file is 262145 bytes; the limit is 262144`]);
    const levels = 'abcdefghi'.split('');
    const bomb = levels.map((k, i) => `${k}: &${k} [${Array(9).fill(i ? `*${levels[i - 1]}` : '"lol"').join(', ')}]`).join('\n');
    expect(people(bomb).found[0]).toMatch(/^_data\/coauthors\.yml:0:0 error people\/alias-limit: /);
  });
});

/** The people fixture site with this profile (and these files), copied to a temporary folder. */
function site(profile: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-people-file-'));
  cpSync(path.join(import.meta.dirname, '../fixtures/people'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'profile.yaml'), profile);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

const links = (html: string) => [...html.matchAll(/<a class="coauthor" href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => `${m[2]} → ${m[1]}`);
const owners = (html: string) => [...html.matchAll(/<strong class="owner">([\s\S]*?)<\/strong>/g)].map((m) => m[1]);

describe('people: the path of a file, relative to the profile', () => {
  it("al-folio's coauthors.yml links co-authors as an inline list would; the owner stays bold; a warning for its http: url", async () => {
    const dir = site('name: Jonas Mueller\nbibliography: refs.bib\npeople: _data/coauthors.yml\n');
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['_data/coauthors.yml:7:10 people/not-https']);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(links(html)).toEqual(['Thomas Mueller → https://thomas.example.org/']);
    expect(owners(html)).toEqual(['Jonas Müller']);
  });

  it('a file that is missing is an error at the people: line of the profile; one outside the site folder too', async () => {
    const missing = await validate({ cwd: site('name: Jonas Mueller\nbibliography: refs.bib\n\npeople: _data/nobody.yml\n') });
    expect(missing.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['profile.yaml:4:9 error people/not-found']);
    const outside = await validate({ cwd: site('name: Jonas Mueller\nbibliography: refs.bib\npeople: ../coauthors.yml\n') });
    expect(outside.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual(['profile.yaml:3:9 path/outside-root: people: "../coauthors.yml" resolves outside the site folder']);
  });

  it('a file over the bound is refused by its size, before it is read, with the message and hint of other data files', async () => {
    const dir = site('name: Jonas Mueller\nbibliography: refs.bib\npeople: people.yml\n', { 'people.yml': `# ${'x'.repeat(262_142)}\n` });
    const r = await validate({ cwd: dir });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message} (${d.hint})`)).toEqual([
      'people.yml:0:0 people/too-large: the file is 262145 bytes; the limit is 262144 (Keep only the entries the page uses.)',
    ]);
    // The message of people: for a path that is a folder, not the generic one.
    const folder = await validate({ cwd: site('name: Jonas Mueller\nbibliography: refs.bib\npeople: _data\n') });
    expect(folder.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(['people/not-found: people: "_data" is not a file (the path is relative to the profile)']);
  });

  it('a problem in the file fails the build, pointing into the file', async () => {
    const dir = site('name: Jonas Mueller\nbibliography: refs.bib\npeople: people.yml\n', { 'people.yml': '- name: Thomas Mueller\n  url: [https://a.org\n' });
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(r.outFile).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['people.yml:3 people/yaml-syntax']);
  });

  it('the file is an input of the build: changing it makes the page out of date, and the next build links the new url', async () => {
    const dir = site('name: Jonas Mueller\nbibliography: refs.bib\npeople: people.yml\n', { 'people.yml': '- { name: Thomas Mueller, url: "https://old.example.org/" }\n' });
    const opts = { cwd: dir, out: 'index.html', offline: true };
    expect((await build(opts)).inputs?.files).toContain(path.join(dir, 'people.yml'));
    expect(await upToDate(opts)).toBeDefined();
    writeFileSync(path.join(dir, 'people.yml'), '- { name: Thomas Mueller, url: "https://new.example.org/" }\n');
    expect(await upToDate(opts)).toBeUndefined();
    await build(opts);
    expect(links(readFileSync(path.join(dir, 'index.html'), 'utf8'))).toEqual(['Thomas Mueller → https://new.example.org/']);
  });
});
