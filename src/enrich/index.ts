import type { Enricher, EnrichContext } from './enricher.js';
import type { Publication } from '../model/publication.js';
import { venueBadge } from './venue-badge.js';
import { links } from './links.js';
import { cleanBibtexEnricher } from './clean-bibtex.js';
import { githubStars } from './stars.js';
import { citationCounts } from './citations.js';
import { thumbnails } from './thumbnail.js';
import { videoPreviews } from './video-preview.js';
import { profileImages } from './profile-images.js';

/** The enrichers, in order. Each is one module of the same shape. */
export function enrichers(ctx: EnrichContext): Enricher[] {
  return [venueBadge, links(ctx.profile.labels), cleanBibtexEnricher, githubStars, citationCounts, thumbnails, videoPreviews, profileImages];
}

/**
 * Starts the enrichers that wait (their requests and image encodes go out at once), runs those
 * that compute one after the other meanwhile, then waits for the first ones: star counts are
 * fetched and thumbnails encoded while badges and links are made. Diagnostics are sorted
 * afterwards, so the report does not depend on which finished first.
 */
export async function runEnrichers(list: Enricher[], pubs: Publication[], ctx: EnrichContext): Promise<void> {
  const waiting = Promise.all(list.filter((x) => x.waits).map((e) => e.enrich(pubs, ctx)));
  waiting.catch(() => undefined); // awaited below; not unhandled if an enricher that computes throws first
  for (const e of list.filter((x) => !x.waits)) await e.enrich(pubs, ctx);
  await waiting;
}

export async function enrichAll(pubs: Publication[], ctx: EnrichContext): Promise<void> {
  await runEnrichers(enrichers(ctx), pubs, ctx);
}
