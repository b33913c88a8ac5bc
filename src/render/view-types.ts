import type { Image } from '../model/publication.js';
import type { EntryExtras } from './entry-extras.js';

// The plain-object view the theme templates see (THEMES.md documents every field). Its own
// module, so that what builds a view (view-model.ts) and what keeps one (view-memo.ts) both read
// it without importing each other.

export interface AuthorView {
  nameHtml: string; isOwner: boolean; marks: string; last: boolean;
  /** Where a co-author of the profile's `people:` links (https: or ORCID); null otherwise and for the owner. */
  url: string | null;
  /** In `moreAuthors`, shown while the rest is collapsed (the owner), with "…" where names are hidden. */
  keep: boolean; gapBefore: boolean; gapAfter: boolean;
}
export interface PublicationView extends EntryExtras {
  key: string; id: string; type: string; year: string;
  titleHtml: string; titleText: string; href: string | null;
  /** The entry's paper page (`papers/ID.html`, beside the page) when paper pages are on; else null. */
  pageHref: string | null;
  authors: AuthorView[]; moreAuthors: AuthorView[]; moreCount: number;
  /** "Eds." or "Ed." when the names shown are the editors of an editor-only work; else null. */
  editorLabel: string | null;
  venueHtml: string;
  badge: BadgeView | null;
  stars: { url: string; repo: string; count: number | null; countText: string | null } | null;
  citations: { count: number; countText: string; source: string; date: string; title: string } | null;
  thumbnail: (Image & { alt: string }) | null;
  links: { label: string; url: string }[];
  abstractHtml: string | null;
  /** The clean BibTeX as text, and escaped for element content only (`{{{bibtexHtml}}}` in a `<pre>`; `&`, `<`, `>`, not quotes). */
  bibtex: string; bibtexHtml: string;
  keywords: string[];
  /** Lower-case text the in-page search matches: title, authors, venue, year, keywords; empty when the profile's `search` is off. */
  searchText: string;
  starIconHtml: string;
}
/** The venue badge; `color`, `textColor`, `colorClass` and `url` come from the profile's `venues:`. */
export interface BadgeView {
  label: string; award: string | null;
  /** Background "#rrggbb" and a text colour with contrast ≥ 4.5:1; null when the venue has no colour. */
  color: string | null; textColor: string | null;
  /** A class of the page's CSS setting `--venue-bg` and `--venue-fg` to those colours; null likewise. */
  colorClass: string | null;
  /** The venue's https: page; null when none. */
  url: string | null;
}
export interface ProjectView {
  title: string; href: string | null; descriptionHtml: string | null;
  stars: { url: string; repo: string; count: number; countText: string } | null;
}
export interface SectionView {
  id: string; title: string; introHtml: string | null; kind: 'publications' | 'markdown' | 'projects';
  projects: ProjectView[];
  bodyHtml: string | null; groups: { year: string | null; entries: PublicationView[] }[]; count: number;
}
export interface PageView {
  version: number; lang: string; generator: string;
  /** The profile asked for the in-page search box. */
  search: boolean;
  meta: { title: string; description: string; url: string | null; faviconHref: string; jsonLd: string; updated: string | null };
  profile: {
    name: string; nativeName: string | null; position: string | null; affiliation: string | null;
    /** The header's line: position and affiliation joined (view-model.ts, joinPosition). */
    positionLine: string | null;
    email: string | null; emailHref: string | null; avatar: Image | null; bioHtml: string | null;
    links: { label: string; url: string; iconHtml: string }[];
  };
  authorMarks: { mark: string; meaning: string }[];
  /** Total citations and h-index of the page's entries (profile `citations: {totals: true}`); null otherwise. */
  citationTotals: {
    count: number; countText: string; hIndex: number; found: number; entries: number;
    sources: string[]; from: string; to: string; title: string;
  } | null;
  sections: SectionView[];
  css: string; js: string; githubIconHtml: string; emailIconHtml: string;
}
