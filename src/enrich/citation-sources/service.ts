import type { CitationSource } from '../citation-cache.js';
import type { Lookup } from '../citation-lookup.js';

/** Why a 200 answer holds no count. `definite`: the service looked and there is none (no exact title match). */
export interface NoCount {
  reason: string;
  definite?: boolean;
}

/** One citation API: the request for a lookup (undefined: it cannot answer it), and the count in its answer. */
export interface CitationService {
  source: CitationSource;
  /** Its documented rate limit, as the least time between two requests' starts (ms). */
  minIntervalMs?: number;
  url(l: Lookup): string | undefined;
  /** The count as the answer gives it (the caller checks it is a non-negative integer), or why there is none. */
  count(json: unknown, l: Lookup): { value: unknown } | NoCount;
}

/** An id as URL path segments (a DOI's slashes stay slashes). */
export const pathOf = (id: string): string => id.split('/').map(encodeURIComponent).join('/');

/** The profile's email as OpenAlex's `mailto=` (its polite pool), or '' when there is none that looks like one. */
export function mailtoParam(email: string | undefined): string {
  const e = email?.trim().replace(/^mailto:/i, '');
  return e && /^[^\s@]+@[^\s@]+$/.test(e) ? `mailto=${encodeURIComponent(e)}` : '';
}
