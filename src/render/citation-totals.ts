import type { Publication } from '../model/publication.js';
import { CITATION_SOURCES } from '../enrich/citation-cache.js';
import { citationsOff, workOf } from '../enrich/citation-lookup.js';
import type { PageView } from './view-types.js';

/** The h-index of citation counts: the largest h such that h of them are cited at least h times each. */
export function hIndex(counts: readonly number[]): number {
  const desc = [...counts].sort((a, b) => b - a);
  let h = 0;
  while (h < desc.length && desc[h] >= h + 1) h++;
  return h;
}

/** 1234567 → "1,234,567". */
export function withThousands(n: number): string {
  const digits = String(n);
  return [...digits].map((d, i) => (i && (digits.length - i) % 3 === 0 ? `,${d}` : d)).join('');
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const listed = (xs: string[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * Total citations and h-index over the entries the page shows, each work once (an entry shown in
 * two sections, or two entries of one DOI), with where and when the counts came from. Entries with
 * `citations = {false}` are left out; null when no entry has a count.
 */
export function citationTotals(shown: Iterable<Publication>): PageView['citationTotals'] {
  const counted = new Map<string, NonNullable<Publication['citations']>>();
  const asked = new Set<unknown>();
  for (const p of shown) {
    if (citationsOff(p.entry.raw)) continue;
    if (p.citations) counted.set(p.citations.work, p.citations);
    asked.add(p.citations?.work ?? workOf(p.entry.raw) ?? p);
  }
  if (!counted.size) return null;
  const records = [...counted.values()];
  const count = records.reduce((sum, r) => sum + r.count, 0);
  const sources = CITATION_SOURCES.filter((s) => records.some((r) => r.source === s));
  const from = day(records.reduce((t, r) => Math.min(t, r.fetchedAt), Infinity));
  const to = day(records.reduce((t, r) => Math.max(t, r.fetchedAt), 0));
  const fetched = from === to ? `fetched ${from}` : `fetched ${from} to ${to}`;
  return {
    count,
    countText: withThousands(count),
    hIndex: hIndex(records.map((r) => r.count)),
    found: counted.size,
    entries: asked.size,
    sources: [...sources],
    from,
    to,
    title: `${listed([...sources])}, ${fetched}; ${counted.size} of ${asked.size} entries found`,
  };
}
