// npm run bench [-- FILE.bib ...] [--runs N]: whole-process timings of build and validate, cold and warm,
// with peak RSS, against bibtex2html and pandoc when installed; then the pages' weight and their
// load, filter and scrolling in Chromium (bench/page-weight.mjs). Writes the tables into BENCHMARKS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthetic } from './synthetic.mjs';
import { watchLatency } from './watch.mjs';
import { pageWeight, writeTables } from './page-weight.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/scholar-page');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args.splice(runsArg, 2)[1]) : 5;
const sizesArg = args.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? args.splice(sizesArg, 2)[1].split(',').map(Number) : [50, 1000, 5000, 20000];
const extra = args.filter((a) => a.endsWith('.bib'));
const work = mkdtempSync(path.join(tmpdir(), 'sp-bench-'));
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) console.warn('bench: /usr/bin/time not found (apt-get install time); peak RSS will be missing');

/** One whole-process run: wall seconds and peak RSS in MB. */
function once(cmd, argv, cwd, env = {}) {
  const opts = { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } };
  const r = existsSync(TIME) ? spawnSync(TIME, ['-f', '%e %M', cmd, ...argv], opts) : spawnSync(cmd, argv, opts);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) (\d+)$/.exec(last);
  if (r.status) console.warn(`  run failed (exit ${r.status}): ${r.stderr.trim().split('\n').filter((l) => !/ warning /.test(l)).slice(-3).join(' | ')}`);
  return { s: m ? Number(m[1]) : NaN, mb: m ? Number(m[2]) / 1024 : NaN, status: r.status };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A run longer than this is not repeated (pandoc takes two minutes on 20,000 entries). */
const LONG_S = 30;

/** Median over RUNS; `prepare` runs before each (e.g. to empty the cache for a cold run). */
function measure(label, cmd, argv, cwd, prepare = () => {}, env = {}) {
  return together([{ label, cmd, argv, cwd, prepare, env }])[0];
}

/**
 * Medians over RUNS rounds, each round running every spec once in turn. This machine's speed
 * drifts by up to 40% over minutes: run one after the other, two commands measured minutes apart
 * could compare the machine rather than the commands; run in turns, the drift weighs on each alike.
 */
function together(specs) {
  const runs = specs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    specs.forEach((sp, k) => {
      if (runs[k][0]?.s > LONG_S) return;
      sp.prepare?.();
      runs[k].push(once(sp.cmd, sp.argv, sp.cwd, sp.env));
    });
  }
  return specs.map(({ label }, k) => {
    const rs = runs[k];
    const row = { label, s: median(rs.map((r) => r.s)), mb: Math.max(...rs.map((r) => r.mb)), status: rs[0].status, runs: rs.length };
    console.log(`${label.padEnd(48)} ${row.s.toFixed(3)} s  ${row.mb.toFixed(0)} MB${row.status ? `  (exit ${row.status})` : ''}${rs.length < RUNS ? `  (${rs.length} run)` : ''}`);
    return row;
  });
}

const inputs = [];
const ex = path.join(work, 'example');
cpSync(path.join(ROOT, 'data/example'), ex, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
inputs.push({ name: 'example (9 entries, 10 images)', dir: ex, bib: 'refs.bib' });
for (const n of SIZES) {
  const dir = path.join(work, `syn${n}`);
  cpSync(ex, dir, { recursive: true, filter: (s) => !/(refs\.bib|profile\.yaml)$/.test(s) });
  writeFileSync(path.join(dir, 'refs.bib'), synthetic(n));
  inputs.push({ name: `synthetic ${n}${n === 50 ? ' (homepage with abstracts)' : ''}`, dir, bib: 'refs.bib' });
}
for (const f of extra) {
  // copied, so that no cache is ever written beside the original
  const dir = path.join(work, `extra${inputs.length}`);
  cpSync(path.dirname(path.resolve(f)), dir, { recursive: true });
  inputs.push({ name: path.basename(f), dir, bib: path.basename(f) });
}

/** No environment of its own (until 0.2.0 this made a run that could not start from the start-up snapshot fail). */
const FROM_SNAPSHOT = {};
const rows = [];
for (const input of inputs) {
  const cache = path.join(work, `cache-${rows.length}`);
  const out = path.join(work, 'out.html');
  // bin/scholar-page run as a program, as `scholar-page` and `npx scholar-page` run it.
  const common = ['build', input.bib, '--out', out, '--offline', '--cache-dir', cache];
  const empty = () => rmSync(cache, { recursive: true, force: true });
  // The cold builds and bibtex2html in turns: their ratio is the target.
  const [cold, b2h] = together([
    { label: `${input.name}: build, cold`, cmd: BIN, argv: common, cwd: input.dir, prepare: empty, env: FROM_SNAPSHOT },
    ...(has('bibtex2html') ? [{ label: `${input.name}: bibtex2html -nodoc`, cmd: 'bibtex2html', argv: ['-nodoc', '-q', '-o', path.join(work, 'b2h'), input.bib], cwd: input.dir }] : []),
  ]);
  const warm = measure(`${input.name}: build, warm (nothing changed)`, BIN, common, input.dir, () => {}, FROM_SNAPSHOT);
  const bibPath = path.join(input.dir, input.bib);
  const original = readFileSync(bibPath, 'utf8');
  let edits = 0;
  const edit = () => writeFileSync(bibPath, original.replace(/title\s*=\s*[{"]/i, (m) => `${m}Edit ${++edits} `));
  const edited = measure(`${input.name}: build, warm, one entry edited`, BIN, common, input.dir, edit, FROM_SNAPSHOT);
  writeFileSync(bibPath, original);
  const valCache = path.join(input.dir, '.scholar-cache');
  const val = measure(`${input.name}: validate, cold`, BIN, ['validate', input.bib], input.dir, () => rmSync(valCache, { recursive: true, force: true }), FROM_SNAPSHOT);
  const page = existsSync(out) ? readFileSync(out).length : NaN;
  const peers = {};
  if (b2h) peers.bibtex2html = b2h;
  if (has('pandoc')) {
    // nocite must be a citation, which only a document's metadata block makes (`-M nocite=@*` is a
    // plain string: pandoc then renders nothing, in a fraction of a second).
    const doc = path.join(work, 'nocite.md');
    writeFileSync(doc, `---\nnocite: "@*"\nbibliography: ${JSON.stringify(path.join(input.dir, input.bib))}\n---\n`);
    const pageOut = path.join(work, 'p.html');
    peers.pandoc = measure(`${input.name}: pandoc --citeproc`, 'pandoc', ['--citeproc', doc, '-o', pageOut], input.dir);
    if (!existsSync(pageOut) || readFileSync(pageOut).length < 100) console.warn('  pandoc wrote no bibliography: its figure is not comparable');
  }
  rows.push({ input, cold, warm, edited, val, page, peers, entries: (original.match(/^\s*@(?!string|comment|preamble)/gim) ?? []).length });
}

const watch = await watchLatency(5000, Math.max(RUNS, 11));
console.log(`watch, 5000 entries, one entry edited: median ${watch.medianMs.toFixed(0)} ms`);

const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('uname', ['-sr']).toString().trim()}`;
const fmt = (r) => (r ? `${r.s.toFixed(2)} s, ${r.mb.toFixed(0)} MB${r.status ? " (failed)" : ""}${r.runs < RUNS ? ` (${r.runs} run)` : ""}` : "not installed");
const ratio = (a, b) => (b && b.s > 0 && !b.status ? `${(a.s / b.s).toFixed(1)}×` : '—');
const table = [
  '| input | build cold | per entry (cold) | build warm, nothing changed | build warm, one entry edited | validate cold | page size | bibtex2html | pandoc | cold ÷ bibtex2html |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.input.name} | ${fmt(r.cold)} | ${r.entries ? `${((1000 * r.cold.s) / r.entries).toFixed(2)} ms` : '—'} | ${fmt(r.warm)} | ${fmt(r.edited)} | ${fmt(r.val)} | ${Number.isFinite(r.page) ? `${Math.round(r.page / 1024)} KB` : '—'} | ${fmt(r.peers.bibtex2html)} | ${fmt(r.peers.pandoc)} | ${ratio(r.cold, r.peers.bibtex2html)} |`),
  '',
  `Watch (\`bench/watch.mjs\`): synthetic 5000, one entry's title edited and saved: median **${watch.medianMs.toFixed(0)} ms** from the save to the new page on disk (${watch.times.map((t) => t.toFixed(0)).join(', ')} ms; includes the 20 ms debounce; the entry cache and the build stamp are written after the page).`,
].join('\n');
const section = `<!-- bench:start -->
Measured ${new Date().toISOString().slice(0, 10)} on: ${machine}.
Command: \`npm run bench -- ${[...extra, RUNS !== 5 ? `--runs ${RUNS}` : '', sizesArg >= 0 ? `--sizes ${SIZES.join(',')}` : ''].filter(Boolean).join(' ')}\` (median of ${RUNS} whole-process runs, or one when it takes over ${LONG_S} s; peak RSS is the largest of them; the cold build and bibtex2html run in turns, round by round, so that the machine's drift weighs on each alike).
Each scholar-page run: \`bin/scholar-page build refs.bib --out out.html --offline --cache-dir CACHE\`, run as a program (as \`scholar-page\` and \`npx scholar-page\` run it; cold: CACHE emptied before each run; warm: CACHE kept and the page in place; one entry edited: a title changed before each run, so the build stamp misses and the entry cache serves every other entry), and \`bin/scholar-page validate refs.bib\` with its cache emptied.
Peers, where installed: \`bibtex2html -nodoc -q -o OUT refs.bib\`, \`pandoc --citeproc doc.md -o OUT.html\`, where doc.md is only a metadata block: \`nocite: "@*"\` and \`bibliography: refs.bib\`.

${table}
<!-- bench:end -->`;
const file = path.join(ROOT, 'BENCHMARKS.md');
const prev = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
writeFileSync(file, prev.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
// The page a visitor loads, for the example and the files given: bytes, and load, filter and
// scrolling in Chromium (bench/page-weight.mjs), into its own section of BENCHMARKS.md.
writeTables(await pageWeight(extra, { runs: RUNS }), `npm run bench -- ${[...extra, RUNS !== 5 ? `--runs ${RUNS}` : ''].filter(Boolean).join(' ')}`);
console.log(`\nwrote ${file}`);
rmSync(work, { recursive: true, force: true });
