import type { Profile } from './profile.js';

/** What the profile's `citations:` asks, in one shape for both of its forms. */
export interface CitationSettings {
  /** Asked first for every entry: OpenAlex (then Semantic Scholar), or INSPIRE-HEP (then both). */
  first: 'openalex' | 'inspire';
  /** Entries with neither DOI nor arXiv id are looked up by exact title and year (OpenAlex). */
  byTitle: boolean;
  /** Total citations and h-index in the header. */
  totals: boolean;
}

/** `citations: openalex` and `citations: {source: inspire, totals: true}` alike; undefined when off. */
export function citationSettings(profile: Pick<Profile, 'citations'>): CitationSettings | undefined {
  const c = profile.citations;
  if (c === undefined) return undefined;
  if (typeof c === 'string') return { first: c, byTitle: false, totals: false };
  return { first: c.source, byTitle: c.by_title, totals: c.totals };
}
