// The audit's text report: a table per file, the totals, then each loss.
import { KINDS } from './audit.mjs';

/** Loss counts by kind over some results. */
export function totals(results) {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const r of results) for (const l of r.losses) byKind[l.kind]++;
  return {
    files: results.length,
    entries: results.reduce((n, r) => n + r.entries, 0),
    checked: results.reduce((n, r) => n + r.checked, 0),
    losses: results.reduce((n, r) => n + r.losses.length, 0),
    byKind,
  };
}

/** The table: one row per file, the kinds that occur as columns, and a totals row. */
export function table(results, { name = (f) => f } = {}) {
  const t = totals(results);
  const kinds = KINDS.filter((k) => t.byKind[k] > 0);
  const count = (r, k) => r.losses.filter((l) => l.kind === k).length;
  const head = ['file', 'entries', 'checked', ...kinds, 'losses'];
  const rows = results.map((r) => [name(r.file), r.entries, r.checked, ...kinds.map((k) => count(r, k)), r.losses.length]);
  rows.push([`TOTAL (${t.files} files)`, t.entries, t.checked, ...kinds.map((k) => t.byKind[k]), t.losses]);
  const cells = [head, ...rows].map((row) => row.map(String));
  const width = head.map((_, i) => Math.min(i === 0 ? 70 : 14, Math.max(...cells.map((row) => row[i].length))));
  const fmt = (row) => row.map((c, i) => (i === 0 ? clip(c, width[0]).padEnd(width[0]) : c.padStart(width[i]))).join('  ');
  return [fmt(cells[0]), ...cells.slice(1, -1).map(fmt), '-'.repeat(fmt(cells[0]).length), fmt(cells.at(-1))].join('\n');
}

/** Each loss on one line (file, key, kind, expected, found), at most `limit` per file. */
export function lossLines(results, { name = (f) => f, limit = Infinity } = {}) {
  const out = [];
  for (const r of results) {
    r.losses.slice(0, limit).forEach((l) => out.push(`${name(r.file)}  ${l.key || '-'}  [${l.kind}]  expected: ${clip(l.expected, 100)}  found: ${clip(l.found, 100)}`));
    if (r.losses.length > limit) out.push(`${name(r.file)}  … and ${r.losses.length - limit} more (--all shows them)`);
  }
  return out.join('\n');
}

const clip = (s, n) => {
  const one = String(s).replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};
