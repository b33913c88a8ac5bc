import type { Enricher, EnrichContext } from './enricher.js';
import type { Publication } from '../model/publication.js';
import { venueBadge } from './venue-badge.js';
import { links } from './links.js';
import { cleanBibtexEnricher } from './clean-bibtex.js';
import { githubStars } from './stars.js';
import { thumbnails } from './thumbnail.js';

/** The enrichers, in order. Each is one module of the same shape. */
export function enrichers(ctx: EnrichContext): Enricher[] {
  return [venueBadge, links(ctx.profile.labels), cleanBibtexEnricher, githubStars, thumbnails];
}

/**
 * Runs the enrichers that compute one after the other, then those that wait all at once: star
 * counts are fetched while thumbnails are encoded. Diagnostics are sorted afterwards, so the
 * report does not depend on which finished first.
 */
export async function enrichAll(pubs: Publication[], ctx: EnrichContext): Promise<void> {
  const all = enrichers(ctx);
  for (const e of all.filter((x) => !x.waits)) await e.enrich(pubs, ctx);
  await Promise.all(all.filter((x) => x.waits).map((e) => e.enrich(pubs, ctx)));
}
