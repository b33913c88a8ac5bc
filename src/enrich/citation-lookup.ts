import { htmlToText } from '../load/sanitize.js';
import type { Publication } from '../model/publication.js';
import type { CitationSettings } from '../model/citation-settings.js';

/** What one entry is looked up by, and the cache key of the answer. */
export interface Lookup {
  /** "inspire:451647", "doi:10.1/x", "arxiv:2101.00001" or "title:2020:deep learning for graphs". */
  key: string;
  /** INSPIRE-HEP literature record number (`inspirehep_id`). */
  inspire?: string;
  /** DOI or arXiv id, as the cache keys it. */
  work?: string;
  /** Only when the profile asks for title lookups and there is no identifier. */
  title?: { words: string; year: number };
}

const DOI_URL = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i;
const ARXIV_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//i;

/**
 * The work an entry names, as the cache keys it: its DOI, else its arXiv id; else a doi.org or
 * arxiv.org address in `url`, `pdf` or `html` (al-folio's way of giving them), in that order.
 */
export function workOf(raw: Record<string, string>): string | undefined {
  const eprint = /arxiv/i.test(raw.archiveprefix ?? raw.eprinttype ?? '') ? raw.eprint : undefined;
  const named = doiKey(raw.doi) ?? arxivKey(raw.arxiv ?? eprint);
  if (named) return named;
  for (const field of ['url', 'pdf', 'html']) {
    const v = raw[field]?.trim() ?? '';
    const found = DOI_URL.test(v) ? doiKey(v) : ARXIV_URL.test(v) ? arxivKey(v.replace(ARXIV_URL, '').replace(/\.pdf$/i, '')) : undefined;
    if (found) return found;
  }
  return undefined;
}

function doiKey(v: string | undefined): string | undefined {
  const doi = v?.trim().replace(DOI_URL, '');
  return doi && /^10\.\d{4,9}\/\S{1,300}$/.test(doi) ? `doi:${doi.toLowerCase()}` : undefined;
}

function arxivKey(v: string | undefined): string | undefined {
  const id = v?.trim().replace(/^(?:https?:\/\/arxiv\.org\/abs\/|arxiv:)/i, '').replace(/v\d+$/, '');
  return id && /^(?:\d{4}\.\d{4,5}|[a-z-]{2,20}(?:\.[a-z]{2})?\/\d{7})$/i.test(id) ? `arxiv:${id.toLowerCase()}` : undefined;
}

/**
 * al-folio's `inspirehep_id`: a record number, or its page's URL. `null`: the field is there but is
 * neither (reported, not guessed at).
 */
export function inspireIdOf(raw: Record<string, string>): string | null | undefined {
  const v = raw.inspirehep_id?.trim();
  if (v === undefined) return undefined;
  const m = /^(?:https?:\/\/(?:www\.)?inspirehep\.net\/(?:api\/)?literature\/)?(\d{1,10})\/?$/i.exec(v);
  return m && Number(m[1]) > 0 ? String(Number(m[1])) : null;
}

/**
 * A title as words to compare exactly: accents, case, punctuation and markup set aside ("Über
 * Graphs: a <i>Survey</i>" → "uber graphs a survey"). Nothing else is forgiven: a word more or less,
 * or another spelling, is another title.
 */
export function titleWords(title: string): string {
  return title
    .replace(/<\/?[a-z][^<>]{0,200}>/gi, ' ')
    .replace(/&(?:[a-z]{2,8}|#\d{1,7});/gi, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** Longer titles are not looked up: the cache keys them whole. */
const MAX_TITLE = 500;

/** `citations = {false}` on an entry: no badge, no lookup, and not in the header's totals. */
export const citationsOff = (raw: Record<string, string>): boolean => /^\s*false\s*$/i.test(raw.citations ?? '');

/** How an entry is looked up, or undefined when it cannot be (nor by title, when that is off). */
export function lookupOf(p: Publication, settings: CitationSettings): Lookup | undefined {
  const recid = inspireIdOf(p.entry.raw) ?? undefined;
  const work = workOf(p.entry.raw);
  if (recid) return { key: `inspire:${recid}`, inspire: recid, work };
  if (work) return { key: work, work };
  if (!settings.byTitle || p.year === undefined) return undefined;
  const words = titleWords(htmlToText(p.entry.html.title ?? ''));
  if (!words || words.length > MAX_TITLE) return undefined;
  return { key: `title:${p.year}:${words}`, title: { words, year: p.year } };
}
