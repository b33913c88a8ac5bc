import { LINK_FIELDS } from '../load/fields.js';
import { safeHref } from '../validate/links.js';
import type { Enricher } from './enricher.js';
import type { Link, Publication } from '../model/publication.js';
import { perEntry } from '../model/per-entry.js';

/** Splits a `links` field: `Label: URL` items separated by `;` or new lines. */
export function parseFreeLinks(value: string): Link[] {
  const out: Link[] = [];
  for (const item of value.split(/;\s+|;$|\n/)) {
    const cut = item.lastIndexOf(': ');
    if (cut <= 0) continue;
    const label = item.slice(0, cut).trim();
    const url = item.slice(cut + 2).trim();
    if (label && url) out.push({ label, url });
  }
  return out;
}

/**
 * The links row, in the order the fields appear in the entry; unsafe URLs never get through. A
 * relative link is the href its file resolved to (validate/local-files.ts), given in `files`.
 */
export function linksFor(p: Publication, labels: Record<string, string> = {}, files: Record<string, string> = {}): Link[] {
  const out: Link[] = [];
  const raw = p.entry.raw;
  for (const name of Object.keys(raw)) {
    const value = raw[name].trim();
    if (name === 'links') out.push(...parseFreeLinks(value));
    else if (name in LINK_FIELDS) out.push({ label: labels[name] ?? LINK_FIELDS[name], url: files[name] ?? value });
    else if (name === 'arxiv' && /^[\w.\/-]+$/.test(value)) {
      out.push({ label: labels.arxiv ?? 'arXiv', url: /^https?:/.test(value) ? value : `https://arxiv.org/abs/${value.replace(/^arxiv:/i, '')}` });
    } else if (name === 'doi' && value) {
      out.push({ label: labels.doi ?? 'DOI', url: /^https?:/.test(value) ? value : `https://doi.org/${value.replace(/^doi:/i, '')}` });
    }
  }
  const seen = new Set<string>();
  return out.flatMap((l) => {
    const url = safeHref(l.url);
    if (!url || seen.has(`${l.label}\n${url}`)) return [];
    seen.add(`${l.label}\n${url}`);
    return [{ label: l.label, url }];
  });
}

/** Where the title points: the project page if any, else the paper, else url or DOI. */
export function titleHref(p: Publication): string | undefined {
  const r = p.files ? { ...p.entry.raw, ...p.files } : p.entry.raw;
  const doi = r.doi && !/^https?:/.test(r.doi.trim()) ? `https://doi.org/${r.doi.trim()}` : r.doi;
  for (const v of [r.project, r.website, r.html, r.pdf, r.paper, r.url, doi]) {
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
