import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, ROOT } from './run.js';
import { fakeGitHub } from '../fake-github.js';
import { EXAMPLE_STARS } from '../example-stars.js';
import { copyExample } from '../example-site.js';

describe('enrichment from the command line', () => {
  it('SCHOLAR_PAGE_GITHUB_API and GITHUB_TOKEN are used; the cache serves the next build and --offline', { timeout: 300_000 }, async () => {
    const github = await fakeGitHub(EXAMPLE_STARS);
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'sp-enrich-'));
      copyExample(dir, { images: false }); // its cache starts empty: the images counted below are this build's
      const env = { SCHOLAR_PAGE_GITHUB_API: github.url, GITHUB_TOKEN: 'tok' };
      const first = await cliAsync(['build'], { cwd: dir, env });
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/built 9 entries · repos 8 fetched, 0 cached, 0 failed · images \d+ KB → \d+ KB · page \d+ KB/);
      expect(github.requests).toHaveLength(8);
      expect(github.requests.every((r) => r.authorization === 'Bearer tok')).toBe(true);
      expect(readdirSync(path.join(dir, '.scholar-cache/images')).length).toBeGreaterThanOrEqual(10);

      const again = await cliAsync(['build'], { cwd: dir, env });
      expect(again.stderr).toMatch(/^up to date: nothing changed since the last build \(--force builds anyway\) · 9 entries · page \d+ KB$/m);
      const second = await cliAsync(['build', '--force'], { cwd: dir, env });
      expect(second.stderr).toMatch(/repos 0 fetched, 8 cached, 0 failed/);
      const offline = await cliAsync(['build', '--offline', '--stars-ttl', '0'], { cwd: dir, env: { SCHOLAR_PAGE_GITHUB_API: github.url } });
      expect(offline.stderr).toMatch(/repos 0 fetched, 8 cached, 0 failed/);
      expect(github.requests).toHaveLength(8);

      // Offline with nothing cached: the counts were not asked for, which is not a failure.
      rmSync(path.join(dir, '.scholar-cache'), { recursive: true });
      const cold = await cliAsync(['build', '--offline'], { cwd: dir, env: {} });
      expect(cold.code).toBe(0);
      expect(cold.stderr).toMatch(/repos 0 fetched, 0 cached, 0 failed, 8 not asked \(--offline\) · images/);
      expect(github.requests).toHaveLength(8);
    } finally {
      await github.close();
    }
  });
});
