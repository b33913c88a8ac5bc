import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { toolFiles } from '../tool-files.js';

/**
 * What a start-up snapshot is made from, as sizes and times: the tool's own files (its modules in
 * dist-lib/ and its data tables, tool-files.ts), package.json, and the installed dependencies (each one's package.json, and npm's
 * node_modules/.package-lock.json, which every install rewrites). A snapshot whose listing differs
 * at start holds old code, and is not used (src/cli/snapshot.ts). A few milliseconds to take.
 */
export function madeFrom(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const files = [
    ...toolFiles(path.join(root, 'dist-lib')),
    path.join(root, 'package.json'),
    path.join(root, 'node_modules/.package-lock.json'),
    ...Object.keys(pkg.dependencies ?? {}).map((d) => path.join(root, 'node_modules', d, 'package.json')),
  ];
  return files.sort().map((f) => {
    const st = statSync(f, { throwIfNoEntry: false });
    return `${f}\t${st?.size}\t${st?.mtimeMs}`;
  }).join('\n');
}
