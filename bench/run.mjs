// npm run bench [-- OPTIONS] [FILE.bib ...]: every figure the performance issue's targets name, in one
// run, then a "Targets" summary (bench/targets.mjs). The inputs (bench/inputs.mjs): the example, a
// 234-entry homepage, cdl.bib, tugboat.bib (or its stand-in), and any FILE.bib given. For each:
// whole-process build cold / nothing changed / one entry edited and validate, in turns with
// bibtex2html and pandoc, with peak RSS; then watch latency for one entry of cdl.bib edited
// (bench/watch.mjs), peak RSS of a cold cdl.bib build on each Node (bench/memory.mjs), and the
// pages' bytes and their load, filter and scrolling in Chromium (bench/page-weight.mjs).
// Writes its tables into BENCHMARKS.md between its markers.
//   --runs N        rounds for each median (5)
//   --quick         no pandoc timings on inputs over 1,000 entries (pandoc takes ~7 s a run on cdl.bib)
//   --tugboat FILE  Beebe's tugboat.bib (https://ftp.math.utah.edu/pub/tex/bib/tugboat.bib)
//   --corpus DIR    the shared corpus of real .bib files (../shared/corpus)
//   --node PATH     a Node (binary or bin folder) for the peak-RSS rows; repeatable
//   --sizes N,N     synthetic inputs of N entries too (none)
//   --no-browser    no Chromium timings
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countEntries, namedInputs } from './inputs.mjs';
import { nodeDirs, peakRssByNode, rssTable } from './memory.mjs';
import { pageWeight, writeTables } from './page-weight.mjs';
import { synthetic } from './synthetic.mjs';
import { targetRows, targetTable, writeTargets } from './targets.mjs';
import { has, LONG_S, TIME, together } from './turns.mjs';
import { watchInProcess } from './watch.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/scholar-page');
const FILE = path.join(ROOT, 'BENCHMARKS.md');
const args = process.argv.slice(2);
const COMMAND = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
const opt = (name) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : undefined);
const flag = (name) => (args.includes(name) ? (args.splice(args.indexOf(name), 1), true) : false);
const RUNS = Number(opt('--runs') ?? 5);
const QUICK = flag('--quick');
const BROWSER = !flag('--no-browser');
const SIZES = (opt('--sizes') ?? '').split(',').filter(Boolean).map(Number);
const tugboat = opt('--tugboat');
const corpus = opt('--corpus');
const nodes = [];
for (let n; (n = opt('--node')); ) nodes.push(n);
const extra = args.filter((a) => a.endsWith('.bib'));
const work = mkdtempSync(path.join(tmpdir(), 'sp-bench-'));
if (!existsSync(TIME)) console.warn('bench: /usr/bin/time not found (apt-get install time); peak RSS will be missing');

// Each input in a folder of its own, so that no cache is ever written beside the original: the
// example with its folder (profile, thumbnails), a named corpus file alone, a FILE.bib with its folder.
const named = namedInputs({ corpus, tugboat });
for (const i of named.filter((x) => x.missing)) console.warn(`bench: ${i.name}: ${i.missing}`);
const inputs = [];
const place = (input, from, whole) => {
  const dir = path.join(work, `in-${inputs.length}`);
  if (whole) {
    cpSync(path.dirname(from), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
  } else {
    mkdirSync(dir);
    cpSync(from, path.join(dir, path.basename(from)));
  }
  inputs.push({ ...input, dir, bib: path.basename(from) });
};
for (const i of named.filter((x) => !x.missing)) place(i, i.bib, i.site);
for (const n of SIZES) {
  const file = path.join(work, `synthetic-${n}.bib`);
  writeFileSync(file, synthetic(n));
  place({ key: `synthetic-${n}`, name: `synthetic ${n}`, entries: n }, file, false);
}
for (const f of extra) place({ key: f, name: path.basename(f), entries: countEntries(readFileSync(f, 'utf8')) }, f, true);

/** Cold, nothing changed, one entry edited and validate, in turns with bibtex2html and pandoc. */
function timings(input) {
  const cache = path.join(work, `cache-${input.key.replace(/\W+/g, '-')}`);
  const out = path.join(work, 'out.html');
  const bibPath = path.join(input.dir, input.bib);
  const original = readFileSync(bibPath, 'utf8');
  let edits = 0;
  // bin/scholar-page run as a program, as `scholar-page` and `npx scholar-page` run it.
  const build = ['build', input.bib, '--out', out, '--offline', '--cache-dir', cache];
  const ours = (what, argv, prepare) => ({ label: `${input.name}: ${what}`, cmd: BIN, argv, cwd: input.dir, prepare });
  const specs = [
    ours('build, cold', build, () => rmSync(cache, { recursive: true, force: true })),
    ours('build, nothing changed', build),
    ours('build, one entry edited', build, () => writeFileSync(bibPath, original.replace(/title\s*=\s*[{"]/i, (m) => `${m}Edit ${++edits} `))),
    ours('validate, cold', ['validate', input.bib], () => rmSync(path.join(input.dir, '.scholar-cache'), { recursive: true, force: true })),
  ];
  if (has('bibtex2html')) specs.push({ label: `${input.name}: bibtex2html`, peer: 'bibtex2html', cmd: 'bibtex2html', argv: ['-nodoc', '-q', '-i', '-o', path.join(work, 'b2h'), input.bib], cwd: input.dir });
  const skipPandoc = QUICK && input.entries > 1000;
  if (has('pandoc') && !skipPandoc) {
    // nocite must be a citation, which only a document's metadata block makes (`-M nocite=@*` is a
    // plain string: pandoc then renders nothing, in a fraction of a second).
    const doc = path.join(work, `nocite-${input.key.replace(/\W+/g, '-')}.md`);
    writeFileSync(doc, `---\nnocite: "@*"\nbibliography: ${JSON.stringify(bibPath)}\n---\n`);
    specs.push({ label: `${input.name}: pandoc --citeproc`, peer: 'pandoc', cmd: 'pandoc', argv: ['--citeproc', doc, '-o', path.join(work, 'p.html')], cwd: input.dir });
  }
  const [cold, warm, edited, val, ...peerRows] = together(specs, RUNS);
  writeFileSync(bibPath, original);
  const peers = Object.fromEntries(peerRows.map((r, k) => [specs[4 + k].peer, r]));
  if (skipPandoc) peers.pandoc = { skipped: '--quick' };
  return { ...input, cold, warm, edited, val, peers, page: existsSync(out) ? readFileSync(out).length : NaN };
}
const rows = inputs.map(timings);

const cdl = inputs.find((i) => i.key === 'cdl');
let watch;
try {
  watch = cdl ? watchInProcess(path.join(cdl.dir, cdl.bib), Math.max(RUNS, 11)) : undefined;
} catch (e) {
  watch = { error: `watch failed: ${e.message}` };
}
if (watch?.medianMs) console.log(`watch, cdl.bib, one entry edited: median ${watch.medianMs.toFixed(0)} ms`);
const rss = cdl ? peakRssByNode({ bin: BIN, bib: cdl.bib, cwd: cdl.dir, work, dirs: nodeDirs(nodes), runs: RUNS }) : [];

const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('uname', ['-sr']).toString().trim()}`;
const fmt = (r) => (!r ? 'not installed' : r.skipped ? `not run (${r.skipped})` : `${r.s.toFixed(2)} s, ${r.mb.toFixed(0)} MB${r.status ? ' (failed)' : ''}${r.runs < RUNS ? ` (${r.runs} run)` : ''}`);
const ratio = (a, b) => (b?.s > 0 && !b.status ? `${(a.s / b.s).toFixed(2)}×` : '—');
const table = [
  '| input | build cold | per entry (cold) | nothing changed | one entry edited | validate cold | page size | bibtex2html | pandoc | cold ÷ bibtex2html |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${fmt(r.cold)} | ${r.entries ? `${((1000 * r.cold.s) / r.entries).toFixed(2)} ms` : '—'} | ${fmt(r.warm)} | ${fmt(r.edited)} | ${fmt(r.val)} | ${Number.isFinite(r.page) ? `${Math.round(r.page / 1024)} KB` : '—'} | ${fmt(r.peers.bibtex2html)} | ${fmt(r.peers.pandoc)} | ${ratio(r.cold, r.peers.bibtex2html)} |`),
  '',
  watch?.medianMs
    ? `Watch (\`bench/watch.mjs\`): cdl.bib served by \`watch\`, its first entry's title edited and saved ${watch.runs} times, in a process of its own (\`node ${watch.flags.join(' ')}\`, as the launcher starts \`watch\`): median **${watch.medianMs.toFixed(0)} ms** from the save to the new page on disk (${watch.times.map((t) => t.toFixed(0)).join(', ')} ms; includes the 20 ms debounce; the entry cache and the build stamp are written after the page).`
    : `Watch: — (${watch?.error ?? 'cdl.bib not found'}).`,
  '',
  rss.length ? `Peak RSS of a cold cdl.bib build on each Node (\`bench/memory.mjs\`: bin/scholar-page with that Node first on the PATH, the Nodes in turns, ${RUNS} rounds):\n\n${rssTable(rss, RUNS)}` : 'Peak RSS on each Node: — (cdl.bib not found).',
].join('\n');
const section = `<!-- bench:start -->
Measured ${new Date().toISOString().slice(0, 10)} on: ${machine}.
Command: \`${COMMAND}\` (median of ${RUNS} whole-process runs, or one when it takes over ${LONG_S} s; peak RSS is the largest of them; for each input every command below runs once a round, in turns, so that the machine's drift weighs on each alike).
Each scholar-page run: \`bin/scholar-page build refs.bib --out out.html --offline --cache-dir CACHE\`, run as a program (as \`scholar-page\` and \`npx scholar-page\` run it; cold: CACHE emptied before the run; nothing changed: right after it, CACHE and the page in place; one entry edited: then the first title changed, so the build stamp misses and the entry cache serves every other entry), and \`bin/scholar-page validate refs.bib\` with its cache emptied.
Peers, where installed: \`bibtex2html -nodoc -q -i -o OUT refs.bib\` (\`-i\`: go on past BibTeX's errors, such as ref.bib's repeated entry), \`pandoc --citeproc doc.md -o OUT.html\`, where doc.md is only a metadata block: \`nocite: "@*"\` and \`bibliography: refs.bib\`${QUICK ? ' (`--quick`: pandoc not timed on inputs over 1,000 entries)' : ''}.

${table}
<!-- bench:end -->`;
const prev = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
writeFileSync(FILE, prev.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));

// The page a visitor loads: the example and the other inputs (bench/page-weight.mjs), in turns.
const files = inputs.filter((i) => i.key !== 'example' && !i.key.startsWith('synthetic-')).map((i) => ({ bib: path.join(i.dir, i.bib), name: i.label ?? i.name, key: i.key }));
const weight = await pageWeight(files, { runs: RUNS, browser: BROWSER });
writeTables(weight, COMMAND);

const targets = targetRows({ inputs: Object.fromEntries(rows.filter((r) => named.some((n) => n.key === r.key)).map((r) => [r.key, r]).concat(named.filter((n) => n.missing).map((n) => [n.key, n]))), watch, rss, pages: weight.pages, noBrowser: BROWSER ? weight.noBrowser : 'not run (--no-browser)' });
console.log(`\nTargets (medians of ${RUNS}, in turns):\n${targetTable(targets)}`);
writeTargets(FILE, targets, `Measured ${new Date().toISOString().slice(0, 10)} in one run of \`${COMMAND}\` (${machine}); each figure is from that run's tables below.`);
console.log(`\nwrote ${FILE}`);
rmSync(work, { recursive: true, force: true });
