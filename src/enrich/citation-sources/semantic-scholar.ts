import { withoutTrailingSlashes } from '../link-targets.js';
import { pathOf, type CitationService } from './service.js';

/** Semantic Scholar's graph API by DOI or arXiv id, `citationCount`. */
export function semanticScholar(api: string): CitationService {
  return {
    source: 'Semantic Scholar',
    url: (l) => l.work && `${withoutTrailingSlashes(api)}/graph/v1/paper/${l.work.startsWith('doi:') ? 'DOI:' : 'arXiv:'}${pathOf(l.work.slice(l.work.indexOf(':') + 1))}?fields=citationCount`,
    count: (json) => ({ value: (json as { citationCount?: unknown }).citationCount }),
  };
}
