import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const versions = new Map<string, string>();

/**
 * `name@version` of an installed package, found from where it resolves (`name@?` if not found);
 * looked up once per process (the entry cache's fingerprint and the verbatim parser both ask).
 */
export function packageVersion(name: string): string {
  let found = versions.get(name);
  if (found === undefined) versions.set(name, (found = lookUp(name)));
  return found;
}

function lookUp(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  while (!existsSync(path.join(dir, 'package.json')) || readJson(path.join(dir, 'package.json')).name !== name) {
    const up = path.dirname(dir);
    if (up === dir) return `${name}@?`;
    dir = up;
  }
  return `${name}@${readJson(path.join(dir, 'package.json')).version}`;
}

function readJson(file: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
}
