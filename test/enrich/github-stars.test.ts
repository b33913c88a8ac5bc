import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/index.js';
import { behaviours, fakeGitHub, type FakeGitHub } from '../fake-github.js';

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A one-folder site whose entries point at the given repos. */
function site(repos: string[], extra = '') {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-stars-'));
  const entries = repos.map((r, i) => `@misc{e${i}, title = {Entry ${i}}, author = {Doe, Jane}, year = {2020}, repo = {${r}}${extra}}`);
  writeFileSync(path.join(dir, 'refs.bib'), entries.join('\n'));
  writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\n');
  return dir;
}

/**
 * Timeouts far from what a busy machine needs for an answer that comes at once; the tests of the
 * timeout and of the deadline set one of them short, and the other, and the server's delay, long,
 * so that only the one under test can end the wait (and the bound checked is generous).
 */
const LONG = 120_000;
async function run(dir: string, opts: Partial<BuildOptions> = {}) {
  const started = Date.now();
  const r = await build({ cwd: dir, out: 'index.html', githubApi: server!.url, netTimeoutMs: 10_000, netBudgetMs: 60_000, ...opts });
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  const badges = [...html.matchAll(/aria-label="Star [^":]+: ([^"]+) on GitHub, (\d+) stars"><svg[\s\S]*?<span class="stars-count">([^<]+)</g)].map((m) => `${m[1]} ${m[3]}`);
  return { r, html, badges, elapsed: Date.now() - started, codes: r.diagnostics.map((d) => d.code) };
}

describe('GitHub stars, against a real local server', () => {
  it('200: fetches the count, formats it 1.2k, links to the repo', async () => {
    server = await fakeGitHub({ 'ok/big': 1234, 'ok/small': 42 });
    const { badges, codes, html } = await run(site(['ok/big', 'https://github.com/ok/small']));
    expect(badges.sort()).toEqual(['ok/big 1.2k', 'ok/small 42']);
    expect(codes).toEqual([]);
    expect(html).toContain('href="https://github.com/ok/big"');
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/repos/ok/big', '/repos/ok/small']);
  });

  it('is fetched while thumbnails are encoded: the server answers only once an image is done', async () => {
    const dir = site(['slow/repo'], ', thumbnail = {t.png}');
    copyFileSync(path.join(import.meta.dirname, '../../data/example/thumbnails/pa-gan.png'), path.join(dir, 't.png'));
    const images = path.join(dir, '.scholar-cache/images');
    let imageFirst: boolean | undefined;
    server = await fakeGitHub({}, {
      'slow/repo': (_req, res) => {
        const asked = Date.now();
        const answer = () => {
          const done = existsSync(images) && readdirSync(images).some((f) => f.endsWith('.json'));
          if (!done && Date.now() - asked < 5000) return void setTimeout(answer, 10);
          imageFirst = done;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ full_name: 'slow/repo', stargazers_count: 7 }));
        };
        answer();
      },
    });
    const { badges, codes, html } = await run(dir, { netTimeoutMs: 10_000, netBudgetMs: 10_000 });
    expect(imageFirst).toBe(true); // one after the other, the image would wait for the answer
    expect(codes).toEqual([]);
    expect(badges).toEqual(['slow/repo 7']);
    expect(html).toMatch(/<img src="data:image\/avif;base64,/);
  });

  it('sends the token as a bearer token', async () => {
    server = await fakeGitHub({ 'ok/a': 1 });
    await run(site(['ok/a']), { githubToken: 't0ken' });
    expect(server.requests[0].authorization).toBe('Bearer t0ken');
  });

  it('404: a warning, no badge, the build succeeds', async () => {
    server = await fakeGitHub({});
    const { r, badges, codes } = await run(site(['gone/repo']));
    expect(r.outFile).toBeDefined();
    expect(badges).toEqual([]);
    expect(codes).toEqual(['stars/fetch-failed']);
    expect(r.diagnostics[0].message).toMatch(/not found \(HTTP 404\)/);
  });

  it('403 with rate-limit headers: stops asking, falls back to the cache', async () => {
    server = await fakeGitHub({}, {
      'a/one': behaviours.status(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' }),
      'a/two': behaviours.status(403, { 'x-ratelimit-remaining': '0' }),
      'a/three': behaviours.status(403, { 'x-ratelimit-remaining': '0' }),
      'a/four': behaviours.status(403, { 'x-ratelimit-remaining': '0' }),
      'a/five': behaviours.status(403, { 'x-ratelimit-remaining': '0' }),
      'a/six': behaviours.status(403, { 'x-ratelimit-remaining': '0' }),
    });
    const dir = site(['a/one', 'a/two', 'a/three', 'a/four', 'a/five', 'a/six']);
    const cacheDir = path.join(dir, '.scholar-cache');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, 'stars.json'), JSON.stringify({ version: 1, repos: { 'a/six': { count: 66, fetchedAt: 0 } } }));
    const { r, badges, codes } = await run(dir);
    expect(r.outFile).toBeDefined();
    expect(server.requests.length).toBeLessThan(6); // stopped asking
    expect(codes).toContain('stars/rate-limited');
    expect(r.diagnostics.find((d) => d.code === 'stars/rate-limited')?.message).toMatch(/rate limited \(HTTP 403/);
    expect(badges).toEqual(['a/six 66']); // the stale cached count survives
  });

  it('429 with retry-after: a rate-limit warning, no retry', async () => {
    server = await fakeGitHub({}, { 'b/x': behaviours.status(429, { 'retry-after': '60' }) });
    const { codes, r } = await run(site(['b/x']));
    expect(codes).toEqual(['stars/rate-limited']);
    expect(r.diagnostics[0].message).toMatch(/HTTP 429, retry after 60/);
    expect(server.requests).toHaveLength(1);
  });

  it('500 then 200: retried with backoff, the count arrives', async () => {
    server = await fakeGitHub({}, { 'c/x': behaviours.failThenOk(7) });
    const { badges, codes } = await run(site(['c/x']));
    expect(badges).toEqual(['c/x 7']);
    expect(codes).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('a response slower than the timeout: a warning, within the deadline', async () => {
    server = await fakeGitHub({}, { 'd/x': behaviours.slow(LONG, 5) });
    const { codes, elapsed, badges } = await run(site(['d/x']), { netTimeoutMs: 300, netBudgetMs: LONG });
    expect(codes).toEqual(['stars/fetch-failed']);
    expect(badges).toEqual([]);
    expect(elapsed).toBeLessThan(20_000); // the timeout (with its retries) ended it, not the server nor the deadline
  });

  it('a black hole (accepted, never answered): the build still ends within the deadline', async () => {
    server = await fakeGitHub({}, { 'e/1': behaviours.blackHole(), 'e/2': behaviours.blackHole(), 'e/3': behaviours.blackHole(), 'e/4': behaviours.blackHole(), 'e/5': behaviours.blackHole() });
    const { r, elapsed } = await run(site(['e/1', 'e/2', 'e/3', 'e/4', 'e/5']), { netTimeoutMs: LONG, netBudgetMs: 1500 });
    expect(r.outFile).toBeDefined();
    expect(elapsed).toBeLessThan(20_000); // the deadline ended it, not the timeout
    expect(r.diagnostics.every((d) => d.code.startsWith('stars/'))).toBe(true);
  });

  it('malformed JSON: a warning, no badge', async () => {
    server = await fakeGitHub({}, { 'f/x': behaviours.body('{"stargazers_count": 1') });
    const { codes, r } = await run(site(['f/x']));
    expect(codes).toEqual(['stars/fetch-failed']);
    expect(r.diagnostics[0].message).toMatch(/not valid JSON/);
  });

  it('--strict turns a failure into an error: nothing is written', async () => {
    server = await fakeGitHub({});
    const { r } = await run(site(['gone/repo']), { strict: true });
    expect(r.outFile).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'stars/fetch-failed' });
  });

  it('a second build within the TTL makes zero requests; --offline makes none at all', async () => {
    server = await fakeGitHub({ 'g/x': 10, 'g/y': 20 });
    const dir = site(['g/x', 'g/y']);
    await run(dir);
    expect(server.requests).toHaveLength(2);
    const second = await run(dir);
    expect(server.requests).toHaveLength(2);
    expect(second.badges.sort()).toEqual(['g/x 10', 'g/y 20']);
    expect(second.r.stats).toMatchObject({ reposFetched: 0, reposCached: 2 });
    const stale = await run(dir, { starsTtlHours: 0, offline: true });
    expect(server.requests).toHaveLength(2);
    expect(stale.badges.sort()).toEqual(['g/x 10', 'g/y 20']);
    const fresh = await run(site(['g/x']), { offline: true });
    expect(server.requests).toHaveLength(2);
    expect(fresh.badges).toEqual([]);
  });

  it('a count older than the TTL is asked again', async () => {
    server = await fakeGitHub({ 'h/x': 1 });
    const dir = site(['h/x']);
    await run(dir);
    await run(dir, { starsTtlHours: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('a corrupt cache file is a warning and is rebuilt', async () => {
    server = await fakeGitHub({ 'i/x': 3 });
    const dir = site(['i/x']);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, '.scholar-cache'));
    writeFileSync(path.join(dir, '.scholar-cache/stars.json'), '{"version":1,"repos":');
    const { codes, badges } = await run(dir);
    expect(codes).toEqual(['cache/corrupt']);
    expect(badges).toEqual(['i/x 3']);
    expect(JSON.parse(readFileSync(path.join(dir, '.scholar-cache/stars.json'), 'utf8')).repos['i/x'].count).toBe(3);
  });
});

describe('profile projects', () => {
  it('get stars too, through the same fetch and cache', async () => {
    server = await fakeGitHub({ 'proj/tool': 15300, 'ok/a': 1 });
    const dir = site(['ok/a']);
    writeFileSync(
      path.join(dir, 'profile.yaml'),
      'name: Jane Doe\nbibliography: refs.bib\nsections:\n  - title: Projects\n    projects:\n      - { title: The Tool, repo: proj/tool, description: "A **tool**." }\n      - { title: No Repo, url: "https://example.org" }\n',
    );
    const { r, html } = await run(dir);
    expect(r.diagnostics).toEqual([]);
    expect(html).toContain('<a href="https://github.com/proj/tool">The Tool</a> <a class="stars" href="https://github.com/proj/tool" aria-label="Star 15k: proj/tool on GitHub, 15300 stars">');
    expect(html).toContain('<span class="stars-count">15k</span>');
    expect(html).toContain('<a href="https://example.org">No Repo</a></p>');
    expect(server.requests.map((q) => q.path)).toContain('/repos/proj/tool');
  });

  it('a project repo that is not owner/name is an error at its line', async () => {
    server = await fakeGitHub({});
    const dir = site([]);
    writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={A}, author={Doe, Jane}, year=2020}');
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\nsections:\n  - title: Projects\n    projects:\n      - title: Bad\n        repo: "not a repo"\n');
    const { r } = await run(dir);
    expect(r.diagnostics).toMatchObject([{ code: 'profile/bad-repo', file: 'profile.yaml', line: 7, column: 15 }]);
  });
});
