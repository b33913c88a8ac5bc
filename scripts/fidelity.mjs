#!/usr/bin/env node
// npm run fidelity [-- FILE.bib|DIR [--profile profile.yaml]]… [--corpus] [--json] [--quiet] [--all]
// Builds each .bib (every one in ../shared/corpus/ when no file is given) and checks, entry by
// entry, that the page shows what the source says. docs/fidelity.md says what is checked.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditFile } from './fidelity/run.mjs';
import { lossLines, table, totals } from './fidelity/report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(root, '../shared/corpus');
const USAGE = 'usage: npm run fidelity -- [FILE.bib|DIR [--profile profile.yaml]]… [--corpus] [--json] [--quiet] [--all]';

function parseArgs(argv) {
  const opts = { files: [], corpus: false, json: false, quiet: false, all: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--all') opts.all = true;
    else if (a === '--corpus') opts.corpus = true;
    else if (a === '--help' || a === '-h') return { help: true };
    else if (a === '--profile') {
      const last = opts.files.at(-1);
      if (!last || !argv[i + 1]) return { error: '--profile needs a FILE.bib before it and a profile after it' };
      last.profile = argv[++i];
    } else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else if (existsSync(a) && statSync(a).isDirectory()) opts.files.push(...bibFiles(a).map((bib) => ({ bib }))); // every .bib under it
    else opts.files.push({ bib: a });
  }
  if (!opts.files.length || opts.corpus) opts.files.push(...bibFiles(CORPUS).map((bib) => ({ bib })));
  return opts;
}

function bibFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? bibFiles(p) : p.endsWith('.bib') ? [p] : [];
    });
}

/** dist-lib is what the script builds with; say so when src/ changed after it was compiled. */
function staleWarning() {
  const newest = (dir) => readdirSync(dir).reduce((m, f) => {
    const p = path.join(dir, f);
    return Math.max(m, statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
  try {
    if (newest(path.join(root, 'src')) > statSync(path.join(root, 'dist-lib/index.js')).mtimeMs) return 'fidelity: dist-lib/ is older than src/; run `npx tsc -p tsconfig.json` to audit the current code';
  } catch {
    return 'fidelity: no dist-lib/; run `npm run build` first';
  }
  return undefined;
}

const opts = parseArgs(process.argv.slice(2));
if (opts.help || opts.error) {
  if (opts.error) console.error(`fidelity: ${opts.error}`);
  console.error(USAGE);
  process.exit(opts.error ? 2 : 0);
}
const stale = staleWarning();
if (stale) console.error(stale);
const { build } = await import(path.join(root, 'dist-lib/index.js'));
const name = (f) => (path.resolve(f).startsWith(CORPUS + path.sep) ? path.relative(CORPUS, f) : f);

const progress = !opts.quiet && !opts.json && process.stderr.isTTY;
const results = [];
const started = performance.now();
for (const [i, f] of opts.files.entries()) {
  if (progress) process.stderr.write(`\r[${i + 1}/${opts.files.length}] ${name(f.bib).slice(0, 70).padEnd(70)}`);
  try {
    results.push(await auditFile(f.bib, { build, profile: f.profile }));
  } catch (err) {
    results.push({ file: f.bib, entries: 0, checked: 0, losses: [{ key: '', kind: 'audit error', expected: 'an audit', found: String(err?.stack ?? err) }] });
  }
}
if (progress) process.stderr.write('\r'.padEnd(80) + '\r');
const t = totals(results);
const seconds = Math.round((performance.now() - started) / 1000);

if (opts.json) {
  console.log(JSON.stringify({ totals: { ...t, seconds }, files: results.map((r) => ({ ...r, file: name(r.file) })) }, null, 2));
} else if (opts.quiet) {
  console.log(`fidelity: ${t.files} files, ${t.entries} entries, ${t.checked} checked, ${t.losses} losses${t.losses ? ` (${Object.entries(t.byKind).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`);
} else {
  console.log(table(results, { name }));
  if (t.losses) console.log(`\n${lossLines(results, { name, limit: opts.all ? Infinity : 25 })}`);
  console.log(`\n${t.losses ? `${t.losses} losses` : 'no losses'} in ${t.checked} of ${t.entries} entries (${seconds} s)`);
}
process.exitCode = t.losses ? 1 : 0;
