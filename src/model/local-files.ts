import type { Entry } from './entry.js';

/** A link to a file of the site: where the page links to, and the file, when it exists. */
export interface LocalFile {
  /**
   * Relative to the page (the site folder's layout is kept beside it): `assets/pdf/paper.pdf#page=2`;
   * empty for a path refused (out of the site folder), which no link then shows.
   */
  href: string;
  /** The file on disk; absent when it does not exist (then the link is warned about, and kept). */
  source?: string;
}

export type VideoMime = 'video/mp4' | 'video/webm';

/** Where an entry's video preview is, or why there is none. */
export type VideoSource =
  | { kind: 'file'; path: string; size: number; mime: VideoMime }
  | { kind: 'problem'; code: string; message: string; error?: boolean };

/** Local files found by validation (validate/local-files.ts), for the enrichers and the writer. */
export interface LocalFiles {
  /** Every relative link of an entry, by field. */
  entries: Map<Entry, Record<string, LocalFile>>;
  /** Relative profile links, by index in the profile's `links`. */
  profileLinks: Map<number, LocalFile>;
  /** Video previews (`preview = {teaser.mp4}`), found or not. */
  videos: Map<Entry, VideoSource>;
}

/** Whether a `preview` value names a video (by its extension, before any query or fragment). */
export function isVideoPath(value: string | undefined): boolean {
  return value !== undefined && /\.(mp4|m4v|webm)$/i.test(value.trim().split(/[?#]/, 1)[0]);
}
