#!/usr/bin/env node
// Start-up: whole-process builds of a small site, in turns with Node's own start-up (`node -e 0`),
// so the machine's drift weighs on each alike; prints the medians. Run with the Node to measure
// first on the PATH (bin/scholar-page runs the `node` on the PATH):
//   PATH=/path/to/node/bin:$PATH node bench/startup.mjs [runs] [bib]
// (Until 0.2.0 it also ran each case with SCHOLAR_PAGE_SNAPSHOT=0, to pair the start-up snapshot's
// runs with the start without it; BENCHMARKS.md has that last comparison.)
// Cases: a cold build (its cache folder emptied before each run), a no-op build (the page and the
// build stamp in place: nothing to do), and one entry edited (a title changed before the run: the
// stamp misses, the entry cache serves the rest).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 11);
const given = path.resolve(process.argv[3] ?? path.join(ROOT, 'data/example/refs.bib'));
const bin = path.join(ROOT, 'bin/scholar-page');
const work = mkdtempSync(path.join(tmpdir(), 'sp-startup-'));
// A copy of the site folder (the profile and thumbnails beside the .bib), so the bench may edit it.
cpSync(path.dirname(given), path.join(work, 'site'), { recursive: true });
const bib = path.join(work, 'site', path.basename(given));
const text = readFileSync(bib, 'utf8');
let edits = 0;
const edit = () => writeFileSync(bib, text.replace(/title\s*=\s*[{"]/i, (m) => `${m}Edit ${++edits} `));

function time(env, cache, out) {
  const t = process.hrtime.bigint();
  const r = spawnSync(bin, ['build', bib, '--offline', '--cache-dir', cache, '--out', out], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`build failed (${r.status}): ${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sides = { 'scholar-page build': {} };
const res = {};
for (const [name, env] of Object.entries(sides)) res[name] = { cold: [], noop: [], edit: [] };
const node = [];
for (let i = 0; i < runs; i++) {
  for (const [name, env] of Object.entries(sides)) {
    const cache = path.join(work, `${name}-cache`);
    const out = path.join(work, `${name}.html`);
    rmSync(cache, { recursive: true, force: true });
    res[name].cold.push(time(env, cache, out));
    res[name].noop.push(time(env, cache, out));
    edit();
    res[name].edit.push(time(env, cache, out));
  }
  const t = process.hrtime.bigint();
  spawnSync('node', ['-e', '0']);
  node.push(Number(process.hrtime.bigint() - t) / 1e6);
}
rmSync(work, { recursive: true, force: true });
const show = (xs) => `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(' ')})`;
console.log(`node ${spawnSync('node', ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${runs} rounds, ${path.relative(process.cwd(), given)}`);
for (const [name, r] of Object.entries(res)) {
  console.log(`${name}: cold ${show(r.cold)}\n  no-op ${show(r.noop)}\n  one entry edited ${show(r.edit)}`);
}
console.log(`node -e 0: ${show(node)}`);
