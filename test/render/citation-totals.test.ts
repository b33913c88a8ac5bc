import { afterEach, describe, expect, it } from 'vitest';
import { citationTotals, hIndex } from '../../src/render/citation-totals.js';
import type { Publication } from '../../src/model/publication.js';
import { fakeScholar, type FakeScholar } from '../fake-scholar.js';
import { buildCited, citeSite } from '../enrich/citation-site.js';

describe('hIndex', () => {
  it.each([
    ['none', [], 0],
    ['all zero', [0, 0, 0], 0],
    ['one cited once', [1], 1],
    ['one cited often', [100], 1],
    ['ties at h', [3, 3, 3], 3],
    ['ties past h', [5, 5, 5, 5, 5, 5], 5],
    ['ties below h', [4, 4, 4, 4, 4], 4],
    ['the classic', [10, 8, 5, 4, 3], 4],
    ['unsorted', [1, 4, 2, 4], 2],
    ['h from the tail', [25, 8, 5, 3, 3], 3],
  ])('%s: %j → %i', (_what, counts, h) => {
    const copy = [...counts];
    expect(hIndex(counts)).toBe(h);
    expect(counts).toEqual(copy); // not sorted in place
  });
});

/** An entry as the totals read it: its fields, and its count if it has one. */
const pub = (raw: Record<string, string>, citations?: Publication['citations']) => ({ entry: { raw }, citations }) as unknown as Publication;
const at = (d: number) => Date.UTC(2026, 11, d, 12);

describe('citationTotals', () => {
  it('sums each work once, counts found of asked, names the sources and the days', () => {
    const a = pub({ doi: '10.1234/a' }, { count: 1234, source: 'OpenAlex', fetchedAt: at(3), work: 'doi:10.1234/a' });
    const aAgain = pub({ doi: '10.1234/A' }, { count: 1234, source: 'OpenAlex', fetchedAt: at(3), work: 'doi:10.1234/a' }); // preprint and paper, one DOI
    const b = pub({ arxiv: '2101.00001' }, { count: 7, source: 'Semantic Scholar', fetchedAt: at(1), work: 'arxiv:2101.00001' });
    const c = pub({ inspirehep_id: '3' }, { count: 3, source: 'INSPIRE-HEP', fetchedAt: at(2), work: 'inspire:3' });
    const lost = pub({ doi: '10.1234/lost' });
    const lostAgain = pub({ doi: '10.1234/lost' });
    const noId = pub({});
    const off = pub({ doi: '10.1234/off', citations: 'false' }, undefined);
    expect(citationTotals([a, aAgain, b, c, lost, lostAgain, noId, off, a])).toEqual({
      count: 1244, countText: '1,244', hIndex: 3, found: 3, entries: 5,
      sources: ['OpenAlex', 'INSPIRE-HEP', 'Semantic Scholar'], from: '2026-12-01', to: '2026-12-03',
      title: 'OpenAlex, INSPIRE-HEP and Semantic Scholar, fetched 2026-12-01 to 2026-12-03; 3 of 5 entries found',
    });
  });

  it('one source and one day say so once; no count at all is no totals', () => {
    const one = pub({ doi: '10.1234/a' }, { count: 0, source: 'OpenAlex', fetchedAt: at(3), work: 'doi:10.1234/a' });
    expect(citationTotals([one])?.title).toBe('OpenAlex, fetched 2026-12-03; 1 of 1 entries found');
    expect(citationTotals([one])?.hIndex).toBe(0);
    expect(citationTotals([pub({ doi: '10.1234/a' })])).toBeNull();
    expect(citationTotals([])).toBeNull();
  });
});

describe('the header totals in a build, against a real local OpenAlex and Semantic Scholar', () => {
  const servers: FakeScholar[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  const profile = (citations: string) => `${citations}\nsections:\n  - title: Selected\n    publications: { keys: [one] }\n  - title: All\n    publications: all\n`;

  it('each entry once though shown in two sections; the provenance in the title; off unless asked', async () => {
    const oa = await fakeScholar('openalex', { 'doi:10.5555/one': 1234, 'doi:10.5555/three': 2 });
    const s2 = await fakeScholar('semantic-scholar', { 'arxiv:2101.00001': 7 });
    servers.push(oa, s2);
    const entries = { one: 'doi = {10.5555/one}', two: 'arxiv = {2101.00001}', three: 'doi = {10.5555/three}', four: '', five: 'doi = {10.5555/x}, citations = {false}' };
    const dir = citeSite(entries, profile('citations:\n  totals: true'));
    const { totals, badges, codes } = await buildCited(dir, { oa, s2 });
    expect(codes).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(Object.keys(badges)).toEqual(['one', 'two', 'three']);
    expect(totals).toBe(`Citations 1,243 · h-index 2 | OpenAlex and Semantic Scholar, fetched ${today}; 3 of 4 entries found`);
    const off = await buildCited(citeSite(entries, profile('citations: openalex')), { oa, s2 });
    expect(off.badges.one).toMatch(/^1,234 \| OpenAlex/);
    expect(off.totals).toBeUndefined();
  });
});
