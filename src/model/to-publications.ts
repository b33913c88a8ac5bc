import type { Entry } from './entry.js';
import type { Publication } from './publication.js';
import { perEntry } from './per-entry.js';

const keywordsOf = perEntry((entry) => (entry.raw.keywords ?? '').split(/[,;]/).map((k) => k.trim()).filter(Boolean));

const TRUE = /^\s*(true|yes|1)\s*$/i;

/** Wraps loaded entries into publications, with the facts every stage needs already read. */
export function toPublications(entries: Entry[]): Publication[] {
  return entries.map((entry) => {
    const y = /\b(\d{4})\b/.exec(entry.raw.year ?? entry.raw.date ?? '');
    return {
      entry,
      year: y ? Number(y[1]) : undefined,
      links: [],
      bibtex: '',
      keywords: keywordsOf(entry, undefined),
      selected: TRUE.test(entry.raw.selected ?? ''),
    };
  });
}
