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

export async function enrichAll(pubs: Publication[], ctx: EnrichContext): Promise<void> {
  for (const e of enrichers(ctx)) await e.enrich(pubs, ctx);
}
