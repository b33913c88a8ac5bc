import { withoutTrailingSlashes } from '../link-targets.js';
import { titleWords } from '../citation-lookup.js';
import { mailtoParam, pathOf, type CitationService } from './service.js';

/** OpenAlex by DOI, `cited_by_count`; arXiv papers are there under the DOIs arXiv mints for them. */
export function openAlex(api: string, email: string | undefined, key?: string): CitationService {
  const mailto = params(email, key);
  return {
    source: 'OpenAlex',
    url: (l) => {
      if (!l.work) return undefined;
      const doi = l.work.startsWith('doi:') ? l.work.slice(4) : `10.48550/arXiv.${l.work.slice(6)}`;
      return `${withoutTrailingSlashes(api)}/works/doi:${pathOf(doi)}${mailto && `?${mailto}`}`;
    },
    count: (json) => ({ value: (json as { cited_by_count?: unknown }).cited_by_count }),
  };
}

/** `mailto=` for the polite pool and `api_key=` (OpenAlex asks for a free key since 2026-02-13; lookups by DOI are free without one, searches are not). */
function params(email: string | undefined, key: string | undefined): string {
  return [mailtoParam(email), key ? `api_key=${encodeURIComponent(key)}` : ''].filter(Boolean).join('&');
}

interface Work { display_name?: unknown; publication_year?: unknown; cited_by_count?: unknown }

/**
 * OpenAlex's works filtered by title words and publication year. The search is by words, so its
 * results are only candidates: one whose title has exactly the entry's words and whose year is the
 * entry's is taken; none, or two, is no count (a wrong count is worse than none).
 */
export function openAlexByTitle(api: string, email: string | undefined, key?: string): CitationService {
  const mailto = params(email, key);
  return {
    source: 'OpenAlex',
    // The words have no comma, colon or pipe left to break the filter's syntax.
    url: (l) => l.title && `${withoutTrailingSlashes(api)}/works?filter=title.search:${encodeURIComponent(l.title.words)},publication_year:${l.title.year}&select=id,display_name,publication_year,cited_by_count&per_page=10${mailto && `&${mailto}`}`,
    count: (json, l) => {
      const results = (json as { results?: unknown }).results;
      if (!Array.isArray(results)) return { reason: 'the response has no list of results' };
      const exact = results.filter((w: Work | null) => typeof w?.display_name === 'string' && w.publication_year === l.title!.year && titleWords(w.display_name) === l.title!.words) as Work[];
      if (exact.length === 1) return { value: exact[0].cited_by_count };
      if (exact.length > 1) return { reason: `${exact.length} works have this exact title and year`, definite: true };
      const n = results.length;
      return { reason: n ? (n === 1 ? 'the one work its search found has another title or year' : `none of the ${n} works its search found has exactly this title and year`) : 'its search found no work of this year with these words', definite: true };
    },
  };
}
