import { LINK_FIELDS } from '../load/fields.js';
import { safeHref } from '../validate/links.js';
import type { Enricher } from './enricher.js';
import type { Link, Publication } from '../model/publication.js';
import { perEntry } from '../model/per-entry.js';
import { arxivHref, doiHref, eprintLink, fieldUrls, sameTarget, unescapeUrl, wrappedUrl } from './link-targets.js';

/** Splits a `links` field: `Label: URL` items separated by `;` or new lines. */
export function parseFreeLinks(value: string): Link[] {
  const out: Link[] = [];
  for (const item of value.split(/;\s+|;$|\n/)) {
    const cut = item.lastIndexOf(': ');
    if (cut <= 0) continue;
    const label = item.slice(0, cut).trim();
    const url = unescapeUrl(item.slice(cut + 2));
    if (label && url) out.push({ label, url });
  }
  return out;
}

/** A link found in the entry; `extra` ones (url, howpublished, eprint) give way to any other link to the same place. */
interface Found extends Link {
  extra?: true;
  /** An arXiv id's abs URL: any link to arxiv.org holding the id counts as the same place. */
  arxivId?: string;
}

/** The links one field makes, in the order they are written. */
function fieldLinks(name: string, raw: Record<string, string>, labels: Record<string, string>, files: Record<string, string>): Found[] {
  const value = raw[name];
  if (name === 'links') return parseFreeLinks(value);
  if (name in LINK_FIELDS) return (files[name] !== undefined ? [files[name]] : fieldUrls(name, value)).map((url) => ({ label: labels[name] ?? LINK_FIELDS[name], url }));
  if (name === 'url') return fieldUrls(name, value).map((url) => ({ label: labels.url ?? 'URL', url, extra: true }));
  if (name === 'howpublished') {
    const url = wrappedUrl(value);
    return url ? [{ label: labels.url ?? 'URL', url, extra: true }] : [];
  }
  if (name === 'arxiv') {
    const url = arxivHref(value);
    return url ? [{ label: labels.arxiv ?? 'arXiv', url }] : [];
  }
  if (name === 'doi') {
    const url = doiHref(value);
    return url ? [{ label: labels.doi ?? 'DOI', url }] : [];
  }
  if (name === 'eprint') {
    const e = eprintLink(value, raw.archiveprefix ?? raw.eprinttype);
    if (!e || (e.kind === 'arxiv' && raw.arxiv !== undefined)) return [];
    const at = e.kind === 'arxiv' ? e.url.toLowerCase().indexOf('arxiv.org/abs/') : -1;
    const arxivId = at >= 0 && at + 14 < e.url.length ? e.url.slice(at + 14).toLowerCase() : undefined;
    return [{ label: labels[e.kind] ?? (e.kind === 'arxiv' ? labels.arxiv : undefined) ?? e.label, url: e.url, extra: true, ...(arxivId ? { arxivId } : {}) }];
  }
  return [];
}

/** Whether an extra link leads where a kept one already does. */
const covered = (l: Found, kept: Link[]): boolean =>
  kept.some((k) => sameTarget(k.url, l.url) || (l.arxivId !== undefined && /^https?:\/\/(?:www\.|export\.)?arxiv\.org\//i.test(k.url) && k.url.toLowerCase().includes(l.arxivId)));

/**
 * The links row, in the order the fields appear in the entry; unsafe URLs never get through. A
 * relative link is the href its file resolved to (validate/local-files.ts), given in `files`. The
 * `url` field, a `\url{}` in `howpublished` and an `eprint` show unless another link goes there.
 */
export function linksFor(p: Publication, labels: Record<string, string> = {}, files: Record<string, string> = {}): Link[] {
  const raw = p.entry.raw;
  const found = Object.keys(raw).flatMap((name) => fieldLinks(name, raw, labels, files));
  const safe = found.flatMap((l) => {
    const url = safeHref(l.url);
    return url ? [{ ...l, url }] : [];
  });
  const seen = new Set<string>();
  const main = safe.filter((l) => !l.extra);
  const out: Link[] = [];
  for (const l of safe) {
    if (l.extra ? covered(l, main) || covered(l, out) : seen.has(`${l.label}\n${l.url}`)) continue;
    seen.add(`${l.label}\n${l.url}`);
    out.push({ label: l.label, url: l.url });
  }
  return out;
}

/** Where the title points: the project page if any, else the paper, else url or DOI. */
export function titleHref(p: Publication): string | undefined {
  const raw = p.entry.raw;
  const field = (name: string) => p.files?.[name] ?? (raw[name] !== undefined ? fieldUrls(name, raw[name])[0] : undefined);
  const url = raw.url !== undefined ? fieldUrls('url', raw.url)[0] : undefined;
  const doi = raw.doi !== undefined ? doiHref(raw.doi) : undefined;
  for (const v of [field('project'), field('website'), field('html'), field('pdf'), field('paper'), url, doi]) {
    const href = v && !v.includes(' ') ? safeHref(v) : undefined;
    if (href) return href;
  }
  return undefined;
}

/**
 * The labels by their JSON, so that the same labels in a profile loaded again are the same
 * argument; the entry's file hrefs, after a NUL, likewise.
 */
const keptLinks = perEntry((entry, arg: string) => {
  const cut = arg.indexOf('\0');
  const files = cut < 0 ? {} : (JSON.parse(arg.slice(cut + 1)) as Record<string, string>);
  return linksFor({ entry } as Publication, parsed(cut < 0 ? arg : arg.slice(0, cut)), files);
});

/** The labels from their JSON, parsed once for a build's entries, not once per entry. */
let last: { json: string; labels: Record<string, string> } | undefined;
function parsed(json: string): Record<string, string> {
  if (last?.json !== json) last = { json, labels: JSON.parse(json) as Record<string, string> };
  return last.labels;
}

export const links = (labels: Record<string, string> = {}): Enricher => ({
  name: 'links',
  enrich(pubs, ctx) {
    const key = JSON.stringify(labels);
    for (const p of pubs) {
      const files = ctx.localFiles?.entries.get(p.entry);
      if (files) p.files = Object.fromEntries(Object.entries(files).map(([field, f]) => [field, f.href]));
      p.links = keptLinks(p.entry, files ? `${key}\0${JSON.stringify(p.files)}` : key);
    }
  },
});
