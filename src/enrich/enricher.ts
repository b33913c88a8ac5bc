import type { Reporter } from '../model/diagnostic.js';
import type { Publication } from '../model/publication.js';
import type { Profile } from '../model/profile.js';

/** What every enricher gets: where the site lives, the profile, and where to report. */
export interface EnrichContext {
  /** Folder of the .bib file: relative paths in entries resolve against it. */
  bibDir: string;
  /** Root that local files must stay inside. */
  siteRoot: string;
  profile: Profile;
  report: Reporter;
  /** Thumbnail display size from the theme manifest (CSS pixels). */
  thumbnail: { width: number; height: number };
  signal?: AbortSignal;
}

/** One enrichment step. Adding "citation counts" means adding one such module. */
export interface Enricher {
  name: string;
  enrich(pubs: Publication[], ctx: EnrichContext): Promise<void> | void;
}
