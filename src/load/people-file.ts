import path from 'node:path';
import { z } from 'zod';
import { personSchema, type PersonConfig } from '../model/profile.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { checkLink } from '../validate/links.js';
import { coauthorsSchema, fromCoauthors } from './coauthors-yml.js';
import { resolveInside } from './paths.js';
import { loadDataFile, MAX_DATA_FILE_BYTES, type DataFileCodes } from './data-file.js';
import type { SourceText } from './source-text.js';
import { checkSchema, parseYamlFile, type YamlCodes, type YamlFile } from './yaml-file.js';

export const PEOPLE_CODES: YamlCodes & DataFileCodes = {
  notFound: 'people/not-found',
  tooLarge: 'people/too-large',
  syntax: 'people/yaml-syntax',
  duplicateKey: 'people/duplicate-key',
  aliasLimit: 'people/alias-limit',
  unknownKey: 'people/unknown-key',
  schema: 'people/schema',
};

/** Where `people:` was written, for problems with the path itself. */
export interface PeopleRef {
  /** The path as written in the profile. */
  written: string;
  profileFile: string;
  siteRoot: string;
  /** The `people:` value in the profile. */
  at?: Position;
  /** A path as diagnostics show it (relative to where the command runs). */
  show(file: string): string;
}

/**
 * Reads the file `people:` names into the list an inline `people:` gives. A path outside the site
 * folder or a missing file is an error at the `people:` line of the profile; a problem inside the
 * file, at its line there. The file is an input of the build: `watch` rebuilds when it changes.
 */
export async function readPeopleFile(ref: PeopleRef, report: Reporter): Promise<PersonConfig[] | undefined> {
  const profile = ref.show(ref.profileFile);
  const inside = await resolveInside(ref.siteRoot, path.dirname(ref.profileFile), ref.written);
  if ('problem' in inside) {
    report.error(profile, ref.at, { code: 'path/outside-root', message: `people: ${inside.problem}` });
    return undefined;
  }
  const shown = ref.show(inside.path);
  // Missing now, it may be made later: the build depends on it all the same (loadDataFile).
  const notFound = {
    message: `people: "${ref.written}" is not a file (the path is relative to the profile)`,
    hint: 'Give the path of a YAML file of co-authors, e.g. people: _data/coauthors.yml, or list them under people:.',
  };
  const yaml = await loadDataFile(inside.path, shown, { file: profile, pos: ref.at, notFound }, PEOPLE_CODES, report, 'error');
  return yaml && peopleOf(yaml, shown, report);
}

/**
 * A people file: a YAML list in the profile's `people:` format, or al-folio's `_data/coauthors.yml`
 * (a map of last names). Wrong shapes are errors at their node; a url that is not https: is dropped
 * with a warning. An empty file is no one.
 */
export function parsePeople(source: SourceText, report: Reporter): PersonConfig[] | undefined {
  const yaml = parseYamlFile(source, report, PEOPLE_CODES, MAX_DATA_FILE_BYTES, 'the people file');
  return yaml && peopleOf(yaml, source.file, report);
}

/** The people of a people file read as YAML (`file`: as diagnostics show it). */
function peopleOf(yaml: YamlFile, file: string, report: Reporter): PersonConfig[] | undefined {
  const { data } = yaml;
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) {
    const list = checkSchema(z.array(personSchema), data, yaml, file, report, PEOPLE_CODES);
    return list?.map((p, i) => httpsOnly(p, file, yaml.locate([i, 'url']), report));
  }
  if (typeof data === 'object') {
    const map = checkSchema(coauthorsSchema, data, yaml, file, report, PEOPLE_CODES);
    return map && fromCoauthors(map).map(({ person, at }) => httpsOnly(person, file, yaml.locate(at), report));
  }
  report.error(file, yaml.locate([]) ?? { line: 1, column: 1 }, {
    code: 'people/schema',
    message: `expected a list of people ({name, aliases, url, orcid}) or al-folio's coauthors.yml (last name: [{firstname, url}]), found ${typeof data}`,
  });
  return undefined;
}

/**
 * The person, without a url that is not https: (the page would not link it): a warning at the url,
 * so the user learns why the name is plain text. ORCID, when given, is the link then.
 */
export function httpsOnly(person: PersonConfig, file: string, at: Position | undefined, report: Reporter): PersonConfig {
  if (person.url === undefined) return person;
  const url = person.url.trim();
  const problem = /^https:/i.test(url) ? checkLink(url) : 'it is not https:';
  if (!problem) return person;
  report.warn(file, at, {
    code: 'people/not-https',
    message: `url of "${person.name}" is refused (${problem}), so the name is not linked to it`,
    hint: 'Write an https:// address.',
  });
  const { url: _dropped, ...rest } = person;
  return rest;
}
