import { afterEach, describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../src/index.js';
import { fakeScholar, scholarBehaviours as b, type FakeScholar } from '../fake-scholar.js';
import { BUDGET, SHORT, buildCited, citeSite as site, day, readCitationCache, writeCitationCache as writeCache } from './citation-site.js';

let oa: FakeScholar | undefined;
let s2: FakeScholar | undefined;
afterEach(async () => {
  await oa?.close();
  await s2?.close();
  oa = s2 = undefined;
});

const readCache = (dir: string) => readCitationCache(dir).works;
const run = (dir: string, opts: Partial<BuildOptions> = {}) => buildCited(dir, { oa, s2 }, opts);

describe('citation counts, against a real local OpenAlex and Semantic Scholar', () => {
  it('200: counts by DOI and by arXiv id from OpenAlex, with source and date; mailto in the polite pool; cached', async () => {
    oa = await fakeScholar('openalex', { 'doi:10.1234/abc.5': 1234, 'arxiv:2101.00001': 7 });
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({ a: 'doi = {https://doi.org/10.1234/ABC.5}', b: 'eprint = {2101.00001v2}, archiveprefix = {arXiv}', c: '', d: 'doi = {10.1234/abc.5}, citations = {false}' });
    const { badges, codes } = await run(dir);
    expect(codes).toEqual([]);
    const works = readCache(dir);
    expect(works['doi:10.1234/abc.5']).toMatchObject({ count: 1234, source: 'OpenAlex' });
    expect(badges).toEqual({ a: `1,234 | OpenAlex, ${day(works['doi:10.1234/abc.5'].fetchedAt)}`, b: `7 | OpenAlex, ${day(works['arxiv:2101.00001'].fetchedAt)}` });
    expect(oa.requests.sort()).toEqual(['/works/doi:10.1234/abc.5?mailto=jane%40example.org', '/works/doi:10.48550/arXiv.2101.00001?mailto=jane%40example.org']);
    expect(s2.requests).toEqual([]);
  });

  it('off by default: no switch in the profile, no request and no badge', async () => {
    oa = await fakeScholar('openalex', { 'doi:10.5555/x': 5 });
    s2 = await fakeScholar('semantic-scholar', { 'doi:10.5555/x': 5 });
    const { badges, codes, html } = await run(site({ a: 'doi = {10.5555/x}' }, ''));
    expect(codes).toEqual([]);
    expect(badges).toEqual({});
    expect(html).not.toContain('Cited by');
    expect(oa.requests).toEqual([]);
  });

  it('404 at OpenAlex: Semantic Scholar answers, and is named as the source', async () => {
    oa = await fakeScholar('openalex', {});
    s2 = await fakeScholar('semantic-scholar', { 'doi:10.5555/x': 42, 'arxiv:1706.03762': 9 });
    const { badges, codes } = await run(site({ a: 'doi = {10.5555/x}', b: 'arxiv = {1706.03762}' }));
    expect(codes).toEqual([]);
    expect(Object.values(badges).map((v) => v.replace(/\d{4}-\d\d-\d\d/, 'DATE')).sort()).toEqual(['42 | Semantic Scholar, DATE', '9 | Semantic Scholar, DATE']);
    expect(s2.requests.sort()).toEqual(['/graph/v1/paper/DOI:10.5555/x?fields=citationCount', '/graph/v1/paper/arXiv:1706.03762?fields=citationCount']);
  });

  it('404 at both: a warning naming both answers, no badge, the build succeeds', async () => {
    oa = await fakeScholar('openalex');
    s2 = await fakeScholar('semantic-scholar');
    const { r, badges, codes } = await run(site({ a: 'doi = {10.5555/gone}' }));
    expect(r.outFile).toBeDefined();
    expect(badges).toEqual({});
    expect(codes).toEqual(['citations/fetch-failed']);
    expect(r.diagnostics[0]).toMatchObject({ file: 'refs.bib', line: 1 });
    expect(r.diagnostics[0].message).toBe('citations of doi:10.5555/gone: OpenAlex: not found (HTTP 404); Semantic Scholar: not found (HTTP 404); no citations badge');
  });

  it('429 with Retry-After: stops asking that API, keeps the last known count, never "N/A"', async () => {
    const works = ['a', 'b', 'c', 'd', 'e', 'f'];
    const limited = Object.fromEntries(works.map((k) => [`doi:10.5555/${k}`, b.status(429, { 'retry-after': '60' })]));
    oa = await fakeScholar('openalex', {}, limited);
    s2 = await fakeScholar('semantic-scholar', {}, limited);
    const dir = site(Object.fromEntries(works.map((k) => [k, `doi = {10.5555/${k}}`])));
    writeCache(dir, { 'doi:10.5555/f': { count: 66, source: 'Semantic Scholar', fetchedAt: Date.UTC(2026, 11, 3) } });
    const { r, badges, codes, html } = await run(dir);
    expect(r.outFile).toBeDefined();
    expect(oa.requests.length).toBeLessThan(6);
    expect(s2.requests.length).toBeLessThan(6);
    expect(codes).toContain('citations/rate-limited');
    expect(r.diagnostics.find((d) => d.code === 'citations/rate-limited')?.message).toMatch(/OpenAlex: rate limited \(HTTP 429, retry after 60\)/);
    expect(badges).toEqual({ f: '66 | Semantic Scholar, 2026-12-03' });
    expect(html).not.toMatch(/N\/A/);
  });

  it('500 then 200: retried with backoff, the count arrives', async () => {
    oa = await fakeScholar('openalex', {}, { 'doi:10.5555/x': b.failThenOk('openalex', 3) });
    s2 = await fakeScholar('semantic-scholar');
    const { badges, codes } = await run(site({ a: 'doi = {10.5555/x}' }));
    expect(codes).toEqual([]);
    expect(badges.a).toMatch(/^3 \| OpenAlex, /);
    expect(oa.requests).toHaveLength(2);
    expect(s2.requests).toEqual([]);
  });

  it('a response slower than the timeout: the fallback is asked; both slow, a warning within the deadline', async () => {
    oa = await fakeScholar('openalex', {}, { 'doi:10.5555/x': b.slow('openalex', 3000, 5), 'doi:10.5555/y': b.slow('openalex', 3000, 5) });
    s2 = await fakeScholar('semantic-scholar', { 'doi:10.5555/x': 8 }, { 'doi:10.5555/y': b.slow('semantic-scholar', 3000, 5) });
    const { codes, elapsed, badges, messages } = await run(site({ a: 'doi = {10.5555/x}', c: 'doi = {10.5555/y}' }), SHORT);
    expect(badges.a).toMatch(/^8 \| Semantic Scholar, /);
    expect(badges.c).toBeUndefined();
    expect(codes).toEqual(['citations/fetch-failed']);
    expect(messages[0]).toMatch(/OpenAlex: timed out after 300 ms; Semantic Scholar: timed out/);
    expect(elapsed).toBeLessThan(BUDGET + 2500);
  });

  it('a black hole (accepted, never answered): the build still ends within the deadline', async () => {
    const hole = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`doi:10.5555/${i}`, b.blackHole()]));
    oa = await fakeScholar('openalex', {}, hole);
    s2 = await fakeScholar('semantic-scholar', {}, hole);
    const { r, elapsed } = await run(site(Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`k${i}`, `doi = {10.5555/${i}}`]))), { netTimeoutMs: 5000, netBudgetMs: BUDGET });
    expect(r.outFile).toBeDefined();
    expect(elapsed).toBeLessThan(BUDGET + 2500);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.code.startsWith('citations/'))).toBe(true);
  });

  it('malformed JSON, or a count that is not a non-negative integer: not shown', async () => {
    oa = await fakeScholar('openalex', {}, {
      'doi:10.5555/x': b.body('{"cited_by_count": 1'),
      'doi:10.5555/y': b.body('{"cited_by_count": -42.5}'),
      'doi:10.5555/z': b.body('{"cited_by_count": 1e308}'),
    });
    s2 = await fakeScholar('semantic-scholar');
    const { codes, messages, badges } = await run(site({ x: 'doi = {10.5555/x}', y: 'doi = {10.5555/y}', z: 'doi = {10.5555/z}' }));
    expect(badges).toEqual({});
    expect(codes).toEqual(['citations/fetch-failed', 'citations/fetch-failed', 'citations/fetch-failed']);
    expect(messages.join('\n')).toMatch(/OpenAlex: the response is not valid JSON/);
    expect(messages.filter((m) => /OpenAlex: the response's citation count is not a non-negative integer/.test(m))).toHaveLength(2);
  });

  it('TTL: a second build makes zero requests; past the TTL it asks again; --offline asks nothing', async () => {
    oa = await fakeScholar('openalex', { 'doi:10.5555/x': 10 });
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({ a: 'doi = {10.5555/x}' });
    await run(dir);
    expect(oa.requests).toHaveLength(1);
    const second = await run(dir, { force: true } as Partial<BuildOptions>);
    expect(oa.requests).toHaveLength(1);
    expect(second.badges.a).toMatch(/^10 \| OpenAlex/);
    await run(dir, { citationsTtlHours: 0 });
    expect(oa.requests).toHaveLength(2);
    const offline = await run(dir, { citationsTtlHours: 0, offline: true });
    expect(oa.requests).toHaveLength(2);
    expect(offline.badges.a).toMatch(/^10 \| OpenAlex/);
    const none = await run(site({ a: 'doi = {10.5555/x}' }), { offline: true });
    expect(oa.requests).toHaveLength(2);
    expect(none.badges).toEqual({});
  });

  it('a failed fetch keeps the last known count with its own source and date', async () => {
    oa = await fakeScholar('openalex', {}, { 'doi:10.5555/x': b.status(500) });
    s2 = await fakeScholar('semantic-scholar', {}, { 'doi:10.5555/x': b.status(503) });
    const dir = site({ a: 'doi = {10.5555/x}' });
    writeCache(dir, { 'doi:10.5555/x': { count: 123, source: 'OpenAlex', fetchedAt: Date.UTC(2026, 11, 3, 12) } });
    const { badges, codes, messages } = await run(dir, { citationsTtlHours: 0 });
    expect(badges).toEqual({ a: '123 | OpenAlex, 2026-12-03' });
    expect(codes).toEqual(['citations/fetch-failed']);
    expect(messages[0]).toMatch(/keeping the last known count \(123, OpenAlex\)/);
  });

  it.each([
    ['not JSON', '{"version":1,"works":'],
    ['a negative count', { 'doi:10.5555/x': { count: -5, source: 'OpenAlex', fetchedAt: 0 } }],
    ['a count past the safe integers', { 'doi:10.5555/x': { count: 1e308, source: 'OpenAlex', fetchedAt: 0 } }],
    ['an unknown source', { 'doi:10.5555/x': { count: 5, source: '<b>Scholar</b>', fetchedAt: 0 } }],
    ['a fetch time in the future', { 'doi:10.5555/x': { count: 5, source: 'OpenAlex', fetchedAt: 9e15 } }],
    ['a key that is not a work', { __proto__x: { count: 5, source: 'OpenAlex', fetchedAt: 0 } }],
  ])('a tampered cache (%s) is a warning and is rebuilt', async (_what, works) => {
    oa = await fakeScholar('openalex', { 'doi:10.5555/x': 3 });
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({ a: 'doi = {10.5555/x}' });
    writeCache(dir, works);
    const { codes, badges, html } = await run(dir);
    expect(codes).toEqual(['cache/corrupt']);
    expect(badges.a).toMatch(/^3 \| OpenAlex/);
    expect(html).not.toContain('<b>Scholar');
    expect(Object.keys(readCache(dir))).toEqual(['doi:10.5555/x']);
  });

  it('al-folio\'s altmetric, dimensions and google_scholar_id are reported as not shown', async () => {
    oa = await fakeScholar('openalex');
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({ a: 'altmetric = {true}, dimensions = {true}', b: 'google_scholar_id = {qyhmnyLat1gC}, altmetric = {123}' }, '');
    const { r } = await run(dir);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['info', 'citations/third-party-field', '`altmetric` (2 entries) is not shown: its badge needs a third-party script'],
      ['info', 'citations/third-party-field', '`dimensions` (1 entry) is not shown: its badge needs a third-party script'],
      ['info', 'citations/third-party-field', '`google_scholar_id` (1 entry) is not shown: its badge needs a third-party script'],
    ]);
  });
});
