import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliAsync } from './run.js';
import { fakeScholar } from '../fake-scholar.js';
import { citeSite } from '../enrich/citation-site.js';

describe('citation counts from the command line', () => {
  it('--help names the three citation APIs', () => {
    const help = cli(['build', '--help']).stdout;
    for (const flag of ['--openalex-api <url>', '--semantic-scholar-api <url>', '--inspire-api <url>']) expect(help).toContain(flag);
    expect(help).toContain('SCHOLAR_PAGE_INSPIRE_API');
  });

  it('--inspire-api and --openalex-api (or their env) are asked; another API address is another build', { timeout: 120_000 }, async () => {
    const hep = await fakeScholar('inspire', { 'inspire:3255': 812 });
    const oa = await fakeScholar('openalex', {}, {}, [{ title: 'Title of b', year: 2020, count: 4 }]);
    const s2 = await fakeScholar('semantic-scholar');
    try {
      const dir = citeSite({ a: 'inspirehep_id = {3255}', b: '' }, 'citations:\n  by_title: true\n  totals: true\n');
      const flags = ['--openalex-api', oa.url, '--semantic-scholar-api', s2.url];
      const first = await cliAsync(['build', ...flags, '--inspire-api', hep.url, '-o', 'out.html'], { cwd: dir });
      expect(first.stderr).toMatch(/^built 2 entries/m);
      expect(first.code).toBe(0);
      const html = readFileSync(path.join(dir, 'out.html'), 'utf8');
      expect(html).toMatch(/<span class="citations" title="INSPIRE-HEP, \d{4}-\d\d-\d\d">Cited by 812<\/span>/);
      expect(html).toMatch(/<span class="citations" title="OpenAlex, \d{4}-\d\d-\d\d">Cited by 4<\/span>/);
      expect(html).toMatch(/<p class="citation-totals" title="OpenAlex and INSPIRE-HEP, fetched \d{4}-\d\d-\d\d; 2 of 2 entries found">Citations <strong>816<\/strong> · h-index <strong>2<\/strong><\/p>/);
      expect([hep.requests.length, oa.requests.length]).toEqual([1, 1]);

      const env = { SCHOLAR_PAGE_INSPIRE_API: hep.url };
      const same = await cliAsync(['build', ...flags, '-o', 'out.html'], { cwd: dir, env });
      expect(same.stderr).toMatch(/^up to date: nothing changed/m);
      const moved = await cliAsync(['build', ...flags, '-o', 'out.html'], { cwd: dir, env: { SCHOLAR_PAGE_INSPIRE_API: `${hep.url}/` } });
      expect(moved.stderr).toMatch(/^built 2 entries/m);
      expect(hep.requests).toHaveLength(1); // the counts are still fresh in the cache
    } finally {
      for (const s of [hep, oa, s2]) await s.close();
    }
  });
});
