import { createHash } from 'node:crypto';
import type { Publication } from '../model/publication.js';

/**
 * What a page reads of one entry outside the entry's own fragments and JSON-LD article: what
 * picks, orders and groups it (key, type, year, keywords, selected), whether it names the owner
 * (the JSON-LD picks the owner's works), its badge (the venue colours), its citation count (the
 * totals), its links (the files copied beside the page), its stars, thumbnail and video (the
 * build's figures), and its authors and editors. Two versions of an entry with the same footprint
 * differ only inside their fragments (src/patch/ relies on it; its tests check it on real pages).
 */
export function footprint(p: Publication, view: { year: string }, namesOwner: boolean): string {
  const e = p.entry;
  const facts = [e.key, e.type, p.year ?? null, view.year, p.keywords, p.selected, namesOwner, p.badge ?? null, p.citations ?? null, p.links, p.files ?? null, p.stars ?? null, p.thumbnail ?? null, p.video ?? null, e.authors, e.editors];
  return createHash('sha1').update(JSON.stringify(facts)).digest('base64url');
}
