import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadBib, type BibFile } from './bib.js';
import { EntryCache } from './entry-cache.js';
import { cacheDirFor, profileFileFor } from './site-paths.js';
import { dependsOnFile } from '../deps.js';
import { loadProfile, MAX_PROFILE_BYTES } from './profile.js';
import { readSource, type SourceText } from './source-text.js';
import { isFile, isWithin } from './paths.js';
import type { Profile, ProfileFile, PersonConfig } from '../model/profile.js';
import { plainProfile } from '../model/plain-profile.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import type { Venues } from '../model/venues.js';
import { loadVenues } from './venues.js';

export interface SiteInputs {
  /** The .bib path as given on the command line. */
  bib?: string;
  profile?: string;
  cwd: string;
  /** The cache folder (default: .scholar-cache beside the profile, or in the site folder). */
  cacheDir?: string;
  /** The .bib's text, given instead of read (src/patch/ builds one entry of it alone): no entry cache. */
  bibSource?: SourceText;
}

/** Everything loaded from disk; what failed to load is reported, and the rest is still here. */
export interface Site {
  profile: Profile;
  /** False when the profile was missing or invalid and defaults stand in. */
  profileLoaded: boolean;
  profileFile?: string;
  locateInProfile(path: (string | number)[]): Position | undefined;
  bibFile?: string;
  bibDir: string;
  /** Local files (thumbnails, avatar) must resolve inside this folder. */
  siteRoot: string;
  cacheDir: string;
  bib?: BibFile;
  /** The profile's `venues:`, checked: badge colours and links by venue label. */
  venues: Venues;
  /** Writes what this load added to the entry cache (done last, after the page is written). */
  saveCache(): Promise<void>;
}

/** Paths in diagnostics are shown relative to where the user ran the command. */
export const display = (cwd: string, p: string): string => path.relative(cwd, p) || p;

/**
 * Finds and loads the profile and the .bib. The profile defaults to profile.yaml beside the .bib;
 * the .bib defaults to the profile's `bibliography`. With no profile at all, defaults stand in.
 */
export async function loadSite(inputs: SiteInputs, report: Reporter): Promise<Site> {
  const { cwd } = inputs;
  const bibArg = inputs.bib ? path.resolve(cwd, inputs.bib) : undefined;
  const profileFile = profileFileFor({ profile: inputs.profile, cwd, bibFile: bibArg });

  let profile: ProfileFile | undefined;
  let found = false;
  let locate: Site['locateInProfile'] = () => undefined;
  dependsOnFile(profileFile);
  // A profile.yaml that is not a regular file (a link to a device, a pipe) is read, to say so.
  if (await stat(profileFile).then((st) => !st.isDirectory(), () => false)) {
    found = true;
    const src = await readSource(profileFile, display(cwd, profileFile), report, { bytes: MAX_PROFILE_BYTES, code: 'profile/too-large' });
    const loaded = src && (await loadProfile(src, report));
    profile = loaded?.profile;
    if (loaded) locate = loaded.locate;
  } else if (inputs.profile) {
    report.error(display(cwd, profileFile), undefined, { code: 'profile/not-found', message: 'profile file not found' });
  }

  const bibFile = bibArg ?? (profile?.bibliography ? path.resolve(path.dirname(profileFile), profile.bibliography) : undefined);
  if (!bibFile && (found ? profile !== undefined : !inputs.profile)) {
    report.error(display(cwd, profileFile), undefined, {
      code: 'cli/no-bibliography',
      message: found ? 'no .bib file given, and the profile names none (bibliography:)' : 'no .bib file given and no profile.yaml here',
      hint: 'Run `scholar-page build refs.bib`, or add `bibliography: refs.bib` to profile.yaml.',
    });
  }
  if (!found && !inputs.profile && bibFile) {
    report.warn(display(cwd, profileFile), undefined, {
      code: 'profile/missing',
      message: 'no profile.yaml beside the .bib; building a plain page of every entry, grouped by year',
      hint: 'Run `scholar-page init` for a starter profile.yaml.',
    });
  }
  const bibDir = bibFile ? path.dirname(bibFile) : cwd;
  const profileDir = path.dirname(profileFile);
  // The site folder: the profile's, else the folder the command runs in, else the .bib's own; and
  // for an al-folio `_bibliography/papers.bib` built as it is, the Jekyll site around it, where its
  // previews are (`assets/img/publication_preview/`, and paths relative to that folder).
  const near = found && isWithin(profileDir, bibDir) ? profileDir : isWithin(cwd, bibDir) ? cwd : bibDir;
  const jekyll = path.dirname(bibDir);
  const siteRoot = !found && path.basename(bibDir) === '_bibliography' && isWithin(jekyll, near) && (await isFile(path.join(jekyll, '_config.yml'))) ? jekyll : near;

  // One list, whether written in the profile or in the file it names (which the YAML parser reads:
  // loaded only then).
  let people: PersonConfig[] | undefined;
  const written = profile?.people;
  if (written !== undefined) {
    const { readPeopleFile, httpsOnly } = await import('./people-file.js');
    people = typeof written === 'string'
      ? await readPeopleFile({ written, profileFile, siteRoot, at: locate(['people']), show: (f) => display(cwd, f) }, report)
      : written.map((p, i) => httpsOnly(p, display(cwd, profileFile), locate(['people', i, 'url']), report));
  }

  const venues = await loadVenues({ profile, profileFile, siteRoot, locateInProfile: locate, display: (f) => display(cwd, f) }, report);
  const cacheDir = cacheDirFor({ cacheDir: inputs.cacheDir, cwd, profileFile, profileFound: found, bibFile });

  let bib: BibFile | undefined;
  let cache: EntryCache | undefined;
  if (bibFile) {
    if (inputs.bibSource) bib = loadBib(inputs.bibSource, report);
    else {
      const src = await readSource(bibFile, display(cwd, bibFile), report);
      if (src) {
        cache = await EntryCache.open(cacheDir, report, (f) => display(cwd, f));
        bib = loadBib(src, report, { cache, reuse: bibFile });
      }
    }
  }
  const fallbackName = bibFile ? path.basename(bibFile, path.extname(bibFile)) : 'Publications';
  return {
    profile: profile ? { ...profile, people } : plainProfile(fallbackName),
    profileLoaded: profile !== undefined,
    profileFile: found ? profileFile : undefined,
    locateInProfile: locate,
    bibFile,
    bibDir,
    siteRoot,
    cacheDir,
    bib,
    venues,
    saveCache: async () => cache?.save(),
  };
}
