import { parseRepo } from '../validate/links.js';
import { enrichProblem, type Enricher, type EnrichContext } from './enricher.js';
import { get, mapLimit } from './http.js';
import { isCount } from './cache.js';
import { withoutTrailingSlashes } from './link-targets.js';
import type { Publication } from '../model/publication.js';
import { perEntry } from '../model/per-entry.js';

/** The repository an entry points at: `repo`, or a GitHub URL in `code`. */
export function repoOf(p: Publication): { owner: string; name: string } | undefined {
  const r = p.entry.raw;
  if (r.repo !== undefined) return parseRepo(r.repo);
  if (r.code && /github\.com\//i.test(r.code)) return parseRepo(r.code);
  return undefined;
}

const repoKey = perEntry((entry) => {
  const r = repoOf({ entry } as Publication);
  return r && `${r.owner}/${r.name}`;
});

type Lookup = { count?: number; source: 'fresh' | 'fetched' | 'stale' | 'field' | 'none' };

/**
 * GitHub stars: `stargazers_count` from GET /repos/{owner}/{repo}, concurrently with a bound,
 * through the cache. A failure keeps the last known count (the cache, else the entry's `stars`
 * field) or shows no badge; it never fails the build unless --strict.
 */
export const githubStars: Enricher = {
  name: 'github-stars',
  waits: true,
  async enrich(pubs, ctx) {
    const byRepo = new Map<string, Publication[]>();
    for (const p of pubs) {
      const key = repoKey(p.entry, undefined);
      if (!key) continue;
      const same = byRepo.get(key);
      if (same) same.push(p);
      else byRepo.set(key, [p]);
    }
    // Projects listed in the profile get stars too; they have no entry of their own.
    for (const s of ctx.profile.sections ?? []) {
      for (const project of s.projects ?? []) {
        const r = project.repo ? parseRepo(project.repo) : undefined;
        if (r && !byRepo.has(`${r.owner}/${r.name}`)) byRepo.set(`${r.owner}/${r.name}`, []);
      }
    }
    const repos = [...byRepo.keys()];
    const results = new Map<string, Lookup>();
    let stopped: string | undefined; // why we stopped asking: rate limit, or the host is unreachable
    let skipped = 0;
    let done = 0;
    await mapLimit(repos, ctx.net.concurrency, async (repo) => {
      const cached = ctx.cache.getStars(repo);
      if (cached && ctx.now - cached.fetchedAt < ctx.starsTtlMs) {
        results.set(repo, { count: cached.count, source: 'fresh' });
      } else if (ctx.net.offline || stopped) {
        if (stopped) skipped++;
        results.set(repo, fallback(repo, byRepo.get(repo)![0], ctx));
      } else {
        const outcome = await fetchStars(repo, ctx);
        if (typeof outcome === 'number') {
          ctx.cache.setStars(repo, outcome, ctx.now);
          results.set(repo, { count: outcome, source: 'fetched' });
        } else {
          if (outcome.rateLimited) stopped = 'rate limited';
          if (outcome.unreachable) stopped = `${ctx.github.apiBase} is unreachable`;
          const first = byRepo.get(repo)![0] as Publication | undefined;
          const fb = fallback(repo, first, ctx);
          enrichProblem(ctx, first?.entry.file ?? 'profile.yaml', first ? (first.entry.fieldPos.repo ?? first.entry.fieldPos.code ?? first.entry.pos) : undefined,
            outcome.rateLimited ? 'stars/rate-limited' : 'stars/fetch-failed',
            `stars of ${repo}: ${outcome.reason}; ${fb.count !== undefined ? `keeping the last known count (${fb.count})` : 'no stars badge'}`);
          results.set(repo, fb);
        }
      }
      ctx.progress?.('stars', ++done, repos.length);
    });
    if (skipped) {
      enrichProblem(ctx, pubs[0]?.entry.file ?? 'profile.yaml', undefined, 'stars/not-asked', `${skipped} more repositories were not asked (${stopped}); they keep their last known counts`);
    }
    for (const [repo, list] of byRepo) {
      const r = results.get(repo)!;
      if (r.source === 'fetched') ctx.stats.reposFetched++;
      else if (r.source === 'fresh' || (ctx.net.offline && r.source === 'stale')) ctx.stats.reposCached++;
      else if (ctx.net.offline) ctx.stats.reposUnasked++;
      else ctx.stats.reposFailed++;
      if (r.count !== undefined) ctx.starCounts.set(repo, r.count);
      for (const p of list) {
        p.stars = r.count === undefined ? undefined : { repo, url: `https://github.com/${repo}`, count: r.count };
      }
    }
  },
};

function fallback(repo: string, p: Publication | undefined, ctx: EnrichContext): Lookup {
  const cached = ctx.cache.getStars(repo);
  if (cached) return { count: cached.count, source: 'stale' };
  const n = Number.parseInt(p?.entry.raw.stars ?? '', 10);
  return isCount(n) ? { count: n, source: 'field' } : { source: 'none' };
}


async function fetchStars(repo: string, ctx: EnrichContext): Promise<number | { reason: string; rateLimited?: boolean; unreachable?: boolean }> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'user-agent': 'scholar-page', 'x-github-api-version': '2022-11-28' };
  if (ctx.github.token) headers.authorization = `Bearer ${ctx.github.token}`;
  const url = `${withoutTrailingSlashes(ctx.github.apiBase)}/repos/${repo}`;
  const r = await get(url, headers, ctx.net, 1024 * 1024);
  if (!r.ok) return { reason: r.status === 404 ? 'repository not found (HTTP 404)' : r.reason, rateLimited: r.rateLimited, unreachable: r.unreachable };
  try {
    const n = (JSON.parse(Buffer.from(r.body).toString('utf8')) as { stargazers_count?: unknown }).stargazers_count;
    if (isCount(n)) return n;
    return { reason: n === undefined ? 'the response has no stargazers_count' : 'the response\'s stargazers_count is not a non-negative integer' };
  } catch {
    return { reason: 'the response is not valid JSON' };
  }
}
