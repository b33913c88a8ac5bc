import { afterEach, describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../src/index.js';
import { fakeScholar, inspireHits, scholarBehaviours as b, type FakeScholar } from '../fake-scholar.js';
import { BUDGET, SHORT, buildCited, citeSite as site, day, readCitationCache, writeCitationCache as writeCache } from './citation-site.js';

let oa: FakeScholar | undefined;
let s2: FakeScholar | undefined;
let hep: FakeScholar | undefined;
afterEach(async () => {
  for (const s of [oa, s2, hep]) await s?.close();
  oa = s2 = hep = undefined;
});

async function apis(inspire: Record<string, number> = {}, behave: Parameters<typeof fakeScholar>[2] = {}, openalex: Record<string, number> = {}) {
  hep = await fakeScholar('inspire', inspire, behave);
  oa = await fakeScholar('openalex', openalex);
  s2 = await fakeScholar('semantic-scholar');
}
const run = (dir: string, opts: Partial<BuildOptions> = {}) => buildCited(dir, { oa, s2, inspire: hep }, opts);
const works = (dir: string) => readCitationCache(dir).works;
const INSPIRE_FIRST = 'citations:\n  source: inspire\n';
const q = (query: string) => `/literature?fields=citation_count&size=2&q=${encodeURIComponent(query)}`;

describe('citation counts from INSPIRE-HEP, against a real local INSPIRE', () => {
  it('200 by inspirehep_id (a number or the record\'s URL): asked first, named as the source, cached under the record', async () => {
    await apis({ 'inspire:3255': 812, 'inspire:451647': 20000 }, {}, { 'doi:10.5555/x': 5 });
    const dir = site({ a: 'inspirehep_id = {3255}, doi = {10.5555/x}', b: 'inspirehep_id = {https://inspirehep.net/literature/451647}', c: 'doi = {10.5555/x}' });
    const { badges, codes } = await run(dir);
    expect(codes).toEqual([]);
    const w = works(dir);
    expect(w['inspire:3255']).toMatchObject({ count: 812, source: 'INSPIRE-HEP' });
    expect(badges).toEqual({
      a: `812 | INSPIRE-HEP, ${day(w['inspire:3255'].fetchedAt)}`,
      b: `20,000 | INSPIRE-HEP, ${day(w['inspire:451647'].fetchedAt)}`,
      c: `5 | OpenAlex, ${day(w['doi:10.5555/x'].fetchedAt)}`, // no inspirehep_id, `citations: openalex`: OpenAlex
    });
    expect(hep!.requests.sort()).toEqual([q('recid:3255'), q('recid:451647')]);
    expect(oa!.requests).toEqual(['/works/doi:10.5555/x?mailto=jane%40example.org']);
  });

  it('`source: inspire`: INSPIRE-HEP first by DOI and arXiv id (quoted), OpenAlex for what it does not know', async () => {
    await apis({ 'doi:10.1103/physrevlett.19.1264': 9000, 'arxiv:hep-th/9711200': 21000 }, {}, { 'doi:10.5555/bio': 14 });
    const dir = site({ a: 'doi = {10.1103/PhysRevLett.19.1264}', b: 'eprint = {hep-th/9711200}, archiveprefix = {arXiv}', c: 'doi = {10.5555/bio}' }, INSPIRE_FIRST);
    const { badges, codes } = await run(dir);
    expect(codes).toEqual([]);
    expect(Object.fromEntries(Object.entries(badges).map(([k, v]) => [k, v.replace(/\d{4}-\d\d-\d\d/, 'DATE')]))).toEqual({
      a: '9,000 | INSPIRE-HEP, DATE', b: '21,000 | INSPIRE-HEP, DATE', c: '14 | OpenAlex, DATE',
    });
    expect(hep!.requests.sort()).toEqual([q('arxiv:"hep-th/9711200"'), q('doi:"10.1103/physrevlett.19.1264"'), q('doi:"10.5555/bio"')].sort());
    expect(oa!.requests).toEqual(['/works/doi:10.5555/bio']); // no email in this profile: no mailto
  });

  it('no record, two records, or 404: not a count; OpenAlex then answers, or a warning names each answer', async () => {
    const two = b.body(inspireHits([3, 4]));
    await apis({}, { 'inspire:7': two, 'inspire:8': b.status(404) }, { 'doi:10.5555/y': 2 });
    const dir = site({ none: 'inspirehep_id = {6}', two: 'inspirehep_id = {7}', gone: 'inspirehep_id = {8}, doi = {10.5555/y}' });
    const { badges, codes, messages, r } = await run(dir);
    expect(Object.keys(badges)).toEqual(['gone']);
    expect(badges.gone).toMatch(/^2 \| OpenAlex, /);
    expect(codes).toEqual(['citations/fetch-failed', 'citations/fetch-failed']);
    expect(messages.sort()).toEqual([
      'citations of inspire:6: INSPIRE-HEP: not found (no record matches); no citations badge',
      'citations of inspire:7: INSPIRE-HEP: 2 records match; no citations badge',
    ]);
    expect(r.diagnostics.map((d) => d.line).sort()).toEqual([1, 2]);
  });

  it('429 with Retry-After: INSPIRE-HEP is not asked again, OpenAlex still is, the last known count is kept', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const limited = Object.fromEntries(keys.map((k, i) => [`inspire:${i + 1}`, b.status(429, { 'retry-after': '5' })]));
    await apis({}, limited, { 'doi:10.5555/a': 11 });
    const dir = site(Object.fromEntries(keys.map((k, i) => [k, `inspirehep_id = {${i + 1}}${k === 'a' ? ', doi = {10.5555/a}' : ''}`])));
    writeCache(dir, { 'inspire:6': { count: 66, source: 'INSPIRE-HEP', fetchedAt: Date.UTC(2026, 11, 3) } });
    const { r, badges, codes, html } = await run(dir);
    expect(r.outFile).toBeDefined();
    expect(hep!.requests.length).toBeLessThan(6);
    expect(codes).toContain('citations/rate-limited');
    expect(r.diagnostics.find((d) => d.code === 'citations/rate-limited')?.message).toMatch(/INSPIRE-HEP: rate limited \(HTTP 429, retry after 5\)/);
    expect(badges.f).toBe('66 | INSPIRE-HEP, 2026-12-03');
    expect(html).not.toMatch(/N\/A/);
    // Entry a is asked at OpenAlex by its DOI, whether INSPIRE-HEP was asked or had stopped.
    expect(badges.a).toMatch(/^11 \| OpenAlex, /);
  });

  it('15 requests in 5 s, as INSPIRE-HEP allows: its requests start at least 350 ms apart, though 4 may run at once', async () => {
    await apis({ 'inspire:1': 1, 'inspire:2': 2, 'inspire:3': 3, 'inspire:4': 4 });
    const { badges, elapsed } = await run(site({ a: 'inspirehep_id = {1}', b: 'inspirehep_id = {2}', c: 'inspirehep_id = {3}', d: 'inspirehep_id = {4}' }));
    expect(Object.keys(badges)).toHaveLength(4);
    expect(hep!.requests).toHaveLength(4);
    // The fourth request cannot start before 3 × 350 ms (arrival times at the server jitter both
    // ways on a busy machine; this lower bound does not). Unpaced, four local answers take far less.
    expect(elapsed).toBeGreaterThanOrEqual(3 * 350);
  });

  it('500 then 200: retried with backoff, the count arrives', async () => {
    await apis({}, { 'inspire:5': b.failThenOk('inspire', 31) });
    const { badges, codes } = await run(site({ a: 'inspirehep_id = {5}' }));
    expect(codes).toEqual([]);
    expect(badges.a).toMatch(/^31 \| INSPIRE-HEP, /);
    expect(hep!.requests).toHaveLength(2);
  });

  it('slower than the timeout: OpenAlex is asked; a black hole still ends within the deadline', async () => {
    await apis({}, { 'inspire:1': b.slow('inspire', 3000, 5), 'inspire:2': b.blackHole(), 'inspire:3': b.blackHole() }, { 'doi:10.5555/x': 8 });
    const dir = site({ a: 'inspirehep_id = {1}, doi = {10.5555/x}', c: 'inspirehep_id = {2}', d: 'inspirehep_id = {3}' });
    const { badges, codes, messages, elapsed, r } = await run(dir, SHORT);
    expect(r.outFile).toBeDefined();
    expect(badges).toEqual({ a: expect.stringMatching(/^8 \| OpenAlex, /) });
    expect(codes.every((c) => c === 'citations/fetch-failed' || c === 'citations/not-asked')).toBe(true);
    expect(messages.join('\n')).toMatch(/INSPIRE-HEP: timed out after 300 ms/);
    expect(elapsed).toBeLessThan(BUDGET + 2500);
  });

  it('malformed JSON, no hits list, a count that is not a non-negative integer: not shown', async () => {
    await apis({}, {
      'inspire:1': b.body('{"hits": {"hits": [{"metadata": {"citation_count": 1}'),
      'inspire:2': b.body('{"took": 3}'),
      'inspire:3': b.body(inspireHits([-4.5])),
      'inspire:4': b.body(inspireHits(['12'])),
    });
    const { badges, messages } = await run(site({ a: 'inspirehep_id = {1}', b: 'inspirehep_id = {2}', c: 'inspirehep_id = {3}', d: 'inspirehep_id = {4}' }));
    expect(badges).toEqual({});
    expect(messages.sort()).toEqual([
      'citations of inspire:1: INSPIRE-HEP: the response is not valid JSON; no citations badge',
      'citations of inspire:2: INSPIRE-HEP: the response has no search hits; no citations badge',
      'citations of inspire:3: INSPIRE-HEP: the response\'s citation count is not a non-negative integer; no citations badge',
      'citations of inspire:4: INSPIRE-HEP: the response\'s citation count is not a non-negative integer; no citations badge',
    ]);
  });

  it('TTL and --offline: a second build asks nothing; past the TTL it asks again; offline asks nothing and keeps the count', async () => {
    await apis({ 'inspire:9': 90 });
    const dir = site({ a: 'inspirehep_id = {9}' });
    await run(dir);
    expect(hep!.requests).toHaveLength(1);
    expect((await run(dir, { force: true } as Partial<BuildOptions>)).badges.a).toMatch(/^90 \| INSPIRE-HEP/);
    expect(hep!.requests).toHaveLength(1);
    await run(dir, { citationsTtlHours: 0 });
    expect(hep!.requests).toHaveLength(2);
    const offline = await run(dir, { citationsTtlHours: 0, offline: true });
    expect(hep!.requests).toHaveLength(2);
    expect(offline.badges.a).toMatch(/^90 \| INSPIRE-HEP/);
  });

  it.each([
    ['a source spelled otherwise', { 'inspire:9': { count: 5, source: 'INSPIRE', fetchedAt: 0 } }],
    ['a record number that is not one', { 'inspire:09x': { count: 5, source: 'INSPIRE-HEP', fetchedAt: 0 } }],
    ['record number 0', { 'inspire:0': { count: 5, source: 'INSPIRE-HEP', fetchedAt: 0 } }],
    ['a negative count', { 'inspire:9': { count: -1, source: 'INSPIRE-HEP', fetchedAt: 0 } }],
  ])('a tampered cache entry naming INSPIRE-HEP (%s) is a warning and is rebuilt', async (_what, tampered) => {
    await apis({ 'inspire:9': 3 });
    const dir = site({ a: 'inspirehep_id = {9}' });
    writeCache(dir, tampered);
    const { codes, badges } = await run(dir);
    expect(codes).toEqual(['cache/corrupt']);
    expect(badges.a).toMatch(/^3 \| INSPIRE-HEP/);
    expect(works(dir)).toEqual({ 'inspire:9': expect.objectContaining({ count: 3, source: 'INSPIRE-HEP' }) });
  });

  it('an inspirehep_id that is not a record number is a warning and is not sent; with counts off, the field is said to be unused', async () => {
    await apis({ 'inspire:9': 3 });
    const bad = await run(site({ a: 'inspirehep_id = {Maldacena:1997re}' }));
    expect(bad.r.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['warning', 'bib/bad-inspire-id', 'inspirehep_id "Maldacena:1997re" of entry "a" is not an INSPIRE-HEP record number (451647, or https://inspirehep.net/literature/451647); it is not used'],
    ]);
    const off = await run(site({ a: 'inspirehep_id = {9}' }, ''));
    expect(off.r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'citations/inspire-unused']]);
    expect(off.badges).toEqual({});
    expect(hep!.requests).toEqual([]);
  });
});
