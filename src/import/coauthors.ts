import { MAX_DATA_FILE_BYTES } from '../load/data-file.js';
import { readSiteBytes } from './source.js';
import { Reporter } from '../model/diagnostic.js';
import type { ProfileInput } from '../model/profile.js';
import { parsePeople } from '../load/people-file.js';
import { decodeSource } from '../load/source-text.js';
import type { ImportContext } from './types.js';

const COAUTHORS = '_data/coauthors.yml';

/**
 * al-folio's co-author links: `people:` names `_data/coauthors.yml` where it is (the build reads
 * al-folio's format), when it loads as the build will load it. A url the page will not link (not
 * https:) is reported as not carried; a file that does not load is left out, with its first problem.
 */
export async function coauthors(ctx: ImportContext, profile: ProfileInput, fromOut: (rel: string) => string): Promise<void> {
  const bytes = await readSiteBytes(ctx.site, COAUTHORS, ctx.report, MAX_DATA_FILE_BYTES, 'co-author links');
  if (!bytes) return;
  const found = new Reporter();
  const src = decodeSource(bytes, COAUTHORS, found);
  const people = src && parsePeople(src, found);
  const error = found.list.find((d) => d.severity === 'error');
  if (!people || error) {
    ctx.report.drop(COAUTHORS, error?.line ?? 0, 'co-author links', `it does not load: ${error?.message ?? 'unreadable'}; fix it, then add people: ${fromOut(COAUTHORS)}`);
    return;
  }
  if (!people.length) {
    // al-folio ships the file with every example commented out.
    ctx.report.drop(COAUTHORS, 0, 'co-author links', 'the file lists no one (its entries are commented out)');
    return;
  }
  profile.people = fromOut(COAUTHORS);
  ctx.report.carry(COAUTHORS, 0, `people: ${profile.people} (${people.length} ${people.length === 1 ? 'person' : 'people'})`, 'co-author links, used where it is, not copied');
  for (const d of found.list) ctx.report.drop(COAUTHORS, d.line, 'a co-author link', d.message);
}
