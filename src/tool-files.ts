import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The tool's own files: its modules in `codeDir` (dist-lib/, or src/ when run from the source)
 * and the data tables beside it (data/*.yaml, data/*.json). A new version or a local edit changes
 * one of them. The build stamp (write/stamp.ts) notices, by content.
 */
export function toolFiles(codeDir: string): string[] {
  const own = modulesIn(codeDir);
  const data = path.resolve(codeDir, '../data');
  const tables = existsSync(data) ? readdirSync(data).filter((f) => /\.(yaml|json)$/.test(f)).map((f) => path.join(data, f)) : [];
  return [...own, ...tables].sort();
}

/**
 * The .js and .ts files (not .d.ts) under `dir`, walked folder by folder: Node 20's
 * `readdirSync(dir, { recursive: true })` took 12–15 ms for dist-lib/ in a new process, this 2 ms,
 * on the path of every build (the stamp's key) and of "nothing changed".
 */
function modulesIn(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...modulesIn(p));
    else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
