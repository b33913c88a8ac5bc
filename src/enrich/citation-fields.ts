import type { EnrichContext } from './enricher.js';
import type { Publication } from '../model/publication.js';
import type { CitationSettings } from '../model/citation-settings.js';

/** al-folio fields whose badges are a third party's script: recognized, and said to be left out. */
const THIRD_PARTY = ['altmetric', 'dimensions', 'google_scholar_id'];

/**
 * Says which citation fields of al-folio the page does not use: those whose badge is a third
 * party's script, always; `inspirehep_id` while citation counts are off (with them on, it is used).
 */
export function reportUnusedFields(pubs: Publication[], ctx: EnrichContext, settings: CitationSettings | undefined): void {
  for (const field of settings ? THIRD_PARTY : [...THIRD_PARTY, 'inspirehep_id']) {
    const having = pubs.filter((p) => p.entry.raw[field] !== undefined);
    if (!having.length) continue;
    const first = having[0].entry;
    const entries = `${having.length} entr${having.length === 1 ? 'y' : 'ies'}`;
    ctx.report.info(first.file, first.fieldPos[field] ?? first.pos, field === 'inspirehep_id'
      ? { code: 'citations/inspire-unused', message: `\`inspirehep_id\` (${entries}) is not used: citation counts are off`, hint: 'set `citations: openalex` (or `inspire`) in the profile for INSPIRE-HEP counts' }
      : {
        code: 'citations/third-party-field',
        message: `\`${field}\` (${entries}) is not shown: its badge needs a third-party script`,
        hint: settings ? undefined : 'for citation counts without a script, set `citations: openalex` in the profile',
      });
  }
}
