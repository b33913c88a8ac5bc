// The watch loop's latency: a .bib is served by `scholar-page watch` (the library's serve(), offline);
// one entry's title (the first) is edited and saved, and the time from the save to the new page on
// disk is measured. Median of RUNS edits. The .bib is a real file (copied alone into a folder of its
// own, no profile) or a synthetic one of N entries (beside the example's profile and thumbnails).
// bench/run.mjs runs it alone in a new process, as `scholar-page watch` runs (watchInProcess):
//   node bench/watch.mjs [N | FILE.bib] [RUNS] [--json]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { synthetic } from './synthetic.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `source`: a number of synthetic entries, or a .bib's path. */
export async function watchLatency(source = 5000, runs = 5) {
  const { serve } = await import(path.join(ROOT, 'dist-lib/watch/serve.js'));
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-watch-'));
  const bib = path.join(dir, 'refs.bib');
  if (typeof source === 'number') {
    cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/(refs\.bib|[\\/]dist|\.scholar-cache)$/.test(s) });
    writeFileSync(bib, synthetic(source));
  } else {
    cpSync(source, bib);
  }
  const original = readFileSync(bib, 'utf8');
  let built;
  const w = await serve({ cwd: dir, bib: 'refs.bib', out: 'dist/index.html', port: 0, offline: true, onBuild: (r) => built?.(r) });
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const done = new Promise((resolve) => (built = resolve));
    const next = original.replace(/title\s*=\s*[{"]/i, (m) => `${m}Edit ${i + 1} `);
    const saved = performance.now(); // the save starts: writing the file is part of the time
    const used = process.cpuUsage();
    writeFileSync(bib, next);
    const r = await done;
    times.push((r.writtenAt ?? performance.now()) - saved); // the page on disk; caches and stamp follow it
    const c = process.cpuUsage(used); // this process's CPU (all its threads) from the save to the next one's start
    cpu.push((c.user + c.system) / 1000);
  }
  await w.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSorted = [...cpu].sort((a, b) => a - b);
  return { source: typeof source === 'number' ? `synthetic ${source}` : path.basename(source), runs, medianMs: sorted[Math.floor(runs / 2)], times, cpuMs: cpuSorted[Math.floor(runs / 2)] };
}

/**
 * watchLatency in a process of its own, started with the young generation the launcher gives
 * `scholar-page watch` (bin/scholar-page): run inside the bench's process, after its other
 * measurements, the same saves measured 115 to 165 ms from one run to the next.
 */
export function watchInProcess(source, runs) {
  const launcher = readFileSync(path.join(ROOT, 'bin/scholar-page'), 'utf8');
  const flags = [...launcher.matchAll(/^exec "\$node" (.*?) "\$\(real/gm)].flatMap((m) => m[1].split(/\s+/)).filter((f) => f.startsWith('--'));
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), String(source), String(runs), '--json'], { encoding: 'utf8' });
  if (r.status) throw new Error(r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), flags };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2] ?? '5000';
  const r = await watchLatency(/^\d+$/.test(arg) ? Number(arg) : path.resolve(arg), Number(process.argv[3] ?? 5));
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
  else console.log(`watch, ${r.source}, one entry edited: median ${r.medianMs.toFixed(0)} ms from save to new page (${r.times.map((t) => t.toFixed(0)).join(', ')} ms); CPU per save ${r.cpuMs.toFixed(0)} ms`);
}
