import { appendFileSync, copyFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGitHub } from '../fake-github.js';
import { fakeScholar } from '../fake-scholar.js';
import { EXAMPLE_STARS } from '../example-stars.js';
import { EXAMPLE_ARXIV_COUNTS, EXAMPLE_CITATIONS } from '../example-citations.js';
import { buildCited } from '../enrich/citation-site.js';

const ROOT = path.join(import.meta.dirname, '../..');

/**
 * The example page with citation counts on (`by_title` and `totals`: its entries have no DOI; three
 * have an arxiv.org `pdf`, looked up by arXiv id), against a local OpenAlex. SCHOLAR_PAGE_EXAMPLE_OUT=file.html keeps the page, to look at.
 */
describe('the example page with citation counts', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-example-cited-'));
  cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true });
  appendFileSync(path.join(dir, 'profile.yaml'), '\ncitations:\n  by_title: true\n  totals: true\n');
  const [github, oa, s2] = await Promise.all([fakeGitHub(EXAMPLE_STARS), fakeScholar('openalex', EXAMPLE_ARXIV_COUNTS, {}, EXAMPLE_CITATIONS), fakeScholar('semantic-scholar')]);
  afterAll(async () => {
    for (const s of [github, oa, s2]) await s.close();
  });
  const built = await buildCited(dir, { oa, s2 }, { bib: 'refs.bib', githubApi: github.url, netTimeoutMs: 5000, netBudgetMs: 20_000 });
  if (process.env.SCHOLAR_PAGE_EXAMPLE_OUT && built.r.outFile) copyFileSync(built.r.outFile, process.env.SCHOLAR_PAGE_EXAMPLE_OUT);
  const today = new Date().toISOString().slice(0, 10);
  const dated = (s: string) => s.replace(today, 'TODAY');

  it('shows a badge for each exact match, none for the tutorial (no year) nor S2GAN (another year)', () => {
    expect(Object.fromEntries(Object.entries(built.badges).map(([k, v]) => [k, dated(v)]))).toEqual({
      xu2025jodi: '25 | OpenAlex, TODAY',
      xu2025ctrlora: '40 | OpenAlex, TODAY',
      zhang2025precnerf: '3 | OpenAlex, TODAY',
      he2021eigengan: '95 | OpenAlex, TODAY',
      he2019attgan: '1,450 | OpenAlex, TODAY',
      he2020pagan: '70 | OpenAlex, TODAY',
      guo2021image: '12 | OpenAlex, TODAY',
    });
    expect(built.r.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['info', 'citations/no-title-match', 'no citations badge for "he2019s2gan": OpenAlex: its search found no work of this year with these words'],
    ]);
  });

  it('asks by arXiv id for the entries whose pdf is on arxiv.org, by title for the rest', () => {
    const asked = oa.requests.map((u) => decodeURIComponent(u.split('?')[0]) + (u.includes('title.search') ? ' (title)' : ''));
    expect(asked.filter((u) => u.startsWith('/works/doi:')).sort()).toEqual(['/works/doi:10.48550/arXiv.2007.05892', '/works/doi:10.48550/arXiv.2410.09400', '/works/doi:10.48550/arXiv.2505.19084']);
    expect(asked.filter((u) => u.endsWith('(title)'))).toHaveLength(5);
  });

  it('totals the counts in the header: 1,695 citations, h-index 6, 7 of 9 entries', () => {
    expect(dated(built.totals!)).toBe('Citations 1,695 · h-index 6 | OpenAlex, fetched TODAY; 7 of 9 entries found');
  });
});
