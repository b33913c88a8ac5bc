import type { Person } from '../model/entry.js';
import type { Profile } from '../model/profile.js';
import { safeHref } from '../validate/links.js';
import { peopleMatcher } from './owner.js';

/**
 * Where each co-author of the profile's `people:` links: their `url` (https: only), else their
 * ORCID page. Names match as the owner's do (render/owner.ts): any format, any spelling of an
 * accented letter, never another given name.
 */
export function peopleLinks(profile: Pick<Profile, 'people'>): (p: Person) => string | undefined {
  const people = (profile.people ?? []).map((x) => ({ names: [x.name, ...(x.aliases ?? [])], href: hrefOf(x) }));
  const which = peopleMatcher(people.map((x) => x.names));
  return (p) => {
    const i = which(p);
    return i === undefined ? undefined : people[i].href;
  };
}

function hrefOf(x: NonNullable<Profile['people']>[number]): string | undefined {
  const url = x.url?.trim();
  if (url && /^https:/i.test(url)) return safeHref(url) ?? undefined;
  return x.orcid ? `https://orcid.org/${x.orcid}` : undefined;
}
