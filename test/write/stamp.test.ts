/**
 * The build stamp: a build with nothing changed replays the last report and leaves the page alone;
 * any change to what the build read (or to the page, or to the options) builds again.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, upToDate, type BuildOptions } from '../../src/index.js';
import { fakeGitHub, type FakeGitHub } from '../fake-github.js';
import { writeStamp } from '../../src/write/stamp.js';

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function site(): { dir: string; opts: BuildOptions } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-stamp-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title = {One}, author = {Doe, Jane}, year = {2020}}\n@misc{b, title = {Two}, author = {Doe, Jane}, year = {2021}, note = {\\unknowncmd}}\n');
  writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\n');
  return { dir, opts: { cwd: dir, out: 'out/index.html', offline: true } };
}

async function builtSite() {
  const s = site();
  const first = await build(s.opts);
  expect(first.outFile).toBeDefined();
  return { ...s, first, page: path.join(s.dir, 'out/index.html') };
}

describe('a build with nothing changed', () => {
  it('is up to date: the same report, marked, and the page is not touched', async () => {
    const { opts, first, page } = await builtSite();
    const before = statSync(page).mtimeMs;
    const again = await upToDate(opts);
    expect(again?.upToDate).toBe(true);
    expect(again?.diagnostics).toEqual(first.diagnostics);
    expect(again?.diagnostics.map((d) => d.code)).toContain('bib/latex');
    expect(again?.entries).toBe(2);
    expect(statSync(page).mtimeMs).toBe(before);
  });

  it('replays the report, not the page: the build gives its bytes, the stamp holds no copy of them', async () => {
    const { dir, opts, first, page } = await builtSite();
    expect(Buffer.concat(first.page ?? [])).toEqual(readFileSync(page));
    const stamps = readdirSync(path.join(dir, '.scholar-cache/builds'));
    expect(stamps.length).toBeGreaterThan(0);
    // The stamps; the patch record (src/patch/) beside them keeps the page's hash, not its bytes.
    const stamp = stamps.filter((f) => !f.includes('.patch.')).map((f) => readFileSync(path.join(dir, '.scholar-cache/builds', f), 'utf8')).join('');
    expect(stamp).not.toContain('"page"');
    const all = stamps.map((f) => readFileSync(path.join(dir, '.scholar-cache/builds', f), 'utf8')).join('');
    expect(all).not.toContain('<html');
    expect((await upToDate(opts))?.page).toBeUndefined();
  });

  it('stays up to date when a file gets a new time but the same bytes (a fresh checkout)', async () => {
    const { dir, opts } = await builtSite();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'refs.bib'), later, later);
    expect((await upToDate(opts))?.upToDate).toBe(true);
  });
});

describe('the stamp is written for the page the build wrote', () => {
  it('not when another build replaced the page meanwhile (even with the same bytes); yes when it is still the file written', async () => {
    const { dir, opts, first, page } = await builtSite();
    const builds = path.join(dir, '.scholar-cache/builds');
    rmSync(builds, { recursive: true });
    const bytes = readFileSync(page);
    const was = statSync(page);
    const written = { ino: was.ino, size: was.size, mtimeMs: was.mtimeMs };
    const stamp = (w: typeof written) => writeStamp(opts, first, { files: new Set(), written: new Set(), folders: new Set() }, { startedAt: Date.now(), page: [bytes], written: w, validUntil: null });
    writeFileSync(`${page}.other`, bytes);
    renameSync(`${page}.other`, page); // another build's page, renamed over ours
    await stamp(written);
    expect(existsSync(builds) ? readdirSync(builds) : []).toEqual([]);
    const now = statSync(page);
    await stamp({ ino: now.ino, size: now.size, mtimeMs: now.mtimeMs });
    expect(readdirSync(builds)).toHaveLength(1);
    expect((await upToDate(opts))?.upToDate).toBe(true);
  });
});

describe('any change builds again', () => {
  it('an edited .bib', async () => {
    const { dir, opts } = await builtSite();
    writeFileSync(path.join(dir, 'refs.bib'), readFileSync(path.join(dir, 'refs.bib'), 'utf8').replace('One', 'Uno'));
    expect(await upToDate(opts)).toBeUndefined();
  });

  it('an edited profile, and a profile that appears where there was none', async () => {
    const { dir, opts } = await builtSite();
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Q. Doe\nbibliography: refs.bib\n');
    expect(await upToDate(opts)).toBeUndefined();

    const bare = mkdtempSync(path.join(tmpdir(), 'sp-stamp-bare-'));
    writeFileSync(path.join(bare, 'refs.bib'), '@misc{a, title = {One}, author = {Doe, Jane}, year = {2020}}\n');
    const o: BuildOptions = { cwd: bare, bib: 'refs.bib', out: 'index.html', offline: true };
    expect((await build(o)).diagnostics.map((d) => d.code)).toEqual(['profile/missing']);
    expect((await upToDate(o))?.upToDate).toBe(true);
    writeFileSync(path.join(bare, 'profile.yaml'), 'name: Jane Doe\n');
    expect(await upToDate(o)).toBeUndefined();
  });

  it('a thumbnail that changes, or appears after it was missing', async () => {
    const { dir, opts } = site();
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title = {One}, author = {Doe, Jane}, year = {2020}, preview = {a.png}}\n');
    expect((await build(opts)).diagnostics.map((d) => d.code)).toEqual(['bib/missing-thumbnail']);
    expect((await upToDate(opts))?.upToDate).toBe(true);
    cpSync(path.resolve(__dirname, '../../data/example/thumbnails/pa-gan.png'), path.join(dir, 'a.png'));
    expect(await upToDate(opts)).toBeUndefined();
    expect((await build(opts)).diagnostics).toEqual([]);
    expect((await upToDate(opts))?.upToDate).toBe(true);
    cpSync(path.resolve(__dirname, '../../data/example/thumbnails/attgan.jpg'), path.join(dir, 'a.png'));
    expect(await upToDate(opts)).toBeUndefined();
  });

  it('a new partial in a theme folder', async () => {
    const { dir, opts } = site();
    const theme = path.join(dir, 'mytheme');
    mkdirSync(path.join(theme, 'partials'), { recursive: true });
    writeFileSync(path.join(theme, 'theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    const o = { ...opts, theme: './mytheme' };
    expect((await build(o)).outFile).toBeDefined();
    expect((await upToDate(o))?.upToDate).toBe(true);
    writeFileSync(path.join(theme, 'partials', 'footer.hbs'), '<footer>mine</footer>');
    expect(await upToDate(o)).toBeUndefined();
  });

  it('a page edited or deleted by hand', async () => {
    const { opts, page } = await builtSite();
    writeFileSync(page, readFileSync(page, 'utf8').replace('One', 'Eins'));
    expect(await upToDate(opts)).toBeUndefined();
  });

  it('other options: another theme, another output, another SOURCE_DATE_EPOCH', async () => {
    const { opts } = await builtSite();
    expect(await upToDate({ ...opts, theme: 'minimal' })).toBeUndefined();
    expect(await upToDate({ ...opts, out: 'out/other.html' })).toBeUndefined();
    expect(await upToDate({ ...opts, epoch: 1_700_000_000 })).toBeUndefined();
    expect((await upToDate(opts))?.upToDate).toBe(true);
  });
});

describe('star counts', () => {
  const repoSite = () => {
    const s = site();
    writeFileSync(path.join(s.dir, 'refs.bib'), '@misc{a, title = {One}, author = {Doe, Jane}, year = {2020}, repo = {o/r}}\n');
    return s;
  };

  it('a stamp holds until the oldest count it used is due again', async () => {
    server = await fakeGitHub({ 'o/r': 7 });
    const { opts } = repoSite();
    const o: BuildOptions = { ...opts, offline: false, githubApi: server.url, starsTtlHours: 1 / 3600 }; // one second
    expect((await build(o)).stats?.reposFetched).toBe(1);
    expect((await upToDate(o))?.upToDate).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await upToDate(o)).toBeUndefined();
  });

  it('a build that could not fetch a count leaves no stamp: the next one tries again', async () => {
    server = await fakeGitHub({});
    const { opts } = repoSite();
    const o: BuildOptions = { ...opts, offline: false, githubApi: server.url };
    const r = await build(o);
    expect(r.outFile).toBeDefined();
    expect(r.stats?.reposFailed).toBe(1);
    expect(await upToDate(o)).toBeUndefined();
  });

  it('offline, a count missing from the cache stays missing: that build is stamped', async () => {
    const { opts } = repoSite();
    const r = await build(opts);
    expect(r.stats).toMatchObject({ reposFailed: 0, reposUnasked: 1 });
    expect((await upToDate(opts))?.upToDate).toBe(true);
  });
});
