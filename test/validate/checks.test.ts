/**
 * Every diagnostic check, through the library API: a fixture where the problem is present (the
 * code appears, with its severity, line and column) and one where it is absent (it does not).
 * Each test writes its files into a fresh temp folder and validates with that folder as cwd.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validate, type Diagnostic, type Options } from '../../src/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/validate/', import.meta.url));
const PNG = readFileSync(path.join(FIXTURES, 'thumbnail.png'));
const NOT_AN_IMAGE = readFileSync(path.join(FIXTURES, 'not-an-image.png'));

const PROFILE = 'name: Ada Lovelace\nbibliography: refs.bib\n';
/** A valid @article by the profile's owner. Lines in `extra` start at line 6, column 3. */
const entry = (key = 'a', extra = '') =>
  `@article{${key},\n  title = {T},\n  author = {Lovelace, Ada},\n  journal = {J},\n  year = {2020},\n${extra}}\n`;

type Files = Record<string, string | Buffer | { symlink: string }>;
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(files: Files, opts: Omit<Options, 'cwd'> = { bib: 'refs.bib' }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-val-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) symlinkSync(content.symlink, file);
    else writeFileSync(file, content);
  }
  return { dir, ...(await validate({ cwd: dir, ...opts })) };
}

/** A .bib (plus other files) beside the minimal profile. */
const checkBib = async (bib: string | Buffer, more: Files = {}) => (await run({ 'refs.bib': bib, 'profile.yaml': PROFILE, ...more })).diagnostics;
/** A profile beside a valid .bib. */
const checkProfile = async (yaml: string) => (await run({ 'refs.bib': entry(), 'profile.yaml': yaml })).diagnostics;
/** A user theme in ./mytheme, used with a valid .bib and profile. */
const checkTheme = (theme: Files, spec = './mytheme') =>
  run({ 'refs.bib': entry(), 'profile.yaml': PROFILE, ...Object.fromEntries(Object.entries(theme).map(([k, v]) => [`mytheme/${k}`, v])) }, { bib: 'refs.bib', theme: spec });

const show = (diags: Diagnostic[]) => diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`).join('\n') || '(none)';
const codes = (diags: Diagnostic[]) => diags.map((d) => d.code);
const all = (diags: Diagnostic[], code: string) => diags.filter((d) => d.code === code);
function find(diags: Diagnostic[], code: string): Diagnostic {
  const d = diags.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} among:\n${show(diags)}`);
  return d;
}
/** Theme diagnostics currently carry absolute paths (see the it.fails below); compare relative to cwd. */
const relFile = (dir: string, d: Diagnostic) => path.relative(dir, path.resolve(dir, d.file));

describe('.bib checks', () => {
  it('bib/syntax: a missing "=" is an error where the value starts', async () => {
    const diags = await checkBib('@article{a,\n  title {T},\n  author = {Lovelace, Ada},\n  journal = {J},\n  year = {2020}\n}\n');
    expect(find(diags, 'bib/syntax')).toMatchObject({ severity: 'error', file: 'refs.bib', line: 2, column: 9 });
    expect(codes(await checkBib(entry()))).toEqual([]);
  });

  it('bib/syntax: two broken entries give two errors, and the entry after them still loads', async () => {
    const broken = '@article{a,\n  title {T},\n  author = {Lovelace, Ada},\n  journal = {J},\n  year = {2020}\n}\n\n'
      + '@article{b,\n  title = {T}\n  author = {Lovelace, Ada},\n  journal = {J},\n  year = {2020}\n}\n';
    const diags = await checkBib(broken + entry('c'));
    expect(all(diags, 'bib/syntax').map((d) => [d.severity, d.line, d.column])).toEqual([['error', 2, 9], ['error', 10, 3]]);
    expect(find(diags, 'bib/syntax').message).toMatch(/equals sign missing/);
  });

  it('bib/duplicate-key is a warning at the second entry, related at the first; --strict makes it an error', async () => {
    const differing = `${entry('a')}\n${entry('a', '  note = {other},\n')}`;
    const d = find(await checkBib(differing), 'bib/duplicate-key');
    expect(d).toMatchObject({ severity: 'warning', file: 'refs.bib', line: 8, column: 1 });
    expect(d.message).toMatch(/both entries are shown/);
    expect(d.related).toMatchObject({ file: 'refs.bib', line: 1, column: 1 });
    const strict = (await run({ 'refs.bib': differing, 'profile.yaml': PROFILE }, { bib: 'refs.bib', strict: true })).diagnostics;
    expect(find(strict, 'bib/duplicate-key')).toMatchObject({ severity: 'error', line: 8 });
    // Identical field for field: one entry, and a warning that says so.
    const same = find(await checkBib(`${entry('a')}\n${entry('a')}`), 'bib/duplicate-key');
    expect(same).toMatchObject({ severity: 'warning', line: 8, related: { line: 1 } });
    expect(same.message).toMatch(/shown once/);
    expect(codes(await checkBib(`${entry('a')}\n${entry('b')}`))).toEqual([]);
  });

  it('bib/missing-key is a warning at the entry (EndNote leaves keys out); --strict makes it an error', async () => {
    const keyless = `${entry('a')}\n@article{,\n  title = {T},\n  author = {Lovelace, Ada},\n  journal = {J},\n  year = {2020}\n}\n`;
    const diags = await checkBib(keyless);
    expect(find(diags, 'bib/missing-key')).toMatchObject({ severity: 'warning', line: 8, column: 1 });
    expect(find(diags, 'bib/missing-key').message).toBe('@article entry has no citation key; it is shown, but cannot be cited');
    const strict = (await run({ 'refs.bib': keyless, 'profile.yaml': PROFILE }, { bib: 'refs.bib', strict: true })).diagnostics;
    expect(find(strict, 'bib/missing-key')).toMatchObject({ severity: 'error', line: 8 });
  });

  it('bib/missing-field: @article without journal is a warning at the entry', async () => {
    const diags = await checkBib(`${entry('a')}\n@article{b,\n  title = {T},\n  author = {Lovelace, Ada},\n  year = {2020}\n}\n`);
    expect(find(diags, 'bib/missing-field')).toMatchObject({ severity: 'warning', line: 8, column: 1 });
    expect(find(diags, 'bib/missing-field').message).toContain('journal');
  });

  it('bib/bad-year is a warning at the year field', async () => {
    const diags = await checkBib(entry('a').replace('{2020}', '{in press}'));
    expect(find(diags, 'bib/bad-year')).toMatchObject({ severity: 'warning', line: 5, column: 3 });
  });

  it('bib/unknown-field suggests the field meant, at the field', async () => {
    const diags = await checkBib(entry('a', '  thumbnial = {x.png},\n  selceted = {true},\n'));
    const [thumb, sel] = all(diags, 'bib/unknown-field');
    expect(thumb).toMatchObject({ severity: 'warning', line: 6, column: 3 });
    expect(thumb.message).toContain('did you mean "thumbnail"');
    expect(sel).toMatchObject({ severity: 'warning', line: 7, column: 3 });
    expect(sel.message).toContain('did you mean "selected"');
    // known fields, and a custom field that resembles nothing, pass silently
    expect(codes(await checkBib(entry('a', '  selected = {true},\n  mynotes = {x},\n')))).toEqual([]);
    // Real sites' own fields that are other words, not typos: "preprint" is no "eprint", "openreview" no "preview".
    expect(codes(await checkBib(entry('a', '  preprint = {https://arxiv.org/abs/1},\n  openreview = {https://openreview.net/x},\n  pdfs = {a.pdf},\n')))).toEqual(['bib/unknown-field']);
  });

  it('bib/latex: an unknown command is said once per entry, at the first field that holds it', async () => {
    // A real al-folio site: \R and \HB each said 4 times, all at the entry's first line.
    const diags = await checkBib(entry('a', '  abstract = {In $\\R^n$ with \\HB and $\\R$, see \\HBx.},\n  note = {\\HB again},\n').replace('title = {T}', 'title = {On $\\R$ and \\HB}'));
    expect(all(diags, 'bib/latex').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '2:3 entry "a": unknown LaTeX command \\HB',
      '2:3 entry "a": unknown LaTeX command \\R',
      '6:3 entry "a": unknown LaTeX command \\HBx',
    ]);
  });

  it('bib/undefined-string is a warning at the field that uses the macro', async () => {
    const diags = await checkBib(entry('a').replace('{J}', 'jnl'));
    expect(find(diags, 'bib/undefined-string')).toMatchObject({ severity: 'warning', line: 4, column: 3 });
    expect(codes(await checkBib(`@string{jnl = {Journal}}\n${entry('a').replace('{J}', 'jnl')}`))).toEqual([]);
  });

  it('bib/unresolved-crossref is a warning at the crossref field', async () => {
    const diags = await checkBib(entry('a', '  crossref = {nosuch},\n'));
    expect(find(diags, 'bib/unresolved-crossref')).toMatchObject({ severity: 'warning', line: 6, column: 3 });
    const resolved = '@inproceedings{b,\n  title = {U},\n  author = {Lovelace, Ada},\n  crossref = {proc}\n}\n\n@proceedings{proc,\n  title = {Proc},\n  year = {2020}\n}\n';
    expect(codes(await checkBib(resolved))).toEqual([]);
  });

  it('bib/latex: an unknown macro is a warning at its field', async () => {
    const diags = await checkBib(`${entry('a')}\n${entry('b').replace('{T}', '{A \\foo{x} B}')}`);
    expect(find(diags, 'bib/latex')).toMatchObject({ severity: 'warning', line: 9, column: 3 });
    expect(find(diags, 'bib/latex').message).toContain('\\foo');
    expect(codes(await checkBib(entry('a').replace('{T}', '{A \\emph{x} B}')))).toEqual([]);
  });

  it('bib/bad-link: javascript: is a warning; https, mailto and relative paths pass', async () => {
    const diags = await checkBib(entry('a', '  pdf = {javascript:alert(1)},\n'));
    expect(find(diags, 'bib/bad-link')).toMatchObject({ severity: 'warning', line: 6, column: 3 });
    const good = '  pdf = {https://example.org/a.pdf},\n  code = {mailto:ada@example.org},\n  slides = {papers/a.pdf},\n';
    expect(codes(await checkBib(entry('a', good), { 'papers/a.pdf': '%PDF-1.4' }))).toEqual([]);
  });

  it('bib/bad-link checks what the page links: two addresses in pdf are refused (a warning), in url two links; one with spaces is one link', async () => {
    const two = await checkBib(entry('a', '  pdf = {https://a.org/x.pdf https://b.org/y.pdf},\n'));
    expect(find(two, 'bib/bad-link')).toMatchObject({ severity: 'warning', line: 6, column: 3 });
    expect(find(two, 'bib/bad-link').message).toMatch(/^field "pdf" of entry "a": link contains spaces or quotes; the link is left off the page$/);
    expect(codes(await checkBib(entry('a', '  url = {https://a.org/x https://b.org/y},\n  pdf = {https://a.org/My Paper.pdf},\n')))).toEqual([]);
  });

  it('link/missing-file: a relative link to a file that is not there is a warning at the field', async () => {
    const diags = await checkBib(entry('a', '  slides = {papers/a.pdf},\n'));
    expect(find(diags, 'link/missing-file')).toMatchObject({ severity: 'warning', line: 6, column: 3 });
  });

  it('bib/bad-repo: not owner/name is an error; owner/name and a GitHub URL pass', async () => {
    const diags = await checkBib(entry('a', '  repo = {not a repo},\n'));
    expect(find(diags, 'bib/bad-repo')).toMatchObject({ severity: 'error', line: 6, column: 3 });
    const good = `${entry('a', '  repo = {owner/name},\n')}\n${entry('b', '  repo = {https://github.com/owner/name},\n')}`;
    expect(codes(await checkBib(good))).toEqual([]);
  });

  it('bib/missing-thumbnail: an error for thumbnail, a warning for al-folio preview', async () => {
    const diags = await checkBib(`${entry('a', '  thumbnail = {thumbs/nope.png},\n')}\n${entry('b', '  preview = {nope.png},\n')}`);
    expect(all(diags, 'bib/missing-thumbnail').map((d) => [d.severity, d.line, d.column])).toEqual([['error', 6, 3], ['warning', 14, 3]]);
    expect(codes(await checkBib(entry('a', '  thumbnail = {thumbs/a.png},\n'), { 'thumbs/a.png': PNG }))).toEqual([]);
  });

  it('image/invalid: a text file named .png', async () => {
    const diags = await checkBib(entry('a', '  thumbnail = {x.png},\n'), { 'x.png': NOT_AN_IMAGE });
    expect(find(diags, 'image/invalid')).toMatchObject({ severity: 'error', line: 6, column: 3 });
  });

  it('path/outside-root: .., absolute, Windows and a symlink pointing out', async () => {
    const thumb = (p: string) => entry('a', `  thumbnail = {${p}},\n`);
    for (const p of ['../../etc/passwd', '/etc/passwd', 'C:\\x.png']) {
      expect(find(await checkBib(thumb(p)), 'path/outside-root'), p).toMatchObject({ severity: 'error', line: 6, column: 3 });
    }
    const out = await checkBib(thumb('link.png'), { 'link.png': { symlink: path.join(FIXTURES, 'thumbnail.png') } });
    expect(find(out, 'path/outside-root')).toMatchObject({ severity: 'error', line: 6, column: 3 });
    expect(find(out, 'path/outside-root').message).toContain('link');
    // a symlink that stays inside the folder is fine
    expect(codes(await checkBib(thumb('link.png'), { 'a.png': PNG, 'link.png': { symlink: 'a.png' } }))).toEqual([]);
  });

  it('io/invalid-utf8 is reported at the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('@article{a,\n  title = {Caf'), Buffer.from([0xe9]), Buffer.from(' au lait},\n}\n')]);
    const diags = await checkBib(bytes);
    expect(find(diags, 'io/invalid-utf8')).toMatchObject({ severity: 'error', file: 'refs.bib', line: 2, column: 15 });
    expect(codes(await checkBib(entry('a').replace('{T}', '{Café au lait}')))).toEqual([]);
  });

  it('a BOM, CRLF line endings and Jekyll front matter are no error, and lines stay true', async () => {
    const text = `\uFEFF---\n---\n${entry('a').replace('{2020}', '{in press}')}`.replace(/\n/g, '\r\n');
    const { diagnostics, errors } = await run({ 'refs.bib': text, 'profile.yaml': `\uFEFF${PROFILE.replace(/\n/g, '\r\n')}` });
    expect(errors).toBe(0);
    expect(codes(diagnostics)).toEqual(['bib/bad-year']);
    expect(diagnostics[0]).toMatchObject({ line: 7, column: 3 });
  });
});

describe('profile checks', () => {
  it('profile/yaml-syntax: bad indentation', async () => {
    const diags = await checkProfile(`${PROFILE}links:\n  - label: x\n   url: https://a.b\n`);
    expect(find(diags, 'profile/yaml-syntax')).toMatchObject({ severity: 'error', file: 'profile.yaml', line: 5, column: 1 });
    expect(codes(await checkProfile(`${PROFILE}links:\n  - label: x\n    url: https://a.b\n`))).toEqual([]);
  });

  it('profile/duplicate-key is an error at the second key', async () => {
    expect(find(await checkProfile(`${PROFILE}name: Ada\n`), 'profile/duplicate-key')).toMatchObject({ severity: 'error', line: 3, column: 1 });
  });

  it('profile/alias-limit: a billion-laughs document is refused', async () => {
    const levels = 'abcdefghi'.split('');
    const yaml = levels.map((k, i) => `${k}: &${k} [${Array(9).fill(i ? `*${levels[i - 1]}` : '"lol"').join(', ')}]`).join('\n');
    const diags = await checkProfile(`${PROFILE}${yaml}\n`);
    expect(find(diags, 'profile/alias-limit')).toMatchObject({ severity: 'error', file: 'profile.yaml' });
  });

  it('profile/unknown-key at the key, with did-you-mean', async () => {
    const top = find(await checkProfile(`${PROFILE}nmae: x\n`), 'profile/unknown-key');
    expect(top).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(top.message).toContain('did you mean "name"');
    const link = find(await checkProfile(`${PROFILE}links: [{label: x, url: https://a.b, icn: github}]\n`), 'profile/unknown-key');
    expect(link).toMatchObject({ severity: 'error', line: 3, column: 38 });
    const sel = find(await checkProfile(`${PROFILE}sections: [{title: T, publications: {selectd: true}}]\n`), 'profile/unknown-key');
    expect(sel).toMatchObject({ severity: 'error', line: 3, column: 38 });
  });

  // BUG: knownKeys() in src/load/profile.ts finds no keys under an array: zod 4's ZodArray has
  // unwrap() (it returns the element), so unwrap() walks past the array and step(…, 0) then reads
  // `.element` of an object. Nested unknown keys get no suggestion and no "Known keys" hint.
  it('profile/unknown-key suggests nested keys too (icn → icon, selectd → selected)', async () => {
    const link = find(await checkProfile(`${PROFILE}links: [{label: x, url: https://a.b, icn: github}]\n`), 'profile/unknown-key');
    expect(link.message).toContain('did you mean "icon"');
    const sel = find(await checkProfile(`${PROFILE}sections: [{title: T, publications: {selectd: true}}]\n`), 'profile/unknown-key');
    expect(sel.message).toContain('did you mean "selected"');
  });

  it('profile/schema points at the offending value', async () => {
    expect(find(await checkProfile(`${PROFILE}max_authors: many\n`), 'profile/schema')).toMatchObject({ severity: 'error', line: 3, column: 14 });
    expect(codes(await checkProfile(`${PROFILE}max_authors: 5\n`))).toEqual([]);
  });

  it('profile/bad-link: http: and javascript: are errors at the url; https and mailto pass', async () => {
    const diags = await checkProfile(`${PROFILE}links:\n  - {label: Blog, url: "http://a.b"}\n  - {label: X, url: "javascript:alert(1)"}\n`);
    expect(all(diags, 'profile/bad-link').map((d) => [d.severity, d.line, d.column])).toEqual([['error', 4, 24], ['error', 5, 21]]);
    expect(codes(await checkProfile(`${PROFILE}links:\n  - {label: Y, url: "https://a.b"}\n  - {label: Z, url: "mailto:a@b.c"}\n`))).toEqual([]);
  });

  it('a relative profile link is a file of the site: fine when there, a warning when missing, an error out of the site', async () => {
    const links = `${PROFILE}links:\n  - {label: CV, url: "docs/cv.pdf"}\n  - {label: Up, url: "../up.pdf"}\n`;
    const { diagnostics } = await run({ 'refs.bib': entry(), 'profile.yaml': links });
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['link/missing-file', 'warning', 4, 22], ['path/outside-root', 'error', 5, 22],
    ]);
    const there = await run({ 'refs.bib': entry(), 'profile.yaml': `${PROFILE}links:\n  - {label: CV, url: "docs/cv.pdf"}\n`, 'docs/cv.pdf': '%PDF-1.4' });
    expect(codes(there.diagnostics)).toEqual([]);
  });

  it('profile/unknown-entry at the key in the section', async () => {
    const diags = await checkProfile(`${PROFILE}sections:\n  - title: S\n    publications: {keys: [a, nosuch]}\n`);
    expect(find(diags, 'profile/unknown-entry')).toMatchObject({ severity: 'error', line: 5, column: 30 });
    expect(codes(await checkProfile(`${PROFILE}sections:\n  - title: S\n    publications: {keys: [a]}\n`))).toEqual([]);
  });

  it('profile/owner-not-found is a warning; owner: names that match pass', async () => {
    const diags = await checkProfile('name: Grace Hopper\nbibliography: refs.bib\n');
    expect(find(diags, 'profile/owner-not-found')).toMatchObject({ severity: 'warning', line: 1, column: 7 });
    expect(codes(await checkProfile('name: Countess\nowner: [A. Lovelace]\nbibliography: refs.bib\n'))).toEqual([]);
  });

  it('profile/not-found: an explicit profile path that does not exist', async () => {
    const { diagnostics } = await run({ 'refs.bib': entry(), 'profile.yaml': PROFILE }, { bib: 'refs.bib', profile: 'nope.yaml' });
    expect(find(diagnostics, 'profile/not-found')).toMatchObject({ severity: 'error', file: 'nope.yaml', line: 0, column: 0 });
    const ok = await run({ 'refs.bib': entry(), 'site.yaml': PROFILE }, { bib: 'refs.bib', profile: 'site.yaml' });
    expect(codes(ok.diagnostics)).toEqual([]);
  });

  it('profile/missing is a warning only', async () => {
    const { diagnostics, errors, warnings } = await run({ 'refs.bib': entry() });
    expect(find(diagnostics, 'profile/missing')).toMatchObject({ severity: 'warning', file: 'profile.yaml' });
    expect([errors, warnings]).toEqual([0, 1]);
  });

  it('the profile names the bibliography when no .bib is given', async () => {
    expect(codes((await run({ 'refs.bib': entry(), 'profile.yaml': PROFILE }, {})).diagnostics)).toEqual([]);
    const none = await run({ 'refs.bib': entry(), 'profile.yaml': 'name: Ada Lovelace\n' }, {});
    expect(find(none.diagnostics, 'cli/no-bibliography')).toMatchObject({ severity: 'error', file: 'profile.yaml' });
  });
});

describe('theme checks', () => {
  const manifest = '{"name":"mine"}';

  it('theme/not-found: a folder without theme.json, or an unknown built-in name', async () => {
    const r = await checkTheme({ 'page.hbs': '<html></html>' });
    const d = find(r.diagnostics, 'theme/not-found');
    expect(d).toMatchObject({ severity: 'error', line: 0 });
    expect(relFile(r.dir, d)).toBe(path.join('mytheme', 'theme.json'));
    expect(find((await checkTheme({}, 'nosuch')).diagnostics, 'theme/not-found').severity).toBe('error');
  });

  it('theme/bad-manifest: theme.json that is not JSON', async () => {
    const r = await checkTheme({ 'theme.json': '{name: mine', 'page.hbs': '<html></html>' });
    const d = find(r.diagnostics, 'theme/bad-manifest');
    expect(d).toMatchObject({ severity: 'error' });
    expect(relFile(r.dir, d)).toBe(path.join('mytheme', 'theme.json'));
  });

  it('theme/missing-template: no page.hbs and no extends', async () => {
    const r = await checkTheme({ 'theme.json': manifest });
    const d = find(r.diagnostics, 'theme/missing-template');
    expect(d).toMatchObject({ severity: 'error' });
    expect(relFile(r.dir, d)).toBe(path.join('mytheme', 'page.hbs'));
  });

  it('theme/compile: a parse error at its line', async () => {
    const r = await checkTheme({ 'theme.json': manifest, 'page.hbs': '<html>\n<body>\n<p>{{title</p>\n</body>\n</html>\n' });
    const d = find(r.diagnostics, 'theme/compile');
    expect(d).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(relFile(r.dir, d)).toBe(path.join('mytheme', 'page.hbs'));
  });

  it('theme/compile: an {{#if}} never closed (Handlebars reports the end of the template)', async () => {
    const r = await checkTheme({ 'theme.json': manifest, 'page.hbs': '<html>\n<body>\n{{#if x}}\n<p>hi</p>\n</body>\n</html>\n' });
    expect(find(r.diagnostics, 'theme/compile')).toMatchObject({ severity: 'error', line: 6, column: 1 });
  });

  // BUG: src/render/theme.ts reads the line only from "Parse error on line N"; Handlebars' compiler
  // errors (unknown helper with knownHelpersOnly, "if doesn't match each") end in " - 3:4" instead
  // and carry err.lineNumber, so they are reported at line 0.
  it('theme/compile: an unknown helper is reported at its line', async () => {
    const r = await checkTheme({ 'theme.json': manifest, 'page.hbs': '<html>\n<body>\n<h1>{{shout title}}</h1>\n</body>\n</html>\n' });
    expect(find(r.diagnostics, 'theme/compile')).toMatchObject({ severity: 'error', line: 3 });
  });

  it('theme/unsafe-triple-stash at its line and column; …Html and css pass', async () => {
    const r = await checkTheme({ 'theme.json': manifest, 'page.hbs': '<html>\n  <h1>{{{profile.name}}}</h1>\n</html>\n' });
    expect(find(r.diagnostics, 'theme/unsafe-triple-stash')).toMatchObject({ severity: 'error', line: 2, column: 7 });
    const ok = await checkTheme({ 'theme.json': manifest, 'page.hbs': '<style>{{{css}}}</style>\n<h1>{{{profile.bioHtml}}}</h1>\n' });
    expect(codes(ok.diagnostics)).toEqual([]);
  });

  it('a user theme that extends default and overrides a partial has no diagnostics', async () => {
    const r = await checkTheme({ 'theme.json': '{"name":"mine","extends":"default"}', 'partials/publication.hbs': '<li>{{{titleHtml}}} ({{year}})</li>\n' });
    expect(codes(r.diagnostics)).toEqual([]);
  });

  // BUG: loadTheme reports absolute paths (path.join(dir, …)) where every other check uses
  // display(cwd, …); `--format github` annotations then name /tmp/…/mytheme/theme.json.
  it('theme diagnostics name the file relative to cwd, like every other diagnostic', async () => {
    const r = await checkTheme({ 'theme.json': '{name: mine' });
    expect(find(r.diagnostics, 'theme/bad-manifest').file).toBe(path.join('mytheme', 'theme.json'));
  });
});

describe('the example', () => {
  it('validates with no errors and no warnings', async () => {
    const r = await validate({ cwd: fileURLToPath(new URL('../../data/example/', import.meta.url)) });
    expect(show(r.diagnostics)).toBe('(none)');
    expect([r.errors, r.warnings]).toEqual([0, 0]);
  });
});
