import path from 'node:path';
import type { Position, Reporter } from '../model/diagnostic.js';
import type { ProfileFile } from '../model/profile.js';
import type { Venues } from '../model/venues.js';
import { checkVenues } from '../validate/venues.js';
import type { DataFileCodes } from './data-file.js';
import { resolveInside } from './paths.js';

const CODES: DataFileCodes = { notFound: 'venues/not-found', tooLarge: 'venues/too-large', syntax: 'venues/yaml-syntax', duplicateKey: 'venues/duplicate-key', aliasLimit: 'venues/yaml-syntax' };

/** What loadVenues needs of the site being loaded. */
export interface VenuesSite {
  /** Undefined when the profile did not load: no venues then. */
  profile?: ProfileFile;
  profileFile: string;
  siteRoot: string;
  locateInProfile(path: (string | number)[]): Position | undefined;
  /** A path as diagnostics show it. */
  display(file: string): string;
}

/**
 * The profile's `venues:`: its own map, or an al-folio `venues.yml` it names (relative to the
 * profile, inside the site folder), read where it is. Checked entry by entry (validate/venues.ts).
 */
export async function loadVenues(site: VenuesSite, report: Reporter): Promise<Venues> {
  const v = site.profile?.venues;
  const profileDisplay = site.display(site.profileFile);
  if (v === undefined) return new Map();
  if (typeof v !== 'string') return checkVenues(v, (p) => site.locateInProfile(['venues', ...p]), profileDisplay, report);
  const namedAt = { file: profileDisplay, pos: site.locateInProfile(['venues']) };
  const inside = await resolveInside(site.siteRoot, path.dirname(site.profileFile), v);
  if ('problem' in inside) {
    report.error(namedAt.file, namedAt.pos, { code: 'path/outside-root', message: `venues: ${inside.problem}` });
    return new Map();
  }
  const shown = site.display(inside.path);
  const { loadDataFile } = await import('./data-file.js');
  const file = await loadDataFile(inside.path, shown, namedAt, CODES, report);
  return file ? checkVenues(file.data, file.locate, shown, report) : new Map();
}
