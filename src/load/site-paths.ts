import path from 'node:path';
import { isWithin } from './paths.js';

/** The profile: --profile, else profile.yaml beside the .bib, else in the folder the command runs in. */
export function profileFileFor(a: { profile?: string; cwd: string; bibFile?: string }): string {
  return a.profile ? path.resolve(a.cwd, a.profile) : path.join(a.bibFile ? path.dirname(a.bibFile) : a.cwd, 'profile.yaml');
}

/**
 * The cache folder: --cache-dir, else .scholar-cache beside the profile, else in the site folder
 * (the folder the command runs in when the .bib is inside it, else the .bib's own). Decided from
 * paths and the profile's existence alone, so the up-to-date check can find it before loading anything.
 */
export function cacheDirFor(a: { cacheDir?: string; cwd: string; profileFile: string; profileFound: boolean; bibFile?: string }): string {
  if (a.cacheDir) return path.resolve(a.cwd, a.cacheDir);
  if (a.profileFound) return path.join(path.dirname(a.profileFile), '.scholar-cache');
  const bibDir = a.bibFile ? path.dirname(a.bibFile) : a.cwd;
  return path.join(isWithin(a.cwd, bibDir) ? a.cwd : bibDir, '.scholar-cache');
}
