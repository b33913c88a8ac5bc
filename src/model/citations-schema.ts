import { z } from 'zod';

// `citations:` of profile.yaml, on its own: model/profile.ts holds it, model/citation-settings.ts reads it.

const citationSource = z
  .enum(['openalex', 'inspire'])
  .describe('openalex: OpenAlex first, then Semantic Scholar (INSPIRE-HEP first for entries with inspirehep_id); inspire: INSPIRE-HEP first for every entry, then OpenAlex, then Semantic Scholar');

/** `citations: openalex`, or the object form with the opt-in parts (model/citation-settings.ts reads both). */
export const citationsSetting = z
  .union([
    citationSource,
    z.strictObject({
      source: citationSource.default('openalex'),
      by_title: z.boolean().default(false).describe('Entries with neither DOI nor arXiv id are looked up in OpenAlex by their exact title and year; a count is shown only for an exact match'),
      totals: z.boolean().default(false).describe('Total citations and h-index over the page\'s entries, in the header'),
    }),
  ], { error: (iss) => citationsProblem(iss as unknown as { input: unknown; errors: { path: PropertyKey[]; message: string }[][] }) })
  .describe('Show "Cited by N" per entry (by DOI, arXiv id or inspirehep_id); entries with citations = {false} are left out');

/** The union's one useful complaint: the object form's when given an object, else the name's. */
function citationsProblem(iss: { input: unknown; errors: { path: PropertyKey[]; message: string }[][] }): string {
  const isObject = typeof iss.input === 'object' && iss.input !== null && !Array.isArray(iss.input);
  const first = iss.errors[isObject ? 1 : 0]?.[0];
  if (!first) return 'expected openalex, inspire, or {source, by_title, totals}';
  return isObject ? `${first.path.map(String).join('.')}: ${first.message}` : `${first.message}, or an object {source, by_title, totals}`;
}
