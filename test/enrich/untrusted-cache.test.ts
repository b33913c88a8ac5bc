/**
 * The cache folder is input (issue 19): star counts in it or from the API are held to
 * non-negative integers, a tampered file is a warning and is rebuilt, a cached encode that is not
 * ours is made again, and a cache folder that cannot be written is a warning, never a crash.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { favicon } from '../../src/render/page-meta.js';
import { behaviours, fakeGitHub, type FakeGitHub } from '../fake-github.js';

const THUMBS = path.join(import.meta.dirname, '../../data/example/thumbnails');
let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function site(bib: string, profile = 'name: Jane Doe\nbibliography: refs.bib\n') {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-untrusted-'));
  writeFileSync(path.join(dir, 'refs.bib'), bib);
  writeFileSync(path.join(dir, 'profile.yaml'), profile);
  return dir;
}
const counts = (html: string) => [...html.matchAll(/<span class="stars-count">([^<]+)</g)].map((m) => m[1]);

describe('star counts', () => {
  it('from a tampered stars.json are a warning; the file is rebuilt and the counts asked again', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, repo={x/huge}}\n@misc{b, title={B}, author={Doe, Jane}, year=2020, repo={x/neg}}');
    mkdirSync(path.join(dir, '.scholar-cache'));
    const now = Date.now();
    const tampered = { version: 1, repos: { 'x/huge': { count: 1e308, fetchedAt: now }, 'x/neg': { count: -42.5, fetchedAt: now } } };
    writeFileSync(path.join(dir, '.scholar-cache/stars.json'), JSON.stringify(tampered));
    server = await fakeGitHub({ 'x/huge': 5, 'x/neg': 7 });
    const r = await build({ cwd: dir, out: 'index.html', githubApi: server.url });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning cache/corrupt']);
    expect(r.diagnostics[0].message).toMatch(/2 records are not a repository with a star count/);
    expect(counts(readFileSync(r.outFile!, 'utf8')).sort()).toEqual(['5', '7']);
    expect(JSON.parse(readFileSync(path.join(dir, '.scholar-cache/stars.json'), 'utf8')).repos).toMatchObject({ 'x/huge': { count: 5 }, 'x/neg': { count: 7 } });
  });

  it('from the API must be non-negative integers too', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, repo={x/huge}}\n@misc{b, title={B}, author={Doe, Jane}, year=2020, repo={x/neg}}');
    server = await fakeGitHub({}, { 'x/huge': behaviours.body('{"stargazers_count":1e308}'), 'x/neg': behaviours.body('{"stargazers_count":-42.5}') });
    const r = await build({ cwd: dir, out: 'index.html', githubApi: server.url });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "stars of x/huge: the response's stargazers_count is not a non-negative integer; no stars badge",
      "stars of x/neg: the response's stargazers_count is not a non-negative integer; no stars badge",
    ]);
    expect(counts(readFileSync(r.outFile!, 'utf8'))).toEqual([]);
  });

  it('a count fetched "in the future" is not taken as fresh forever', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, repo={x/y}}');
    mkdirSync(path.join(dir, '.scholar-cache'));
    writeFileSync(path.join(dir, '.scholar-cache/stars.json'), JSON.stringify({ version: 1, repos: { 'x/y': { count: 1, fetchedAt: 4e12 } } }));
    server = await fakeGitHub({ 'x/y': 2 });
    const r = await build({ cwd: dir, out: 'index.html', githubApi: server.url });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['cache/corrupt']);
    expect(counts(readFileSync(r.outFile!, 'utf8'))).toEqual(['2']);
  });
});

describe('cached images', () => {
  it('an edited encode (another type, markup, odd size) is made again, not put on the page', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, thumbnail={t.png}}');
    copyFileSync(path.join(THUMBS, 'pa-gan.png'), path.join(dir, 't.png'));
    const first = await build({ cwd: dir, out: 'index.html', offline: true });
    const page = readFileSync(first.outFile!, 'utf8');
    const images = path.join(dir, '.scholar-cache/images');
    const [file] = readdirSync(images);
    const good = JSON.parse(readFileSync(path.join(images, file), 'utf8'));
    for (const edit of [{ mime: 'image/svg+xml' }, { base64: 'PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" onerror="alert(1)' }, { width: 1e9 }, { height: -1 }]) {
      writeFileSync(path.join(images, file), JSON.stringify({ ...good, ...edit }));
      const r = await build({ cwd: dir, out: 'index.html', offline: true });
      expect(readFileSync(r.outFile!, 'utf8'), JSON.stringify(edit)).toBe(page);
      expect(JSON.parse(readFileSync(path.join(images, file), 'utf8'))).toEqual(good);
    }
  });
});

describe('cached animations', () => {
  it('an edited stack of frames (bad timing, markup, another type, too many frames) is made again, not put on the page', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, thumbnail={t.gif}}');
    // The example's GIF at a quarter of its size (100×56, 8 frames): each of the nine builds below
    // encodes it again, and its quality search would take ~7 s of CPU at full size.
    const small = await sharp(readFileSync(path.join(THUMBS, 'eigengan.gif')), { animated: true }).resize({ width: 100 }).gif().toBuffer();
    writeFileSync(path.join(dir, 't.gif'), small);
    const first = await build({ cwd: dir, out: 'index.html', offline: true });
    const page = readFileSync(first.outFile!, 'utf8');
    expect(page).toContain('<img src="data:image/svg+xml,');
    const images = path.join(dir, '.scholar-cache/images');
    const [file] = readdirSync(images);
    const good = JSON.parse(readFileSync(path.join(images, file), 'utf8'));
    expect(good.frames).toEqual({ delays: Array(8).fill(120), loop: 0 });
    for (const edit of [
      { frames: { delays: [120, '1}image{background:url(https://evil.example/x)'], loop: 0 } }, { frames: { delays: [120, 0], loop: 0 } }, { frames: { delays: [120], loop: 0 } },
      { frames: { delays: Array(33).fill(120), loop: 0 } }, { frames: { ...good.frames, loop: 'infinite' } }, { frames: 'yes' }, { mime: 'image/webp' }, { height: 2000 },
    ]) {
      writeFileSync(path.join(images, file), JSON.stringify({ ...good, ...edit }));
      const r = await build({ cwd: dir, out: 'index.html', offline: true });
      expect(readFileSync(r.outFile!, 'utf8'), JSON.stringify(edit)).toBe(page);
      expect(JSON.parse(readFileSync(path.join(images, file), 'utf8'))).toEqual(good);
    }
  });
});

describe('a cache folder that cannot be written', () => {
  it('(a file given as --cache-dir) is a warning: the build with a thumbnail still succeeds', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020, thumbnail={t.png}}');
    copyFileSync(path.join(THUMBS, 'pa-gan.png'), path.join(dir, 't.png'));
    writeFileSync(path.join(dir, 'not-a-folder'), 'x');
    const r = await build({ cwd: dir, out: 'index.html', offline: true, cacheDir: path.join(dir, 'not-a-folder') });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning cache/unwritable']);
    expect(readFileSync(r.outFile!, 'utf8')).toMatch(/<img src="data:image\/avif;base64,/);
  });
});

describe('names outside the Basic Multilingual Plane', () => {
  it('make a favicon of whole characters', () => {
    const text = (href: string) => /<text[^>]*>([^<]*)<\/text>/.exec(decodeURIComponent(href.slice(href.indexOf(',') + 1)))![1];
    expect(text(favicon('𠮷田 太郎'))).toBe('𠮷太');
    expect(text(favicon('😀 Smith'))).toBe('😀S');
    expect(text(favicon('Jane Doe'))).toBe('JD');
    expect(text(favicon(' '))).toBe('');
  });

  it('a profile name, or a .bib named 😀refs.bib with no profile, builds', async () => {
    const dir = site('@misc{a, title={A}, author={Doe, Jane}, year=2020}', 'name: 𠮷田 太郎\nbibliography: refs.bib\n');
    expect((await build({ cwd: dir, out: 'index.html', offline: true })).errors).toBe(0);
    const bare = mkdtempSync(path.join(tmpdir(), 'sp-emoji-'));
    writeFileSync(path.join(bare, '😀refs.bib'), '@misc{a, title={A}, author={Doe, Jane}, year=2020}');
    const r = await build({ bib: '😀refs.bib', cwd: bare, out: 'index.html', offline: true });
    expect(r.errors).toBe(0);
    expect(readFileSync(r.outFile!, 'utf8')).toContain(encodeURIComponent('😀'));
  });
});
