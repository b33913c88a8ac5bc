import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { htmlToText } from '../load/sanitize.js';
import type { Enricher } from './enricher.js';
import type { Publication } from '../model/publication.js';

interface VenueRow {
  abbr: string;
  patterns: RegExp[];
}

let venues: VenueRow[] | undefined;

/** The venue table in data/venues.yaml, compiled once. */
function venueTable(): VenueRow[] {
  if (!venues) {
    const url = new URL('../../data/venues.yaml', import.meta.url);
    const rows = parse(readFileSync(url, 'utf8')) as { abbr: string; patterns: string[] }[];
    venues = rows.map((r) => ({ abbr: r.abbr, patterns: r.patterns.map((p) => new RegExp(p, 'i')) }));
  }
  return venues;
}

/** Short venue name for a booktitle/journal text, from the venue table. */
export function venueAbbr(text: string): string | undefined {
  return venueTable().find((v) => v.patterns.some((p) => p.test(text)))?.abbr;
}

const isPreprint = (p: Publication): boolean =>
  /arxiv|preprint|biorxiv|medrxiv/i.test(
    [p.entry.raw.journal, p.entry.raw.booktitle, p.entry.raw.archiveprefix, p.entry.raw.eprinttype, p.entry.raw.publisher]
      .filter(Boolean)
      .join(' '),
  );

const AWARD_NOTE = /^(oral|spotlight|highlight|best .*|.*award.*|outstanding .*|honou?rable mention|long oral|contributed talk|invited talk)$/i;

/** "ICCV 2019 · Oral": label from abbr/venue, else the venue table, else arXiv; award from award/note. */
export function badgeFor(p: Publication): Publication['badge'] {
  const h = p.entry.html;
  const explicit = htmlToText(h.abbr || h.venue || '').trim();
  const where = htmlToText(h.booktitle || h.journal || h.journaltitle || '');
  const venue = explicit || (isPreprint(p) && !venueAbbr(where) ? 'arXiv' : venueAbbr(where));
  if (!venue) return undefined;
  const year = p.year !== undefined && !venue.includes(String(p.year)) ? ` ${p.year}` : '';
  const awardText = htmlToText(h.award_name || '').trim() ||
    (p.entry.raw.award && !/^(true|yes)$/i.test(p.entry.raw.award.trim()) ? htmlToText(h.award || '').trim() : '') ||
    (AWARD_NOTE.test(htmlToText(h.note || '').trim()) ? htmlToText(h.note).trim() : '');
  return { label: `${venue}${year}`, award: awardText || undefined };
}

export const venueBadge: Enricher = {
  name: 'venue-badge',
  enrich(pubs) {
    for (const p of pubs) p.badge = badgeFor(p);
  },
};
