import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../src/index.js';
import { fakeScholar, openAlexResults, scholarBehaviours as b, type FakeScholar, type TitledWork } from '../fake-scholar.js';
import { buildCited, citeSite, readCitationCache, writeCitationCache } from './citation-site.js';

let oa: FakeScholar | undefined;
let s2: FakeScholar | undefined;
afterEach(async () => {
  await oa?.close();
  await s2?.close();
  oa = s2 = undefined;
});

/** OpenAlex's works, as its title search finds them (by words, within the year asked). */
const CATALOGUE: TitledWork[] = [
  { title: 'Graph Neural Networks: A Survey', year: 2020, count: 40 },
  { title: 'Attention Is All You Need', year: 2017, count: 100000 },
  { title: 'Deep Sets', year: 2017, count: 10 },
  { title: 'Deep sets', year: 2017, count: 3000 },
  { title: 'Über <i>Graphen</i>', year: 2018, count: 7 },
];
const BY_TITLE = 'citations:\n  by_title: true\nemail: jane@example.org\n';
/** Entries given whole: `key: 'title = {…}, year = {…}'`. */
const site = (entries: Record<string, string>, profile = BY_TITLE) => citeSite(entries, profile, () => 'author = {Doe, Jane}, journal = {J}');
const run = (dir: string, opts: Partial<BuildOptions> = {}) => buildCited(dir, { oa, s2 }, opts);
const search = (words: string, year: number) => `/works?filter=title.search:${encodeURIComponent(words)},publication_year:${year}&select=id,display_name,publication_year,cited_by_count&per_page=10&mailto=jane%40example.org`;

describe('citation counts by exact title and year (opt-in), against a real local OpenAlex', () => {
  it('an exact match (case, accents, punctuation, markup aside) gives the count; an entry with a DOI is asked by its DOI', async () => {
    oa = await fakeScholar('openalex', { 'doi:10.5555/d': 5 }, {}, CATALOGUE);
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({
      exact: 'title = {{G}raph neural networks --- a survey}, year = {2020}',
      accents: 'title = {{\\"U}ber Graphen}, year = {2018}',
      doi: 'title = {Attention Is All You Need}, year = {2017}, doi = {10.5555/d}',
    });
    const { badges, codes } = await run(dir);
    expect(codes).toEqual([]);
    expect(Object.fromEntries(Object.entries(badges).map(([k, v]) => [k, v.replace(/\d{4}-\d\d-\d\d/, 'DATE')]))).toEqual({
      exact: '40 | OpenAlex, DATE', accents: '7 | OpenAlex, DATE', doi: '5 | OpenAlex, DATE',
    });
    expect(oa.requests.sort()).toEqual([search('graph neural networks a survey', 2020), search('uber graphen', 2018), '/works/doi:10.5555/d?mailto=jane%40example.org'].sort());
    expect(Object.keys(readCitationCache(dir).works).sort()).toEqual(['doi:10.5555/d', 'title:2018:uber graphen', 'title:2020:graph neural networks a survey']);
  });

  it('near misses give no count: a title prefix, the same title in another year, two works with the title', async () => {
    // For "wrong year", this OpenAlex ignores the year it is asked for: the year in the answer is checked too.
    const ignoresYear = b.body(openAlexResults([CATALOGUE[1]]));
    oa = await fakeScholar('openalex', {}, { 'title:2018:attention is all you need': ignoresYear }, CATALOGUE);
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({
      prefix: 'title = {Graph Neural Networks}, year = {2020}',
      year: 'title = {Attention Is All You Need}, year = {2018}',
      yearAsked: 'title = {Attention Is All You Need}, year = {2019}',
      two: 'title = {Deep Sets}, year = {2017}',
      longer: 'title = {Deep Sets and More}, year = {2017}',
    });
    const { badges, r } = await run(dir);
    expect(badges).toEqual({});
    expect(r.outFile).toBeDefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.message]).sort()).toEqual([
      ['info', 'citations/no-title-match', 'no citations badge for "longer": OpenAlex: its search found no work of this year with these words'],
      ['info', 'citations/no-title-match', 'no citations badge for "prefix": OpenAlex: the one work its search found has another title or year'],
      ['info', 'citations/no-title-match', 'no citations badge for "two": OpenAlex: 2 works have this exact title and year'],
      ['info', 'citations/no-title-match', 'no citations badge for "year": OpenAlex: the one work its search found has another title or year'],
      ['info', 'citations/no-title-match', 'no citations badge for "yearAsked": OpenAlex: its search found no work of this year with these words'],
    ]);
    // The misses are kept: the next build does not ask again until they are due.
    expect(Object.keys(readCitationCache(dir).misses ?? {})).toHaveLength(5);
    const asked = oa.requests.length;
    await run(dir, { force: true } as Partial<BuildOptions>);
    expect(oa.requests).toHaveLength(asked);
    await run(dir, { citationsTtlHours: 0 });
    expect(oa.requests).toHaveLength(asked + 5);
  });

  it('a title that matched before and now finds two works: the old count is dropped, not kept as the last known', async () => {
    oa = await fakeScholar('openalex', {}, {}, CATALOGUE);
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({ two: 'title = {Deep Sets}, year = {2017}' });
    writeCitationCache(dir, { 'title:2017:deep sets': { count: 10, source: 'OpenAlex', fetchedAt: Date.UTC(2026, 0, 1) } });
    const { badges, codes } = await run(dir, { citationsTtlHours: 0 });
    expect(codes).toEqual(['citations/no-title-match']);
    expect(badges).toEqual({});
    expect(readCitationCache(dir).works).toEqual({});
  });

  it('off unless asked: `citations: openalex` does not look titles up', async () => {
    oa = await fakeScholar('openalex', {}, {}, CATALOGUE);
    s2 = await fakeScholar('semantic-scholar');
    const { badges, codes } = await run(site({ exact: 'title = {Graph Neural Networks: A Survey}, year = {2020}' }, 'citations: openalex\n'));
    expect(badges).toEqual({});
    expect(codes).toEqual([]);
    expect(oa.requests).toEqual([]);
  });

  it('a failed title lookup is a warning (not a miss): it is asked again at the next build', async () => {
    oa = await fakeScholar('openalex', {}, { 'title:2020:graph neural networks a survey': b.status(503) }, CATALOGUE);
    s2 = await fakeScholar('semantic-scholar');
    const dir = site({ exact: 'title = {Graph Neural Networks: A Survey}, year = {2020}' });
    const { codes, messages } = await run(dir);
    expect(codes).toEqual(['citations/fetch-failed']);
    expect(messages[0]).toMatch(/^citations of "exact" \(by title\): OpenAlex: HTTP 503/);
    expect(existsSync(path.join(dir, '.scholar-cache/citations.json'))).toBe(false); // nothing learned, nothing written
    const asked = oa.requests.length;
    await run(dir, { force: true } as Partial<BuildOptions>);
    expect(oa.requests.length).toBeGreaterThan(asked);
  });
});

describe('an OpenAlex API key (OPENALEX_API_KEY)', () => {
  it('is sent as api_key= to OpenAlex, by DOI and by title, and nowhere else: not to Semantic Scholar, the cache, the page or a diagnostic', async () => {
    const KEY = 'k3y/with+chars';
    oa = await fakeScholar('openalex', {}, {}, [{ title: 'Uber Graphen', year: 2018, count: 3 }]);
    s2 = await fakeScholar('semantic-scholar', {});
    {
      const dir = site({ a: 'title = {A}, year = {2020}, doi = {10.5555/none}', t: 'title = {Über Graphen}, year = {2018}' }, 'citations:\n  by_title: true\n');
      const { r, html, badges } = await run(dir, { openalexApiKey: KEY });
      expect(badges.t).toMatch(/^3 \| OpenAlex/);
      const sent = `api_key=${encodeURIComponent(KEY)}`;
      expect(oa!.requests.length).toBe(2);
      for (const u of oa!.requests) expect(u).toContain(sent);
      expect(s2!.requests.length).toBe(1);
      expect(s2!.requests.join()).not.toContain('api_key');
      const cache = readFileSync(path.join(dir, '.scholar-cache', 'citations.json'), 'utf8');
      for (const text of [html, cache, JSON.stringify(r.diagnostics)]) expect(text).not.toContain('k3y');
    }
  });
});
