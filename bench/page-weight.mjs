// The page a visitor loads: bytes, raw and gzipped (zlib's default level, as web servers send it),
// of the example page and of each FILE.bib's page, with and without the search box, beside
// bibtex2html's and pandoc's pages for the same file where installed; then, in Chromium, load
// time, first contentful paint, DOM size and filter/clear time (bench/browser-timing.mjs).
//   node bench/page-weight.mjs [FILE.bib ...] [--runs N] [--no-browser] [--compare CHECKOUT] [--write]
// --compare builds the same pages with another checkout's bin/scholar-page (after its own
// `npm run build`) and measures them in the same rounds; --write puts the tables in BENCHMARKS.md.
// Also run by bench/run.mjs (npm run bench) on the files it is given.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { browserTimings, CHROMIUM } from './browser-timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const kb = (n) => `${Math.round(n / 1024).toLocaleString('en')} KB`;
const sizes = (file) => {
  const b = readFileSync(file);
  return { raw: b.length, gz: gzipSync(b).length };
};
const both = (s) => (s ? `${kb(s.raw)} / ${kb(s.gz)}` : '—');

/** Builds with `bin` (a checkout's bin/scholar-page); the page's path. */
function build(bin, input, out, profile) {
  const argv = ['build', input.bib, '--out', out, '--offline', '--cache-dir', path.join(path.dirname(out), 'cache'), ...(profile ? ['--profile', profile] : [])];
  const r = spawnSync(bin, argv, { cwd: input.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status) throw new Error(`${bin} ${argv.join(' ')} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return out;
}

/** The pages of one input: ours (and `others'`) with and without search, and the peers'. */
function pagesOf(input, work, builders) {
  const dir = path.join(work, input.name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  // Search on: the input's profile with `search: true` added, or a profile of only that.
  // Beside the input's own, so that the paths in it mean the same.
  const own = path.join(input.dir, 'profile.yaml');
  const searchProfile = path.join(input.dir, 'profile-search.yaml');
  writeFileSync(searchProfile, `${existsSync(own) ? readFileSync(own, 'utf8') : 'name: Page Owner\n'}\nsearch: true\n`);
  const pages = [];
  for (const b of builders) {
    for (const search of [false, true]) {
      const out = path.join(dir, b.name, search ? 'search' : 'plain', 'index.html');
      mkdirSync(path.dirname(out), { recursive: true });
      pages.push({ who: b.name, search, file: build(b.bin, input, out, search ? searchProfile : undefined) });
    }
  }
  const bib = path.join(input.dir, input.bib);
  if (has('bibtex2html')) {
    execFileSync('bibtex2html', ['-nodoc', '-q', '-i', '-o', path.join(dir, 'b2h'), bib], { cwd: dir, stdio: 'ignore' });
    pages.push({ who: 'bibtex2html', file: path.join(dir, 'b2h.html') });
  }
  if (has('pandoc')) {
    // nocite must be a citation, which only a document's metadata block makes.
    writeFileSync(path.join(dir, 'doc.md'), `---\nnocite: "@*"\nbibliography: ${JSON.stringify(bib)}\n---\n`);
    execFileSync('pandoc', ['--citeproc', 'doc.md', '-o', 'pandoc.html'], { cwd: dir, stdio: 'ignore' });
    pages.push({ who: 'pandoc', file: path.join(dir, 'pandoc.html') });
  }
  return pages.map((p) => ({ ...p, ...sizes(p.file) }));
}

/** The inputs: the example site, and each FILE.bib (a path, or {bib, name, key}) alone in a folder of its own (no profile). */
function inputsFor(files, work) {
  const ex = path.join(work, 'in-example');
  cpSync(path.join(ROOT, 'data/example'), ex, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
  const inputs = [{ key: 'example', name: 'example', dir: ex, bib: 'refs.bib' }];
  for (const f of files.map((x) => (typeof x === 'string' ? { bib: x } : x))) {
    const dir = path.join(work, `in-${inputs.length}`);
    mkdirSync(dir);
    cpSync(f.bib, path.join(dir, path.basename(f.bib)));
    inputs.push({ key: f.key ?? path.basename(f.bib), name: f.name ?? path.basename(f.bib), dir, bib: path.basename(f.bib) });
  }
  return inputs.map((i) => ({ ...i, entries: (readFileSync(path.join(i.dir, i.bib), 'utf8').match(/^\s*@(?!string|comment|preamble)/gim) ?? []).length }));
}

/** Measures; returns the two tables as Markdown, and `pages`: each page's input key, who made it, bytes and timings. */
export async function pageWeight(files, { runs = 5, browser = true, compare } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), 'sp-weight-'));
  const builders = [{ name: 'this', bin: path.join(ROOT, 'bin/scholar-page') }, ...(compare ? [{ name: path.basename(path.resolve(compare)), bin: path.join(path.resolve(compare), 'bin/scholar-page') }] : [])];
  try {
    const rows = [];
    for (const input of inputsFor(files, work)) {
      console.log(`page weight: ${input.name}`);
      rows.push({ input, pages: pagesOf(input, work, builders) });
    }
    const peer = (r, who) => r.pages.find((p) => p.who === who);
    const ours = (r, who, search) => r.pages.find((p) => p.who === who && p.search === search);
    const bytes = [
      '| input | entries | scholar-page, raw / gzip | with `search: true` | bibtex2html | pandoc | gzip ÷ pandoc\'s |',
      '|---|---|---|---|---|---|---|',
      ...rows.flatMap((r) => builders.map((b) => {
        const [plain, search, p] = [ours(r, b.name, false), ours(r, b.name, true), peer(r, 'pandoc')];
        return `| ${r.input.name}${compare ? ` (${b.name})` : ''} | ${r.input.entries} | ${both(plain)} | ${both(search)} | ${both(peer(r, 'bibtex2html'))} | ${both(p)} | ${p ? `${(plain.gz / p.gz).toFixed(2)}×` : '—'} |`;
      })),
    ];
    console.log(`\n${bytes.join('\n')}`);
    const pages = rows.flatMap((r) => r.pages.map((p) => ({ ...p, key: r.input.key, label: `${r.input.name}: ${p.who}${p.search ? ', search on' : ''}` })));
    if (!browser) return { bytes: bytes.join('\n'), pages };
    const timed = await browserTimings(pages, runs);
    if (!timed) return { bytes: bytes.join('\n'), pages, noBrowser: `${CHROMIUM} not found` };
    const ms = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en')} ms` : '—');
    const chromium = [
      '| page | load | first contentful paint | DOM elements (all nodes) | filter / clear (search on) | scrolling: median frame, frames over 50 ms (of 150) |',
      '|---|---|---|---|---|---|',
      ...timed.map((t) => `| ${t.label} | ${ms(t.loadMs)} | ${ms(t.fcpMs)} | ${t.elements.toLocaleString('en')} (${t.nodes.toLocaleString('en')}) | ${Number.isFinite(t.filterMs) ? `${ms(t.filterMs)} ("${t.query}": ${t.filtered} shown) / ${ms(t.clearMs)}` : '—'} | ${t.frameMs.toFixed(1)} ms, ${t.longFrames} |`),
    ];
    console.log(`\nChromium, medians of ${runs} rounds, pages in turns:\n${chromium.join('\n')}`);
    return { bytes: bytes.join('\n'), chromium: chromium.join('\n'), runs, pages: pages.map((p, i) => ({ ...p, ...timed[i] })) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Puts the tables between BENCHMARKS.md's page-weight markers. */
export function writeTables(t, command) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const section = `<!-- page-weight:start -->
Measured ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`. Each page: \`bin/scholar-page build FILE.bib --out OUT --offline\` (the example: its own profile; a FILE.bib: no profile), again with a profile that adds \`search: true\`; peers as in the table above. gzip: Node's zlib at its default level.

${t.bytes}
${t.chromium ? `\nIn Chromium (headless, 1280×800, from file://), medians of ${t.runs} rounds, the pages in turns; load is the load event, filter/clear the time from the input event to the next frame, scrolling 150 frames of 100 px from 30% of the page down:\n\n${t.chromium}\n` : ''}<!-- page-weight:end -->`;
  const prev = readFileSync(file, 'utf8');
  const next = prev.includes('<!-- page-weight:start -->') ? prev.replace(/<!-- page-weight:start -->[\s\S]*<!-- page-weight:end -->/, section) : prev.replace('<!-- bench:end -->', `<!-- bench:end -->\n\n## The page visitors load\n\n${section}`);
  writeFileSync(file, next);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : undefined);
  const runs = Number(opt('--runs') ?? 5);
  const compare = opt('--compare');
  const browser = !args.includes('--no-browser');
  const write = args.includes('--write');
  const files = args.filter((a) => a.endsWith('.bib'));
  const t = await pageWeight(files, { runs, browser, compare });
  if (write) writeTables(t, `node bench/page-weight.mjs ${process.argv.slice(2).join(' ')}`);
}
