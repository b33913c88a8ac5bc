// The performance issue's targets, each beside the figure this run measured for it: "met", or the
// gap. Every figure comes from the run's own measurements (bench/run.mjs passes them in); one that
// could not be measured is "—" with the reason.
import { readFileSync, writeFileSync } from 'node:fs';

const SUPPORTED = ['20', '22', '24', '26'];
const s2 = (x) => `${x.toFixed(2)} s`;
const ms = (x) => `${Math.round(x)} ms`;
const kb = (x) => `${Math.round(x / 1024).toLocaleString('en')} KB`;

/** A row: the target, the measured figure, and met / the gap (`over` words the excess). */
function row(target, value, limit, shown, over) {
  if (!Number.isFinite(value)) return { target, measured: '—', verdict: `not measured: ${shown}` };
  return { target, measured: shown, verdict: value <= limit ? 'met' : `not met: ${over(value - limit, value / limit)}` };
}
const ratioGap = (_d, r) => `${r.toFixed(2)}× the limit`;

/**
 * `m`: {inputs (by key: {name, cold, warm, edited, peers, missing}), watch, rss, pages, runs}.
 * Returns the rows of the summary.
 */
export function targetRows(m) {
  const rows = [];
  const why = (i, what) => (i?.missing ? i.missing : `${what} not measured`);
  for (const [key, limit] of [['cdl', 2.0], ['tugboat', 2.5]]) {
    const i = m.inputs[key];
    const b = i?.peers?.bibtex2html;
    const r = i?.cold && b && !b.status && !i.cold.status ? i.cold.s / b.s : NaN;
    const on = i?.standIn ? `${i.name} (tugboat.bib not found): ` : '';
    rows.push(row(`cold ${key}.bib ≤ ${limit.toFixed(1)}× bibtex2html`, r, limit, Number.isFinite(r) ? `${on}${r.toFixed(2)}× (${s2(i.cold.s)} / ${s2(b.s)})` : why(i, 'bibtex2html'), ratioGap));
  }
  const cdl = m.inputs.cdl;
  const edited = cdl?.edited && !cdl.edited.status ? cdl.edited.s : NaN;
  rows.push(row('one entry of cdl.bib edited ≤ 0.5 s (whole process)', edited, 0.5, Number.isFinite(edited) ? s2(edited) : why(cdl, 'the build'), (d) => `+${s2(d)}`));
  const w = m.watch?.medianMs ?? NaN;
  rows.push(row('one entry of cdl.bib edited ≤ 150 ms in `watch`', w, 150, Number.isFinite(w) ? `${ms(w)} (median of ${m.watch.runs} saves)` : (m.watch?.error ?? why(cdl, 'watch')), (d) => `+${ms(d)}`));
  const warm = Object.values(m.inputs).filter((i) => i.warm && !i.warm.status);
  const worst = warm.reduce((a, i) => (!a || i.warm.s > a.warm.s ? i : a), undefined);
  rows.push(row('nothing changed ≤ 0.2 s (each input; the slowest counts)', worst?.warm.s ?? NaN, 0.2, worst ? warm.map((i) => `${i.label} ${s2(i.warm.s)}`).join(', ') : 'no input built', (d) => `+${s2(d)} (${worst.label})`));
  const page = (key, who, search = false) => m.pages?.find((p) => p.key === key && p.who === who && !!p.search === search);
  const [ours, pandoc, b2h, searchOn] = [page('cdl', 'this'), page('cdl', 'pandoc'), page('cdl', 'bibtex2html'), page('cdl', 'this', true)];
  const gz = ours && pandoc ? ours.gz / pandoc.gz : NaN;
  rows.push(row("cdl.bib's page ≤ 2× pandoc's bytes, gzipped", gz, 2, Number.isFinite(gz) ? `${gz.toFixed(2)}× (${kb(ours.gz)} / ${kb(pandoc.gz)})` : ours ? 'pandoc not installed' : why(cdl, 'the page'), ratioGap));
  const load = ours && b2h ? ours.loadMs / b2h.loadMs : NaN;
  rows.push(row("cdl.bib's page loads in Chromium ≤ 1.5× bibtex2html's page", load, 1.5, Number.isFinite(load) ? `${load.toFixed(2)}× (load event ${ms(ours.loadMs)} / ${ms(b2h.loadMs)})` : (m.noBrowser ?? why(cdl, 'the load')), ratioGap));
  const clear = searchOn?.clearMs ?? NaN;
  rows.push(row("clearing a filter on cdl.bib's page ≤ 200 ms", clear, 200, Number.isFinite(clear) ? `${ms(clear)} (filter ${ms(searchOn.filterMs)}, "${searchOn.query}")` : (m.noBrowser ?? why(cdl, 'the filter')), (d) => `+${ms(d)}`));
  const ex = page('example', 'this');
  // In the unit: its "138 KB" example page was 138,468 bytes, so 100 KB is 100,000 bytes.
  rows.push(row('the example page ≤ 100 KB with its thumbnails', ex?.raw ?? NaN, 100_000, ex ? `${ex.raw.toLocaleString('en')} bytes (${(ex.raw / 1000).toFixed(1)} kB, ${(ex.raw / 1024).toFixed(1)} KiB; ${kb(ex.gz)} gzipped)` : 'not built', (d) => `+${d.toLocaleString('en')} bytes`));
  for (const v of SUPPORTED) {
    const r = m.rss?.find((x) => x.version.startsWith(`v${v}.`));
    const mb = r && !r.status ? r.mbMedian : NaN;
    const shown = !r ? (m.inputs.cdl?.missing ?? `no Node ${v} found (--node PATH, or NODES)`) : r.status ? `the build failed on ${r.version} (exit ${r.status})` : `${mb.toFixed(0)} MB (largest of ${r.runs}: ${r.mb.toFixed(0)} MB), ${r.version}`;
    rows.push(row(`peak RSS, cold cdl.bib build ≤ 250 MB on Node ${v}`, mb, 250, shown, (d) => `+${d.toFixed(0)} MB`));
  }
  return rows;
}

/** The rows as a Markdown table. */
export const targetTable = (rows) => ['| target | measured | |', '|---|---|---|', ...rows.map((r) => `| ${r.target} | ${r.measured} | ${r.verdict} |`)].join('\n');

/** Puts the table between BENCHMARKS.md's targets markers (made above the bench table if missing). */
export function writeTargets(file, rows, header) {
  const section = `<!-- targets:start -->\n${header}\n\n${targetTable(rows)}\n<!-- targets:end -->`;
  const prev = readFileSync(file, 'utf8');
  const next = prev.includes('<!-- targets:start -->')
    ? prev.replace(/<!-- targets:start -->[\s\S]*<!-- targets:end -->/, section)
    : prev.replace('<!-- bench:start -->', `## Targets\n\n${section}\n\n## Whole-process timings\n\n<!-- bench:start -->`);
  writeFileSync(file, next);
}
