import { STANDARD_FIELDS } from '../load/fields.js';
import type { Enricher } from './enricher.js';
import type { Publication } from '../model/publication.js';
import { perEntry } from '../model/per-entry.js';

/**
 * BibTeX for the page, rebuilt from the parsed fields: standard fields only, in source order.
 * Custom fields (thumbnail, selected, links…) are dropped by name, never by filtering raw text.
 */
export function cleanBibtex(p: Publication): string {
  const e = p.entry;
  const lines = Object.entries(e.raw)
    .filter(([name, value]) => STANDARD_FIELDS.has(name) && name !== 'crossref' && value.trim() !== '')
    .map(([name, value]) => `  ${name} = {${value.trim()}}`);
  return `@${e.type}{${e.key},\n${lines.join(',\n')}\n}`;
}

const keptBibtex = perEntry((entry) => cleanBibtex({ entry } as Publication));

export const cleanBibtexEnricher: Enricher = {
  name: 'clean-bibtex',
  enrich(pubs) {
    for (const p of pubs) p.bibtex = keptBibtex(p.entry, undefined);
  },
};
