import { htmlToText } from '../load/sanitize.js';
import type { Enricher } from './enricher.js';
import type { Entry } from '../model/entry.js';
import type { Badge, Publication } from '../model/publication.js';
import type { VenueStyle } from '../model/venues.js';
import { textColorFor } from '../validate/colors.js';
import { perEntry } from '../model/per-entry.js';
import { isAwardNote, MAX_VENUE_TEXT, satelliteOf, venueRow, writtenAcronym } from './venue-table.js';

export { venueAbbr } from './venue-table.js';

/** A field's text for the patterns: only its start is read (a venue name is short; issue 19). */
const textOf = (html: string | undefined): string => htmlToText((html ?? '').slice(0, 4 * MAX_VENUE_TEXT)).trim().slice(0, MAX_VENUE_TEXT);

const PUBLISHED_IN = ['booktitle', 'journal', 'journaltitle'] as const;
const EPRINT_FIELDS = ['archiveprefix', 'eprinttype', 'publisher', 'howpublished'] as const;

/**
 * The label for where the entry appeared, by the rules of data/venues.yaml: a venue it is
 * published in beats its eprint, and a workshop never gets its main conference's bare label.
 */
export function venueLabel(e: Entry): string | undefined {
  // A venue written at all (even one the converter could not read, as `\apj`) makes it published.
  const field = PUBLISHED_IN.find((f) => e.raw[f]?.trim());
  if (!field) {
    const where = EPRINT_FIELDS.map((f) => e.raw[f]).filter(Boolean).join(' ');
    const row = where ? venueRow(where) : undefined;
    return row?.kind === 'preprint' ? row.abbr : undefined;
  }
  const text = textOf(e.html[field]);
  if (!text) return undefined;
  const raw = (e.raw[field] ?? '').slice(0, MAX_VENUE_TEXT);
  const lead = writtenAcronym(raw, true);
  if (lead) return venueRow(lead)?.abbr ?? lead;
  const row = venueRow(text);
  const suffix = satelliteOf(text);
  if (!suffix) return row?.abbr ?? writtenAcronym(raw, false);
  if (row?.kind === 'workshop') return row.abbr;
  // The event's own acronym, unless it is a main venue's ("Workshop at ICML (ICML)").
  const own = writtenAcronym(raw, false, (a) => venueRow(a)?.kind === undefined || venueRow(a)?.kind === 'workshop');
  if (own) return own;
  if (row?.kind === 'conference') return (suffix === 'Workshop' && row.workshop) || `${row.abbr} ${suffix}`;
  return row && row.kind !== 'preprint' ? row.abbr : undefined;
}

/** "ICCV 2019 · Oral": label from abbr/venue, else the venue table; award from award/note. */
export function badgeFor(p: Publication): Publication['badge'] {
  return labelled(p).badge;
}

/** The badge, and its venue label before the year: the key of the profile's `venues:` it takes its style from. */
function labelled(p: Publication): { venue?: string; badge?: Badge } {
  const h = p.entry.html;
  const explicit = htmlToText(h.abbr || h.venue || '').trim();
  const venue = explicit || venueLabel(p.entry);
  const note = (h.note ?? '').length <= 1000 ? htmlToText(h.note ?? '').trim() : '';
  const awardText = htmlToText(h.award_name || '').trim() ||
    (p.entry.raw.award && !/^(true|yes)$/i.test(p.entry.raw.award.trim()) ? htmlToText(h.award || '').trim() : '') ||
    (note && isAwardNote(note) ? note : '');
  // An award of a venue without a label (a workshop the table does not know, no `abbr`) is still
  // shown, as al-folio shows it: a badge of the award alone (its label empty).
  if (!venue) return awardText ? { badge: { label: '', award: awardText } } : {};
  const year = p.year !== undefined && !venue.includes(String(p.year)) ? ` ${p.year}` : '';
  return { venue, badge: { label: `${venue}${year}`, award: awardText || undefined } };
}

/**
 * The badge with the colour and link `venues:` gives its venue label: matched exactly, case and
 * all, as al-folio looks up `site.data.venues[entry.abbr]`. The text colour is computed for contrast.
 */
export function styledBadge(badge: Badge, style: VenueStyle | undefined): Badge {
  if (!style || (!style.color && !style.url)) return badge;
  return {
    ...badge,
    ...(style.color ? { color: style.color, textColor: textColorFor(style.color) } : {}),
    ...(style.url ? { url: style.url } : {}),
  };
}

const keptBadge = perEntry((entry, year: number | undefined) => labelled({ entry, year } as Publication));

export const venueBadge: Enricher = {
  name: 'venue-badge',
  enrich(pubs, ctx) {
    for (const p of pubs) {
      const { venue, badge } = keptBadge(p.entry, p.year);
      p.badge = badge && venue !== undefined ? styledBadge(badge, ctx.venues?.get(venue)) : badge;
    }
  },
};
