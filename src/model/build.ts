/**
 * What a build is asked (options) and what it answers (result): plain types shared by the pipeline,
 * the build stamp (write/stamp.ts), watch and the CLI, kept apart so none of them imports another.
 */
import type { Diagnostic } from './diagnostic.js';
import type { EnrichStats } from '../enrich/enricher.js';

export interface Options {
  bib?: string;
  profile?: string;
  /** Built-in theme name or a theme folder. */
  theme?: string;
  cwd?: string;
  /** Default: .scholar-cache beside the profile (or in the site folder). */
  cacheDir?: string;
  /** Duplicate keys and failed enrichments (stars, downloads) are errors, not warnings. */
  strict?: boolean;
}

export interface BuildOptions extends Options {
  out?: string;
  /** Seconds since the epoch for the optional "last updated" line (SOURCE_DATE_EPOCH). */
  epoch?: number;
  /** GitHub API base URL (GitHub Enterprise, tests); default https://api.github.com. */
  githubApi?: string;
  githubToken?: string;
  /** OpenAlex, Semantic Scholar and INSPIRE-HEP API base URLs (tests); defaults https://api.openalex.org, https://api.semanticscholar.org, https://inspirehep.net/api. */
  openalexApi?: string;
  semanticScholarApi?: string;
  inspireApi?: string;
  /** OpenAlex API key (env OPENALEX_API_KEY), sent as `api_key=`: its searches (citations by title) need one. */
  openalexApiKey?: string;
  /** How long a citation count is used without asking again; default 168 h (a week). */
  citationsTtlHours?: number;
  /** Use the cache only; make no request at all. */
  offline?: boolean;
  /** Thumbnail URLs may point at private addresses (an intranet); by default public https: only. */
  allowPrivateNetwork?: boolean;
  /** How long a star count is used without asking again; default 24 h. */
  starsTtlHours?: number;
  /** Per-request timeout and whole network phase, in ms (defaults 10 s and 30 s). */
  netTimeoutMs?: number;
  netBudgetMs?: number;
  progress?: (phase: string, done: number, total: number) => void;
  /** One page per shown entry in papers/ (render/paper-page.ts); undefined: the profile's `paper_pages`, else off. */
  paperPages?: boolean;
  /** Flush the page to the disk before it replaces the old one (default true; watch: false). */
  durable?: boolean;
  /** Build every entry: the last page is not patched (src/patch/); the CLI's --force. */
  force?: boolean;
}

export interface Result {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

export interface BuildResult extends Result {
  /** Where the page was written; absent when the build failed. */
  outFile?: string;
  bytes?: number;
  entries?: number;
  /** How many paper pages were written (papers/); absent when they are off. */
  paperPages?: number;
  stats?: EnrichStats;
  /** Nothing changed since the last build: its report is replayed and the page left alone (write/stamp.ts). */
  upToDate?: boolean;
  /** Only one entry of the .bib changed: its part of the last page was replaced, the rest kept (src/patch/). */
  patched?: boolean;
  /** The page's bytes as written, in order (absent when nothing was written): `watch` serves them without reading the file back. */
  page?: readonly Uint8Array[];
  /** When the page was on disk (`performance.now()`): caches and the stamp are written after it. */
  writtenAt?: number;
  /**
   * What this build read (files read or looked for, theme folders listed), without what it writes
   * itself: `watch` watches their folders.
   */
  inputs?: { files: string[]; folders: string[] };
}
