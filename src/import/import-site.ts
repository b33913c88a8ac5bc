import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { isWithin } from '../load/paths.js';
import { profileSchema } from '../model/profile.js';
import { importAcademicPages, isAcademicPages } from './academicpages.js';
import { importAlFolio, isAlFolio } from './al-folio.js';
import { importHugoBlox, isHugoBlox } from './hugo-blox.js';
import { ImportReport } from './report.js';
import type { ImportContext, Imported } from './types.js';

// academicpages first: it has an about page too.
export const KINDS = ['academicpages', 'al-folio', 'hugo-blox'] as const;
export type SiteKind = (typeof KINDS)[number];

const IMPORTERS: Record<SiteKind, { detect(site: string): Promise<boolean>; run(ctx: ImportContext): Promise<Imported> }> = {
  academicpages: { detect: isAcademicPages, run: importAcademicPages },
  'al-folio': { detect: isAlFolio, run: importAlFolio },
  'hugo-blox': { detect: isHugoBlox, run: importHugoBlox },
};

export interface ImportResult {
  kind?: SiteKind;
  report: ImportReport;
  /** Files written, relative to `out`. */
  written: string[];
  /** Files that exist in `out` (without `force` nothing is written then). */
  existing: string[];
  /** `out` does not hold the site, so the profile could not name the site's files; nothing was written. */
  outsideSite?: boolean;
}

/** Which kind of site a folder is, or undefined. */
export async function detectKind(site: string): Promise<SiteKind | undefined> {
  for (const k of KINDS) if (await IMPORTERS[k].detect(site)) return k;
  return undefined;
}

const HEADER = '# yaml-language-server: $schema=./node_modules/scholar-page/data/profile.schema.json\n';

/**
 * Turns a site of another generator into profile.yaml (and refs.bib when the site keeps its papers
 * elsewhere) in `out`. Reads the site only. Never overwrites a file unless `force`.
 */
export async function importSite(o: { site: string; out: string; kind?: SiteKind; force?: boolean }): Promise<ImportResult> {
  const report = new ImportReport();
  const kind = o.kind ?? (await detectKind(o.site));
  if (!kind) return { report, written: [], existing: [] };
  // The build reads only files inside the profile's folder.
  if (!isWithin(o.out, o.site)) return { kind, report, written: [], existing: [], outsideSite: true };
  const ctx: ImportContext = { site: o.site, out: o.out, report };
  const made = await IMPORTERS[kind].run(ctx);
  if (made.bib !== undefined) made.profile.bibliography = 'refs.bib';
  // Only keys the schema accepts reach the file.
  const profile = profileSchema.parse(made.profile) && made.profile;
  const files: [string, string][] = [[`profile.yaml`, `${HEADER}# written by scholar-page import from a site made with ${kind}\n${stringify(profile, { lineWidth: 0 })}`]];
  if (made.bib !== undefined) files.push(['refs.bib', made.bib]);
  const existing: string[] = [];
  for (const [f] of files) if (await stat(path.join(o.out, f)).then(() => true, () => false)) existing.push(f);
  if (existing.length && !o.force) return { kind, report, written: [], existing };
  await mkdir(o.out, { recursive: true });
  for (const [f, text] of files) await writeFile(path.join(o.out, f), text);
  return { kind, report, written: files.map(([f]) => f), existing };
}
