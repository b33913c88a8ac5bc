import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What a start-up snapshot is made from, as sizes and times: the compiled modules in dist-lib/,
 * data/*.json, package.json, and the installed dependencies (each one's package.json, and npm's
 * node_modules/.package-lock.json, which every install rewrites). A snapshot whose listing differs
 * at start holds old code, and is not used (src/cli/snapshot.ts). A few milliseconds to take.
 */
export function madeFrom(root: string): string {
  const lib = path.join(root, 'dist-lib');
  const data = path.join(root, 'data');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const files = [
    ...readdirSync(lib, { recursive: true }).map(String).filter((f) => f.endsWith('.js')).map((f) => path.join(lib, f)),
    ...readdirSync(data).filter((f) => f.endsWith('.json')).map((f) => path.join(data, f)),
    path.join(root, 'package.json'),
    path.join(root, 'node_modules/.package-lock.json'),
    ...Object.keys(pkg.dependencies ?? {}).map((d) => path.join(root, 'node_modules', d, 'package.json')),
  ];
  return files.sort().map((f) => {
    const st = statSync(f, { throwIfNoEntry: false });
    return `${f}\t${st?.size}\t${st?.mtimeMs}`;
  }).join('\n');
}
