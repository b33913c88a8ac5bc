import type { Entry } from './entry.js';
import type { ThumbnailSource } from '../enrich/thumbnail-source.js';

/** The thumbnails validation found, with their size on disk: what enrichment then encodes. */
export type CheckedThumbnails = Map<Entry, { source: ThumbnailSource; size: number }>;
