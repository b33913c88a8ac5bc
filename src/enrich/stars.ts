import { parseRepo } from '../validate/links.js';
import type { Enricher } from './enricher.js';
import type { Publication } from '../model/publication.js';

/** The repository an entry points at: `repo`, or a GitHub URL in `code`. */
export function repoOf(p: Publication): { owner: string; name: string } | undefined {
  const r = p.entry.raw;
  if (r.repo !== undefined) return parseRepo(r.repo);
  if (r.code && /github\.com\//i.test(r.code)) return parseRepo(r.code);
  return undefined;
}

/** Stars badge from the entry's `stars` field (fetching from GitHub is a later enricher). */
export const starsFromField: Enricher = {
  name: 'stars-field',
  enrich(pubs) {
    for (const p of pubs) {
      const repo = repoOf(p);
      if (!repo) continue;
      const n = Number.parseInt(p.entry.raw.stars ?? '', 10);
      p.stars = {
        repo: `${repo.owner}/${repo.name}`,
        url: `https://github.com/${repo.owner}/${repo.name}`,
        count: Number.isFinite(n) && n >= 0 ? n : undefined,
      };
    }
  },
};
