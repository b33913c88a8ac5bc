import { htmlToText } from '../load/sanitize.js';
import type { Person } from '../model/entry.js';
import type { Publication } from '../model/publication.js';
import { bareDoi } from '../enrich/link-targets.js';

// The bibliographic <meta> tags Google Scholar reads from a page about one paper
// (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing): the Highwire Press
// `citation_*` names it documents, plus `citation_doi`, a Highwire tag that Zotero, Mendeley and
// publishers' pages use. `citation_arxiv_id` is not documented there, and is not written.

/** One `<meta name content>` of a paper page; `content` is plain text (the template escapes it). */
export interface CitationMeta {
  name: string;
  content: string;
}

const CONFERENCE = new Set(['inproceedings', 'conference']);
const THESIS = new Set(['phdthesis', 'mastersthesis', 'thesis']);
const REPORT = new Set(['techreport', 'report']);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The tags of one publication, in the order of Google's example: title, each author, date, where
 * it appeared, volume, issue, pages, identifiers, then the PDF. `pdfUrl`: the absolute URL of a
 * copy of its PDF in the page's folder (Google reads a PDF only from the abstract's folder).
 */
export function citationMeta(p: Publication, pdfUrl?: string): CitationMeta[] {
  const { type, raw, html } = p.entry;
  const text = (field: string): string | undefined => {
    const v = html[field] !== undefined ? htmlToText(html[field]) : raw[field];
    const t = v?.replace(/\s+/g, ' ').trim();
    return t || undefined;
  };
  const out: CitationMeta[] = [];
  const add = (name: string, content: string | undefined): void => {
    if (content) out.push({ name: `citation_${name}`, content });
  };
  add('title', text('title'));
  for (const a of p.entry.authors) add('author', authorName(a));
  add('publication_date', publicationDate(p));
  if (CONFERENCE.has(type)) add('conference_title', text('booktitle') ?? text('eventtitle'));
  else if (THESIS.has(type)) add('dissertation_institution', text('school') ?? text('institution'));
  else if (REPORT.has(type)) add('technical_report_institution', text('institution'));
  else add('journal_title', text('journal') ?? text('journaltitle'));
  add('volume', text('volume'));
  if (REPORT.has(type)) add('technical_report_number', text('number'));
  else add('issue', text('issue') ?? text('number'));
  // "12--19", "12–19", "e1234"; anything else ("12, 14-19") is not one range: no pages.
  // text() has made each run of white space one space.
  const range = text('pages');
  const pages = range && !range.includes(',') ? range.split(/ ?(?:-+|–|—) ?/).filter(Boolean) : [];
  if (pages.length <= 2) {
    add('firstpage', pages[0]);
    add('lastpage', pages[1]);
  }
  add('issn', text('issn'));
  add('isbn', text('isbn'));
  add('doi', raw.doi !== undefined ? bareDoi(raw.doi) : undefined);
  add('pdf_url', pdfUrl);
  return out;
}

/** "Last, First", as Google's example writes names; a literal name as written; "others" is no author. */
function authorName(a: Person): string | undefined {
  if (a.literal) return a.literal === 'others' ? undefined : a.literal;
  return [a.last, a.first].filter(Boolean).join(', ') || undefined;
}

/**
 * "YYYY/MM/DD" when the day is known (`date = {2024-05-12}`, or `year`, `month` and `day`), else
 * the year alone: Google asks for a full date or the year, nothing between.
 */
export function publicationDate(p: Publication): string | undefined {
  const { raw } = p.entry;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\b/.exec(raw.date ?? '');
  if (iso && (raw.year === undefined || raw.year.trim() === iso[1])) return `${iso[1]}/${iso[2]}/${iso[3]}`;
  if (p.year === undefined) return undefined;
  const year = String(p.year).padStart(4, '0');
  const month = monthNumber(raw.month);
  const day = /^\s*(\d{1,2})\s*$/.exec(raw.day ?? '')?.[1];
  if (month && day && Number(day) >= 1 && Number(day) <= 31) return `${year}/${month}/${day.padStart(2, '0')}`;
  return year;
}

function monthNumber(v: string | undefined): string | undefined {
  const t = v?.trim().toLowerCase().replace(/\.$/, '');
  if (!t) return undefined;
  // "2", "feb", "Feb.", "February": a number, or a name or its first three letters or more
  const n = /^\d{1,2}$/.test(t) ? Number(t) : t.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(t)) + 1 : 0;
  return n >= 1 && n <= 12 ? String(n).padStart(2, '0') : undefined;
}
