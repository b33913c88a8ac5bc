import type { Entry } from './entry.js';

export interface Link {
  label: string;
  url: string;
}

export interface Badge {
  /** "ICCV 2019", "arXiv 2025". */
  label: string;
  /** "Oral", "Best Paper": highlights the badge. */
  award?: string;
  /** From the profile's `venues:` (enrich/venue-badge.ts): the background, "#rrggbb", checked. */
  color?: string;
  /** "#ffffff" or "#000000", whichever reaches 4.5:1 on `color` (white when both do). */
  textColor?: string;
  /** The venue's page, an https: URL. */
  url?: string;
}

export interface Image {
  /** A data: URI; nothing is fetched by the page. */
  src: string;
  width?: number;
  height?: number;
}

/** An entry plus everything the enrichers add to it. Render reads only this. */
export interface Publication {
  entry: Entry;
  /** Sortable year, or undefined when the entry has none that parses. */
  year?: number;
  links: Link[];
  /** Hrefs of the entry's relative links by field, as their files resolved (empty: refused). */
  files?: Record<string, string>;
  badge?: Badge;
  stars?: { repo: string; url: string; count?: number };
  thumbnail?: Image;
  /** Citation count, with where and when it was fetched, and the work it counts (its cache key: two entries of one DOI share it) (enrich/citations.ts). */
  citations?: { count: number; source: string; fetchedAt: number; work: string };
  /** A video preview, inlined (enrich/video-preview.ts); `thumbnail`, when present, is its poster. */
  video?: { src: string; mime: string };
  /** Clean BibTeX: standard fields only, rebuilt from the parsed values. */
  bibtex: string;
  keywords: string[];
  selected: boolean;
}
