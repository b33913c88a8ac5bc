// The one-entry rebuild (src/patch/) against builds from scratch, on real files: for each .bib,
// a build, then three edits inside entries (a word added to the first, middle and last title, in
// that order from the end), each built as the CLI builds it (patched when it can be) and again from
// scratch (another page, an empty cache); the pages must be byte-identical and the reports equal.
//   node scripts/patch-audit.mjs [FILE.bib …]      (default: every .bib of ../shared/corpus/ under 400 KB)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/scholar-page', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

function corpusFiles(dir = CORPUS) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return corpusFiles(p);
    return d.isFile() && d.name.endsWith('.bib') && statSync(p).size < 400_000 ? [p] : [];
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : corpusFiles();
const run = (dir, args) => spawnSync(BIN, ['build', 'refs.bib', '--offline', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', NO_COLOR: '1' } });
const report = (stderr) => stderr.split('\n').filter((l) => /: (warning|error|info) /.test(l)).join('\n');
let patched = 0;
let whole = 0;
const different = [];
for (const file of files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-patch-audit-'));
  copyFileSync(file, path.join(dir, 'refs.bib'));
  if (run(dir, []).status === 0) {
    let text = readFileSync(path.join(dir, 'refs.bib'), 'utf8');
    const titles = [...text.matchAll(/\btitle\s*=\s*[{"]/gi)].map((m) => m.index + m[0].length);
    const picks = [...new Set([titles[0], titles[Math.floor(titles.length / 2)], titles[titles.length - 1]])].filter((x) => x !== undefined);
    for (const [n, at] of picks.sort((a, b) => b - a).entries()) {
      text = `${text.slice(0, at)}Edit${n} ${text.slice(at)}`;
      writeFileSync(path.join(dir, 'refs.bib'), text);
      const r = run(dir, []);
      const cache = mkdtempSync(path.join(tmpdir(), 'sp-patch-audit-cache-'));
      const scratch = run(dir, ['--out', 'fresh.html', '--cache-dir', cache]);
      rmSync(cache, { recursive: true, force: true });
      const wasPatched = /^built 1 of /m.test(r.stderr);
      if (wasPatched) patched++;
      else whole++;
      const samePage = r.status === scratch.status && (r.status !== 0 || readFileSync(path.join(dir, 'dist/index.html')).equals(readFileSync(path.join(dir, 'fresh.html'))));
      if (!samePage || report(r.stderr) !== report(scratch.stderr)) different.push(`${path.relative(CORPUS, file)}: edit ${n + 1} (${wasPatched ? 'patched' : 'whole'}): ${samePage ? 'report' : 'page'} differs`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
for (const d of different) console.log(d);
console.log(`patch audit: ${files.length} files, ${patched + whole} edits: ${patched} patched, ${whole} built whole; ${different.length} different from a build from scratch`);
process.exitCode = different.length ? 1 : 0;
