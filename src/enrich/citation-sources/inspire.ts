import { withoutTrailingSlashes } from '../link-targets.js';
import type { Lookup } from '../citation-lookup.js';
import type { CitationService } from './service.js';

/** The INSPIRE search that finds the one record: by record number, else DOI, else arXiv id (quoted: exact). */
function query(l: Lookup): string | undefined {
  if (l.inspire) return `recid:${l.inspire}`;
  if (l.work?.startsWith('doi:')) return `doi:"${l.work.slice(4)}"`;
  if (l.work?.startsWith('arxiv:')) return `arxiv:"${l.work.slice(6)}"`;
  return undefined;
}

interface Hits { hits?: { total?: unknown; hits?: { metadata?: { citation_count?: unknown } }[] } }

/**
 * INSPIRE-HEP's literature search with `fields=citation_count`, as its REST API documents for one
 * record's count (a record itself is too large to fetch: thousands of authors). A search that
 * matches no record, or more than one, gives no count.
 */
export function inspire(api: string): CitationService {
  return {
    source: 'INSPIRE-HEP',
    // "15 requests in a 5 s window" per address (its REST API's rate limiting): one every 1/3 s.
    minIntervalMs: 350,
    url: (l) => {
      const q = query(l);
      return q && `${withoutTrailingSlashes(api)}/literature?fields=citation_count&size=2&q=${encodeURIComponent(q)}`;
    },
    count: (json) => {
      const found = (json as Hits).hits;
      if (!Array.isArray(found?.hits)) return { reason: 'the response has no search hits' };
      const n = Math.max(Number.isSafeInteger(found.total) ? (found.total as number) : 0, found.hits.length);
      if (n === 0) return { reason: 'not found (no record matches)' };
      if (n > 1) return { reason: `${n > 1000 ? 'more than 1000' : n} records match` };
      return { value: found.hits[0]?.metadata?.citation_count };
    },
  };
}
