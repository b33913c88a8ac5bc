import type { Position, Reporter } from '../model/diagnostic.js';
import type { Image, Publication } from '../model/publication.js';
import type { Profile } from '../model/profile.js';
import type { Venues } from '../model/venues.js';
import type { Cache } from './cache.js';
import type { NetOptions } from './http.js';
import type { CheckedThumbnails } from '../model/checked-thumbnails.js';
import type { LocalFiles } from '../model/local-files.js';

/** Counts for the one-line summary at the end of a build. */
export interface EnrichStats {
  reposFetched: number;
  reposCached: number;
  reposFailed: number;
  /** Repositories with no cached count in an --offline build: not asked, so not failed either. */
  reposUnasked: number;
  imageBytesIn: number;
  imageBytesOut: number;
}

/** What every enricher gets: where the site lives, the profile, the cache, and where to report. */
export interface EnrichContext {
  /** Folder of the .bib file: relative paths in entries resolve against it. */
  bibDir: string;
  /** Root that local files must stay inside. */
  siteRoot: string;
  profile: Profile;
  /** The profile's `venues:`, checked (load/venues.ts): badge colours and links by venue label. */
  venues?: Venues;
  report: Reporter;
  /** Thumbnail display size from the theme manifest (CSS pixels). */
  thumbnail: { width: number; height: number };
  /** Thumbnail sources the checks resolved (validate/site-checks.ts); others are resolved when needed. */
  thumbnails?: CheckedThumbnails;
  /** Relative links resolved to files of the site (validate/local-files.ts). */
  localFiles?: LocalFiles;
  cache: Cache;
  net: NetOptions;
  github: { apiBase: string; token?: string };
  /** Enrichment failures become errors instead of warnings. */
  strict: boolean;
  stats: EnrichStats;
  /** Called as work in a phase completes, for a progress display. */
  progress?: (phase: string, done: number, total: number) => void;
  now: number;
  /** Citation APIs, and how long a count is used without asking; `dueAt`: when the oldest count used is due again. */
  citations: { openalexApi: string; semanticScholarApi: string; inspireApi: string; openalexKey?: string; ttlMs: number; dueAt?: number };
  /** Star counts younger than this are used without asking the network. */
  starsTtlMs: number;
  /** Every star count known after enrichment, by "owner/name" (for profile projects). */
  starCounts: Map<string, number>;
  /** Where the profile's Markdown images are looked for (enrich/profile-images.ts). */
  profileImages?: ProfileImagesSite;
  /** The images of the profile's Markdown, inlined, by their source as written. */
  markdownImages?: Map<string, Image>;
}

/** Where the profile's Markdown images are and how to report on them. */
export interface ProfileImagesSite {
  profile: Profile;
  profileFile?: string;
  /** As the report names the profile file. */
  profileDisplay: string;
  siteRoot: string;
  locateInProfile(at: (string | number)[]): Position | undefined;
}

/** One enrichment step. Adding "citation counts" means adding one such module. */
export interface Enricher {
  name: string;
  /**
   * Spends its time waiting (on the network, on the image library's threads) rather than
   * computing: started before the others and run at the same time as them. It must not read
   * what another enricher writes, nor write what another reads.
   */
  waits?: boolean;
  enrich(pubs: Publication[], ctx: EnrichContext): Promise<void> | void;
}

/** A failed enrichment: a warning, or an error under --strict. */
export function enrichProblem(ctx: EnrichContext, file: string, pos: { line: number; column: number } | undefined, code: string, message: string): void {
  (ctx.strict ? ctx.report.error : ctx.report.warn).call(ctx.report, file, pos, { code, message });
}
