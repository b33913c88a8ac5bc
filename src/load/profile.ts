import type { ProfileFile } from '../model/profile.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import type { SourceText } from './source-text.js';
import type { YamlCodes } from './yaml-file.js';

export const MAX_PROFILE_BYTES = 1_000_000;

const CODES: YamlCodes = {
  tooLarge: 'profile/too-large',
  syntax: 'profile/yaml-syntax',
  duplicateKey: 'profile/duplicate-key',
  aliasLimit: 'profile/alias-limit',
  unknownKey: 'profile/unknown-key',
  schema: 'profile/schema',
};

export interface LoadedProfile {
  /** The profile as written: `people:` may still be the path of a file (load/people-file.ts reads it). */
  profile?: ProfileFile;
  /** Where the YAML node at a path (e.g. ['links', 2, 'url']) starts, for later diagnostics. */
  locate(path: (string | number)[]): Position | undefined;
}

/**
 * Parses and checks profile.yaml. Every problem is reported with the line of its YAML node. The
 * YAML parser and the schema's library (~0.1 s to load) load here, not with the pipeline: a .bib
 * built without a profile never needs them.
 */
export async function loadProfile(source: SourceText, report: Reporter): Promise<LoadedProfile> {
  const [{ checkSchema, parseYamlFile }, { profileSchema }] = await Promise.all([import('./yaml-file.js'), import('../model/profile.js')]);
  const yaml = parseYamlFile(source, report, CODES, MAX_PROFILE_BYTES, 'profile');
  if (!yaml) return { locate: () => undefined };
  return { profile: checkSchema(profileSchema, yaml.data ?? {}, yaml, source.file, report, CODES), locate: yaml.locate };
}
