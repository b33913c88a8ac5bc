import { z } from 'zod';
import type { PersonConfig } from '../model/profile.js';

/**
 * al-folio's `_data/coauthors.yml`: lower-case last name → the people of that name, each with the
 * spellings of their given names and a url. al-folio (`_layouts/bib.liquid`) links an author when
 * the accent-less lower-case last name is a key and the given names are one of `firstname`; other
 * keys are ignored there, and here. `firstname` may be one string (al-folio then tests a substring).
 */
export const coauthorsSchema = z.record(
  z.string().min(1),
  z.array(
    z.object({
      firstname: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      // `url:` left empty (YAML null) is no link, as al-folio leaves that name unlinked.
      url: z.string().nullish().transform((u) => u ?? undefined),
    }),
  ),
);

/**
 * The people of a coauthors.yml, each as the profile's `people:` would list them: every given-name
 * spelling with the last name ("Adams, E. P."), the first spelling as the name. Matching is by the
 * owner's rules (case, accents and transliterations aside; initials match a given name), which
 * covers what al-folio's exact test did. `at`: the person's url in the file, for a warning.
 */
export function fromCoauthors(map: z.output<typeof coauthorsSchema>): { person: PersonConfig; at: (string | number)[] }[] {
  return Object.entries(map).flatMap(([key, list]) =>
    list.map((c, i) => {
      const last = capitalised(key);
      const names = (typeof c.firstname === 'string' ? [c.firstname] : c.firstname).map((f) => `${last}, ${f.trim()}`);
      const person: PersonConfig = { name: names[0], ...(names.length > 1 ? { aliases: names.slice(1) } : {}), ...(c.url !== undefined ? { url: c.url } : {}) };
      return { person, at: [key, i, 'url'] };
    }),
  );
}

/** A key as written in lower case ("de la cruz"), with each word capitalised for messages ("De La Cruz"). */
function capitalised(key: string): string {
  return key.trim().replace(/(^|[\s-])(\p{Ll})/gu, (_m, before: string, c: string) => before + c.toUpperCase());
}
