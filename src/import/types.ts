import type { ProfileInput } from '../model/profile.js';
import type { ImportReport } from './report.js';

/** Where an import reads and writes. */
export interface ImportContext {
  /** The source site (absolute); only read. */
  site: string;
  /** The folder profile.yaml goes into (absolute). */
  out: string;
  report: ImportReport;
}

/** What an importer makes: the profile, and a `.bib` to write beside it when the site has none. */
export interface Imported {
  profile: ProfileInput;
  bib?: string;
}
