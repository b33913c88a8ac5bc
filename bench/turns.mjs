// Whole-process runs, timed with their peak RSS, and run in turns. Used by bench/run.mjs and
// bench/memory.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TIME = '/usr/bin/time';
/** A run longer than this is not repeated (pandoc takes two minutes on 20,000 entries). */
export const LONG_S = 30;

export const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
export const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** One whole-process run: wall seconds and peak RSS in MB. */
export function once(cmd, argv, cwd, env = {}) {
  const opts = { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } };
  const r = existsSync(TIME) ? spawnSync(TIME, ['-f', '%e %M', cmd, ...argv], opts) : spawnSync(cmd, argv, opts);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) (\d+)$/.exec(last);
  if (r.status) console.warn(`  run failed (exit ${r.status}): ${r.stderr.trim().split('\n').filter((l) => !/ warning /.test(l)).slice(-3).join(' | ')}`);
  return { s: m ? Number(m[1]) : NaN, mb: m ? Number(m[2]) / 1024 : NaN, status: r.status };
}

/**
 * Medians over `runs` rounds, each round running every spec ({label, cmd, argv, cwd, prepare?, env?})
 * once in turn. This machine's speed drifts by up to 40% over minutes: run one after the other, two
 * commands measured minutes apart could compare the machine rather than the commands; run in turns,
 * the drift weighs on each alike. A spec whose first run took over LONG_S is not run again.
 */
export function together(specs, runs) {
  const seen = specs.map(() => []);
  for (let i = 0; i < runs; i++) {
    specs.forEach((sp, k) => {
      if (seen[k][0]?.s > LONG_S) return;
      sp.prepare?.();
      seen[k].push(once(sp.cmd, sp.argv, sp.cwd, sp.env));
    });
  }
  return specs.map(({ label }, k) => {
    const rs = seen[k];
    const mbs = rs.map((r) => r.mb);
    const row = { label, s: median(rs.map((r) => r.s)), mb: Math.max(...mbs), mbMedian: median(mbs), status: rs.find((r) => r.status)?.status ?? 0, runs: rs.length };
    console.log(`${label.padEnd(56)} ${row.s.toFixed(3)} s  ${row.mb.toFixed(0)} MB${row.status ? `  (exit ${row.status})` : ''}${rs.length < runs ? `  (${rs.length} run)` : ''}`);
    return row;
  });
}
