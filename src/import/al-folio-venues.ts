import { MAX_DATA_FILE_BYTES } from '../load/data-file.js';
import type { ProfileInput } from '../model/profile.js';
import { readSite, yamlData } from './source.js';
import type { ImportContext } from './types.js';

const VENUES = '_data/venues.yml';

/**
 * al-folio's `_data/venues.yml` (badge colours and links by `abbr`): named by `venues:` and read
 * where it is, as `papers.bib` is; the build checks each entry. `fromOut`: the path as the profile names it.
 */
export async function importVenues(ctx: ImportContext, profile: ProfileInput, fromOut: (rel: string) => string): Promise<void> {
  const text = await readSite(ctx.site, VENUES, ctx.report);
  if (text === undefined) return;
  if (Buffer.byteLength(text) > MAX_DATA_FILE_BYTES) {
    ctx.report.drop(VENUES, 0, 'venue badge colours', `the file is over ${MAX_DATA_FILE_BYTES} bytes, more than a build reads`);
    return;
  }
  const y = yamlData(text);
  if (y.problem) {
    ctx.report.drop(VENUES, y.problem.line, 'venue badge colours', `it does not parse: ${y.problem.message}`);
    return;
  }
  const count = Object.values(y.data).filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v)).length;
  profile.venues = fromOut(VENUES);
  ctx.report.carry(VENUES, 0, `venues: ${profile.venues}`, `${count} venue${count === 1 ? '' : 's'}: badge colours and links by abbr, used where it is, not copied`);
}
