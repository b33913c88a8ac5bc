// The same cold build run several times in one Node process, to show how much of a whole-process
// cold build is the process warming up (V8 compiling and optimizing our code and the libraries')
// rather than the build's own work. Each run builds its own copy of the file (so that nothing is
// reused from the run before: `watch`'s reuse is keyed by the file) into an empty cache, with the
// library API (`dist-lib`, no snapshot), offline, one-shot (as the CLI's build).
//   node bench/in-process.mjs FILE.bib [RUNS]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/in-process.mjs FILE.bib [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const { build } = await import(path.join(ROOT, 'dist-lib/index.js'));
const { buildsOnce } = await import(path.join(ROOT, 'dist-lib/pipeline.js'));
buildsOnce();
const dir = mkdtempSync(path.join(tmpdir(), 'sp-inproc-'));
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const bib = path.join(dir, `run${i}.bib`);
    copyFileSync(file, bib);
    const started = performance.now();
    const r = await build({ bib, cwd: dir, out: path.join(dir, `run${i}.html`), offline: true, cacheDir: path.join(dir, `cache${i}`) });
    times.push(performance.now() - started);
    if (r.errors) throw new Error(`run ${i} failed: ${r.diagnostics.find((d) => d.severity === 'error')?.message}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const later = times.slice(1).sort((a, b) => a - b);
console.log(`${path.basename(file)}, ${runs} cold builds in one process: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
if (later.length) console.log(`first ${Math.round(times[0])} ms (loads the modules too); median of the others ${Math.round(later[Math.floor((later.length - 1) / 2)])} ms`);
