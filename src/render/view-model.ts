import { escapeHtml, escapeText, htmlToText } from '../load/sanitize.js';
import type { Person } from '../model/entry.js';
import type { Profile, ProjectConfig } from '../model/profile.js';
import type { Image, Publication } from '../model/publication.js';
import { parseRepo, safeHref } from '../validate/links.js';
import { titleHref } from '../enrich/links.js';
import { ICONS } from './icons.js';
import { favicon, jsonLdChunks, jsonLdWorks, scholarlyArticle } from './page-meta.js';
import type { PageRefs } from './fragments.js';
import type { PageMap } from './page-map.js';
import { footprint } from './footprint.js';
import { viewMemo } from './view-memo.js';
import { scriptJson } from './json-ld.js';
import { markdown } from './markdown.js';
import { ownerMatcher, ownerNames } from './owner.js';
import { peopleLinks } from './people.js';
import { authorsView } from './author-view.js';
import { venueHtml } from './venue-line.js';
import { withoutMarks } from '../load/unicode.js';
import type { PageView, ProjectView, PublicationView, SectionView } from './view-types.js';
import { sectionsOf, selectPublications } from './sections.js';
import { entryIds, paperStems, slug } from './entry-ids.js';
import { entryExtras } from './entry-extras.js';
import { badgeView, venueColorRules } from './venue-colors.js';
import type { LocalFile } from '../model/local-files.js';
import { citationTotals, withThousands } from './citation-totals.js';
import { citationSettings } from '../model/citation-settings.js';

/** Bumped whenever a field is removed or changes meaning; THEMES.md documents each version. */
export const VIEW_VERSION = 1;

export type { AuthorView, BadgeView, PageView, ProjectView, PublicationView, SectionView } from './view-types.js';

export interface ViewInput {
  profile: Profile;
  pubs: Publication[];
  css: string;
  js: string;
  avatar?: Image;
  /** Seconds since the epoch; only used when the profile asks for a timestamp. */
  epoch?: number;
  /** Star counts by "owner/name", for profile projects. */
  starCounts?: Map<string, number>;
  /** Relative profile links resolved to files of the site, by index (validate/local-files.ts). */
  profileFiles?: Map<number, LocalFile>;
  /** The profile's Markdown images, inlined in enrichment, by their source as written. */
  markdownImages?: ReadonlyMap<string, Image>;
  /** Entries link to their paper pages (render/paper-page.ts). */
  paperPages?: boolean;
  version: string;
}

/**
 * Builds the plain-object view the templates see. Everything in it is escaped or sanitized. With
 * `refs` (the pipeline's), `meta.jsonLd` is a marker for its bytes (render/fragments.ts). With a
 * `map`, the publication views in sections are watched and each entry's footprint and view ids
 * recorded (render/page-map.ts).
 */
export function buildView(input: ViewInput, refs?: PageRefs, map?: PageMap): PageView {
  const { profile } = input;
  const isOwner = ownerMatcher(ownerNames(profile));
  const linkOf = peopleLinks(profile);
  const memo = viewMemo<PublicationView>(profile);
  const ids = entryIds(input.pubs);
  const stems = input.paperPages ? paperStems(ids) : undefined;
  const toPub = (p: Publication): PublicationView => {
    const pageHref = stems ? `papers/${stems.get(p)}.html` : null;
    return memo.view(p, ids.get(p)!, () => publicationView(p, ids.get(p)!, profile, isOwner, linkOf, pageHref), pageHref);
  };
  const article = (p: Publication): Buffer => {
    const bytes = memo.article(p, () => Buffer.from(scriptJson(scholarlyArticle(p, isOwner))));
    map?.articleIds.set(bytes, ids.get(p)!);
    return bytes;
  };
  const namesOwner = (p: Publication): boolean => memo.namesOwner(p, () => p.entry.authors.some(isOwner) || p.entry.editors.some(isOwner));
  const shown = new Set<Publication>();
  // An entry shown in two sections ("Selected" and the full list, as al-folio sites have) is one
  // view, but each later copy gets an id of its own (`pub-key--2`): ids stay unique on the page,
  // and its toggles (`<details name>`) do not close the other copy's. Slugs never hold `--`.
  const copies = new Map<Publication, number>();
  const shownAgain = (p: Publication, v: PublicationView): PublicationView => {
    const n = (copies.get(p) ?? 0) + 1;
    copies.set(p, n);
    const shownView = n === 1 ? v : { ...v, id: `${v.id}--${n}` };
    if (map) {
      const at = map.entries.get(p.entry.index) ?? { footprint: map.footprints ? footprint(p, v, namesOwner(p)) : undefined, ids: [] };
      at.ids.push(shownView.id);
      map.entries.set(p.entry.index, at);
    }
    return shownView;
  };
  const sections = sectionsOf(profile).map((s, i): SectionView => {
    const picked = selectPublications(input.pubs, s.publications);
    for (const p of picked) shown.add(p);
    const chosen = picked.map((p) => shownAgain(p, toPub(p)));
    const grouped = s.group_by_year ? groupByYear(chosen) : [{ year: null, entries: chosen }];
    const groups = map ? grouped.map((g) => ({ ...g, entries: g.entries.map((v) => map.watch(v)) })) : grouped;
    return {
      id: s.id ?? (slug(s.title) || `section-${i + 1}`),
      title: s.title,
      introHtml: s.intro ? markdown(s.intro, input.markdownImages) : null,
      kind: s.publications !== undefined ? 'publications' : s.projects !== undefined ? 'projects' : 'markdown',
      projects: (s.projects ?? []).map((p) => projectView(p, input.starCounts, input.markdownImages)),
      bodyHtml: s.markdown !== undefined ? markdown(s.markdown, input.markdownImages) : null,
      groups: chosen.length ? groups : [],
      count: chosen.length,
    };
  });
  const positionLine = joinPosition(profile.position, profile.affiliation);
  const description = profile.description ?? (positionLine || `Publications of ${profile.name}`);
  // The structured data describes what the page shows (search engines ask for no hidden markup),
  // bounded: the owner's works first shown, not a second copy of every entry.
  const jsonLd = jsonLdChunks(profile, description, jsonLdWorks(shown, namesOwner).map(article));
  const email = profile.email?.trim() || null;
  const venueCss = venueColorRules(shown);
  return {
    version: VIEW_VERSION,
    lang: profile.lang,
    generator: `scholar-page ${input.version}`,
    search: profile.search,
    meta: {
      title: profile.native_name ? `${profile.name} (${profile.native_name})` : profile.name,
      description,
      url: safeHref(profile.site_url) ?? null,
      faviconHref: favicon(profile.name),
      jsonLd: refs ? refs.add(jsonLd) : Buffer.concat(jsonLd).toString(),
      updated: profile.timestamp && input.epoch !== undefined ? new Date(input.epoch * 1000).toISOString().slice(0, 10) : null,
    },
    profile: {
      name: profile.name,
      nativeName: profile.native_name ?? null,
      position: profile.position ?? null,
      affiliation: profile.affiliation ?? null,
      positionLine: positionLine || null,
      email,
      emailHref: email && safeHref(`mailto:${email}`) ? `mailto:${email}` : null,
      avatar: input.avatar ?? null,
      bioHtml: profile.bio ? markdown(profile.bio, input.markdownImages) : null,
      links: profile.links.flatMap((l, i) => {
        const url = safeHref(input.profileFiles?.get(i)?.href ?? l.url);
        return url ? [{ label: l.label, url, iconHtml: ICONS[l.icon ?? 'link'] }] : [];
      }),
    },
    authorMarks: Object.entries(profile.author_marks ?? {}).map(([mark, meaning]) => ({ mark, meaning })),
    citationTotals: citationSettings(profile)?.totals ? citationTotals(shown) : null,
    sections,
    // The venue colours after the theme's own rules: checked hex values only (render/venue-colors.ts).
    css: (venueCss ? `${input.css}\n${venueCss}\n` : input.css).replace(/<\/style/gi, '<\\/style'),
    js: input.js.replace(/<\/script/gi, '<\\/script'),
    githubIconHtml: ICONS.github,
    emailIconHtml: ICONS.email,
  };
}

function publicationView(p: Publication, id: string, profile: Profile, isOwner: (x: Person) => boolean, linkOf: (x: Person) => string | undefined, pageHref: string | null): PublicationView {
  const h = p.entry.html;
  const { names, ...people } = authorsView(p, isOwner, profile.max_authors, linkOf);
  const titleText = htmlToText(h.title ?? '') || p.entry.key;
  return {
    key: p.entry.key,
    id,
    type: p.entry.type,
    year: p.year !== undefined ? String(p.year) : escapeHtml(htmlToText(h.year ?? '')),
    titleHtml: h.title || escapeHtml(p.entry.key),
    titleText,
    href: titleHref(p) ?? null,
    pageHref,
    ...people,
    venueHtml: venueHtml(p),
    badge: p.badge ? badgeView(p.badge) : null,
    stars: p.stars ? { ...p.stars, count: p.stars.count ?? null, countText: p.stars.count !== undefined ? formatCount(p.stars.count) : null } : null,
    citations: p.citations ? citationsView(p.citations) : null,
    thumbnail: p.thumbnail ? { ...p.thumbnail, alt: `Thumbnail for “${titleText}”` } : null,
    links: p.links,
    abstractHtml: h.abstract ? h.abstract : null,
    ...entryExtras(p, titleText),
    bibtex: p.bibtex,
    bibtexHtml: escapeText(p.bibtex),
    keywords: p.keywords,
    // Only a page with the search box uses it: without, it would be a tenth of a long page's bytes.
    searchText: profile.search ? oneSpaced(withoutMarks([titleText, ...names, htmlToText(h.booktitle || h.journal || h.journaltitle || ''), p.badge?.label ?? '', p.year ?? '', ...p.keywords].filter(Boolean).join(' ')).toLowerCase()).trim() : '',
    starIconHtml: ICONS.star,
  };
}

/** Each run of white space as one space; most text has none to change, and is given back as it is. */
const oneSpaced = (s: string): string => (/\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s);

function projectView(p: ProjectConfig, counts: Map<string, number> | undefined, images: ViewInput['markdownImages']): ProjectView {
  const repo = p.repo ? parseRepo(p.repo) : undefined;
  const name = repo && `${repo.owner}/${repo.name}`;
  const count = name ? counts?.get(name) : undefined;
  return {
    title: p.title,
    href: safeHref(p.url) ?? (name ? `https://github.com/${name}` : null),
    descriptionHtml: p.description ? markdown(p.description, images) : null,
    stars: name && count !== undefined ? { url: `https://github.com/${name}`, repo: name, count, countText: formatCount(count) } : null,
  };
}


function groupByYear(pubs: PublicationView[]): SectionView['groups'] {
  const groups: SectionView['groups'] = [];
  for (const p of pubs) {
    const year = p.year || 'Undated';
    const last = groups[groups.length - 1];
    if (last && last.year === year) last.entries.push(p);
    else groups.push({ year, entries: [p] });
  }
  return groups;
}

/** "Cited by 1,234", with where and when the count was fetched ("OpenAlex, 2026-12-03", UTC). */
function citationsView(c: NonNullable<Publication['citations']>): PublicationView['citations'] {
  const date = new Date(c.fetchedAt).toISOString().slice(0, 10);
  return { count: c.count, countText: withThousands(c.count), source: c.source, date, title: `${c.source}, ${date}` };
}

/** 1234 → "1.2k", 15300 → "15k". */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10000) return `${(Math.floor(n / 100) / 10).toString()}k`;
  if (n < 1e6) return `${Math.floor(n / 1000)}k`;
  return `${(Math.floor(n / 1e5) / 10).toString()}M`;
}

export { slug };

/**
 * "Position, Affiliation"; after a position that ends in punctuation ("Countess. Analyst of
 * engines."), a space only, so that the line does not read "engines., Analytical Society".
 */
export function joinPosition(position: string | undefined, affiliation: string | undefined): string {
  if (!position || !affiliation) return position || affiliation || '';
  return /[.!?;:,]$/.test(position.trimEnd()) ? `${position.trimEnd()} ${affiliation}` : `${position}, ${affiliation}`;
}
