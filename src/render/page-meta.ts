import { escapeHtml, htmlToText } from '../load/sanitize.js';
import type { Profile } from '../model/profile.js';
import type { Publication } from '../model/publication.js';
import type { Person } from '../model/entry.js';
import { safeHref } from '../validate/links.js';
import { titleHref } from '../enrich/links.js';
import { personName } from './owner.js';
import { scriptJson } from './json-ld.js';

/**
 * An inline SVG favicon with the owner's initials: nothing to fetch. Cut by code point, not by
 * UTF-16 unit: half of 𠮷 or 😀 is a lone surrogate, which encodeURIComponent throws on.
 */
export function favicon(name: string): string {
  const firsts = name.split(/\s+/).map((w) => String.fromCodePoint(w.codePointAt(0) ?? 32).trim());
  const initials = escapeHtml(Array.from(firsts.join('')).slice(0, 2).join('').toUpperCase());
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f6f8b"/><text x="16" y="21" font-family="sans-serif" font-size="14" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * schema.org Person with ScholarlyArticle entries (jsonLdWorks picks them), as the bytes of the page's JSON-LD block in
 * pieces. The articles come as script-safe JSON bytes already (`scriptJson(scholarlyArticle(p))`,
 * kept per entry by watch) and are never joined; together the pieces are the same text as
 * `scriptJson` of the whole object.
 */
export function jsonLdChunks(profile: Profile, description: string, articles: Buffer[]): Buffer[] {
  const chunks: Buffer[] = [Buffer.from(`${personJson(profile, description)},"subjectOf":[`)];
  articles.forEach((a, i) => chunks.push(...(i ? [COMMA, a] : [a])));
  chunks.push(Buffer.from(']}'));
  return chunks;
}
const COMMA = Buffer.from(',');

/** The Person object without its closing brace. */
function personJson(profile: Profile, description: string): string {
  const person = scriptJson({
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: profile.name,
    ...(profile.native_name ? { alternateName: profile.native_name } : {}),
    ...(profile.position ? { jobTitle: profile.position } : {}),
    ...(profile.affiliation ? { affiliation: { '@type': 'Organization', name: profile.affiliation } } : {}),
    ...(profile.email ? { email: profile.email } : {}),
    description,
    sameAs: profile.links.map((l) => safeHref(l.url)).filter((u) => u && /^https?:/.test(u)),
  });
  return person.slice(0, -1);
}

/**
 * At most this many works go into the JSON-LD. It is there for search engines, which read the
 * page's own HTML for the rest: a 6,000-entry page carried a second copy of every entry (19% of
 * its bytes) that no reader sees.
 */
export const JSON_LD_WORKS = 100;
/** Authors named per work in the JSON-LD; the owner is named too when further down the list. */
export const JSON_LD_AUTHORS = 20;

/**
 * The works the JSON-LD lists: those the page shows (in the order it first shows them) that name
 * the owner as an author or editor, at most JSON_LD_WORKS. When none names the owner (a group's
 * page, say), the first works the page shows.
 */
export function jsonLdWorks(shown: Iterable<Publication>, namesOwner: (p: Publication) => boolean): Publication[] {
  const all = [...shown];
  const owners = all.filter(namesOwner);
  return (owners.length ? owners : all).slice(0, JSON_LD_WORKS);
}

/** One work as a schema.org ScholarlyArticle: headline, year, authors (bounded), and its link. */
export function scholarlyArticle(p: Publication, isOwner: (p: Person) => boolean): unknown {
  const url = titleHref(p);
  const authors = p.entry.authors;
  const named = authors.length > JSON_LD_AUTHORS ? [...authors.slice(0, JSON_LD_AUTHORS), ...authors.slice(JSON_LD_AUTHORS).filter(isOwner)] : authors;
  return {
    '@type': 'ScholarlyArticle',
    headline: htmlToText(p.entry.html.title ?? '') || p.entry.key,
    ...(p.year !== undefined ? { datePublished: String(p.year) } : {}),
    author: named.map((a) => ({ '@type': 'Person', name: personName(a) })),
    ...(url && /^https?:/.test(url) ? { url } : {}),
  };
}
