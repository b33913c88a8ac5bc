import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The starter site shipped in data/init/. */
const TEMPLATE = fileURLToPath(new URL('../../data/init/', import.meta.url));

export interface InitResult {
  written: string[];
  /** Files that exist already and were left alone (without --force nothing is written then). */
  existing: string[];
}

/**
 * Scaffolds a site: profile.yaml, refs.bib, a sample thumbnail, the GitHub Pages workflow and a
 * .gitignore. Never overwrites a file unless `force`; if any would be overwritten, writes nothing.
 */
export async function init(dir: string, force = false): Promise<InitResult> {
  const files = await list(TEMPLATE);
  const existing: string[] = [];
  for (const f of files) if (await stat(path.join(dir, target(f))).then(() => true, () => false)) existing.push(target(f));
  if (existing.length && !force) return { written: [], existing };
  for (const f of files) {
    await mkdir(path.dirname(path.join(dir, target(f))), { recursive: true });
    await copyFile(path.join(TEMPLATE, f), path.join(dir, target(f)));
  }
  return { written: files.map(target), existing };
}

/** npm never packs a file named .gitignore, so the template keeps it as `gitignore`. */
const target = (f: string): string => (f === 'gitignore' ? '.gitignore' : f);

async function list(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await list(root, p)));
    else out.push(p);
  }
  return out.sort();
}
