/** What the profile's `venues:` says of one venue, checked (load/venues.ts). */
export interface VenueStyle {
  /** The badge background, "#rrggbb" in lower case. */
  color?: string;
  /** The venue's page, an https: URL the badge links to. */
  url?: string;
}

/** Venue styles by the exact badge label they apply to (al-folio's `abbr`, case-sensitive). */
export type Venues = ReadonlyMap<string, VenueStyle>;
