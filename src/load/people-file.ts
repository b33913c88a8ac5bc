import path from 'node:path';
import { z } from 'zod';
import { personSchema, type PersonConfig } from '../model/profile.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { dependsOnFile } from '../deps.js';
import { checkLink } from '../validate/links.js';
import { coauthorsSchema, fromCoauthors } from './coauthors-yml.js';
import { isFile, resolveInside } from './paths.js';
import { readSource, type SourceText } from './source-text.js';
import { checkSchema, parseYamlFile, type YamlCodes } from './yaml-file.js';

/**
 * al-folio's coauthors.yml is a few kilobytes. 256 KB is over two thousand people, and the YAML
 * parser takes about a second for it (some 10 s for a megabyte on a busy machine).
 */
const MAX_PEOPLE_BYTES = 262_144;

export const PEOPLE_CODES: YamlCodes = {
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
  dependsOnFile(inside.path); // missing now, it may be made later
  if (!(await isFile(inside.path))) {
    report.error(profile, ref.at, {
      code: 'people/not-found',
      message: `people: "${ref.written}" is not a file (the path is relative to the profile)`,
      hint: 'Give the path of a YAML file of co-authors, e.g. people: _data/coauthors.yml, or list them under people:.',
    });
    return undefined;
  }
  const src = await readSource(inside.path, ref.show(inside.path), report);
  return src && parsePeople(src, report);
}

/**
 * A people file: a YAML list in the profile's `people:` format, or al-folio's `_data/coauthors.yml`
 * (a map of last names). Wrong shapes are errors at their node; a url that is not https: is dropped
 * with a warning. An empty file is no one.
 */
export function parsePeople(source: SourceText, report: Reporter): PersonConfig[] | undefined {
  const yaml = parseYamlFile(source, report, PEOPLE_CODES, MAX_PEOPLE_BYTES, 'the people file');
  if (!yaml) return undefined;
  const { data } = yaml;
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) {
    const list = checkSchema(z.array(personSchema), data, yaml, source.file, report, PEOPLE_CODES);
    return list?.map((p, i) => httpsOnly(p, source.file, yaml.locate([i, 'url']), report));
  }
  if (typeof data === 'object') {
    const map = checkSchema(coauthorsSchema, data, yaml, source.file, report, PEOPLE_CODES);
    return map && fromCoauthors(map).map(({ person, at }) => httpsOnly(person, source.file, yaml.locate(at), report));
  }
  report.error(source.file, yaml.locate([]) ?? { line: 1, column: 1 }, {
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
