#!/usr/bin/env node
// Start-up in pairs: the same command with and without the start-up snapshot, in turns (with, without,
// with, …), so the machine's drift weighs on both alike; prints the medians.
//   node bench/startup.mjs [runs] [bib]
// Cases: a cold build (its cache folder emptied before each run), a no-op build (the page and the
// build stamp in place: nothing to do), and one entry edited (a title changed before the run: the
// stamp misses, the entry cache serves the rest); and `node -e 0` in the same turns, for Node's
// own start-up. The with-snapshot side runs whatever bin/scholar-page does
// by default; the other sets SCHOLAR_PAGE_SNAPSHOT=0.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const sides = { snapshot: {}, 'no snapshot': { SCHOLAR_PAGE_SNAPSHOT: '0' } };
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
  spawnSync(process.execPath, ['-e', '0']);
  node.push(Number(process.hrtime.bigint() - t) / 1e6);
}
rmSync(work, { recursive: true, force: true });
const show = (xs) => `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(' ')})`;
console.log(`node ${process.version}, ${runs} rounds, ${path.relative(process.cwd(), given)}`);
for (const [name, r] of Object.entries(res)) {
  console.log(`${name}: cold ${show(r.cold)}\n  no-op ${show(r.noop)}\n  one entry edited ${show(r.edit)}`);
}
console.log(`node -e 0: ${show(node)}`);
