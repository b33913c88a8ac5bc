import type { Profile, PublicationFilter, SectionConfig } from '../model/profile.js';
import type { Publication } from '../model/publication.js';

/** Newest first; entries without a usable year go last; ties keep file order (stable). */
export function sortPublications(pubs: Publication[]): Publication[] {
  return [...pubs].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || a.entry.index - b.entry.index);
}

const lower = (xs: string[] | undefined): string[] | undefined => xs?.map((x) => x.toLowerCase());

/** An entry's keywords in lower case, once per keywords array (kept per entry: model/per-entry.ts). */
function lowerKeywords(keywords: string[]): string[] {
  let lowered = loweredKeywords.get(keywords);
  if (!lowered) loweredKeywords.set(keywords, (lowered = keywords.map((k) => k.toLowerCase())));
  return lowered;
}
const loweredKeywords = new WeakMap<string[], string[]>();

/** The entries a section shows, in page order. */
export function selectPublications(pubs: Publication[], filter: SectionConfig['publications']): Publication[] {
  if (filter === undefined) return [];
  if (filter === 'all') return sortPublications(pubs);
  const f: PublicationFilter = filter;
  if (f.keys) {
    const byKey = new Map(pubs.map((p) => [p.entry.key, p]));
    return f.keys.map((k) => byKey.get(k)).filter((p): p is Publication => !!p);
  }
  const kw = lower(f.keywords);
  const nokw = lower(f.exclude_keywords);
  const types = lower(f.types);
  return sortPublications(
    pubs.filter((p) => {
      const pk = lowerKeywords(p.keywords);
      if (f.selected !== undefined && p.selected !== f.selected) return false;
      if (kw && !kw.some((k) => pk.includes(k))) return false;
      if (nokw && nokw.some((k) => pk.includes(k))) return false;
      if (types && !types.includes(p.entry.type)) return false;
      if (f.years?.from !== undefined && (p.year === undefined || p.year < f.years.from)) return false;
      if (f.years?.to !== undefined && (p.year === undefined || p.year > f.years.to)) return false;
      return true;
    }),
  );
}

/** The sections to render: the profile's, or one "Publications" section grouped by year. */
export function sectionsOf(profile: Profile): SectionConfig[] {
  return profile.sections ?? [{ title: 'Publications', publications: 'all', group_by_year: true }];
}
