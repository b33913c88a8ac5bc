import { escapeHtml, htmlToText } from '../load/sanitize.js';
import type { Publication } from '../model/publication.js';

// The venue line, after what al-folio's bib.liquid shows: where it appeared, then what the entry
// type calls for (series, edition, publisher; the kind of thesis or report), volume and pages, the
// place, the month, and the note.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Types whose publisher, series and edition are part of where to find them. */
const BOOKISH = new Set(['book', 'inbook', 'incollection', 'booklet', 'proceedings', 'collection', 'mvbook', 'bookinbook', 'manual']);
const WITH_PUBLISHER = new Set([...BOOKISH, 'misc', 'online', 'software', 'dataset', 'report', 'techreport']);
const THESIS: Record<string, string> = { phdthesis: 'PhD thesis', mastersthesis: "Master's thesis", thesis: 'Thesis' };
const REPORT = new Set(['techreport', 'report']);

/** "2" or "feb" → "February"; any other text is kept. */
function monthHtml(html: string): string {
  const t = htmlToText(html).trim();
  if (/^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 12) return MONTHS[Number(t) - 1];
  const named = MONTHS.find((m) => t.length >= 3 && m.toLowerCase().startsWith(t.toLowerCase().replace(/\.$/, '')));
  return named ?? html;
}

/** "2" → "2nd edition"; "Second" → "Second edition"; "3rd ed." stays. */
function editionHtml(html: string): string {
  const t = htmlToText(html).trim();
  if (/\bed(\.|ition)?\b/i.test(t)) return html;
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
    return `${escapeHtml(t)}${suffix} edition`;
  }
  return `${html} edition`;
}

/** The venue line of a publication, as sanitized HTML ("" when the entry says nothing of it). */
export function venueHtml(p: Publication): string {
  const { type, html: h } = p.entry;
  const kind = THESIS[type] ? h.type || THESIS[type] : REPORT.has(type) ? [h.type || 'Technical Report', h.number].filter(Boolean).join(' ') : '';
  const bookish = BOOKISH.has(type);
  const date = h.month ? [monthHtml(h.month), h.year].filter(Boolean).join(' ') : '';
  const parts = [
    kind,
    h.booktitle || h.journal || h.journaltitle || h.howpublished || h.school || h.institution,
    bookish && h.series,
    bookish && h.edition && editionHtml(h.edition),
    h.volume && `vol. ${h.volume}`,
    h.pages && `pp. ${h.pages}`,
    WITH_PUBLISHER.has(type) && h.publisher,
    h.location || h.address,
    date,
  ].filter((x): x is string => Boolean(x && x.trim()));
  const line = parts.join(', ');
  // A note the badge shows as its award ("Oral") is not said twice.
  const note = h.note && p.badge?.award !== htmlToText(h.note).trim() ? h.note.trim() : '';
  if (!note) return line;
  if (!line) return note;
  return /[.!?]$/.test(htmlToText(line)) ? `${line} ${note}` : `${line}. ${note}`;
}
