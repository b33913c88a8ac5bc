import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';

/** The starter site shipped in data/init/. */
const TEMPLATE = fileURLToPath(new URL('../../data/init/', import.meta.url));
/** The GitHub Pages workflow, among the template's files; written with this version and the site's place filled in. */
const WORKFLOW = path.join('.github', 'workflows', 'scholar-page.yml');

export interface InitResult {
  /** Files written, relative to the site folder (the workflow may be `../…/.github/…`, at the repository's root). */
  written: string[];
  /** Files that exist already and were left alone (without --force nothing is written then). */
  existing: string[];
  /** The site's folder within its git repository ('.' at the root, or when it is in none). */
  site: string;
}

const exists = (f: string): Promise<boolean> => stat(f).then(() => true, () => false);

/**
 * Scaffolds a site: profile.yaml, refs.bib, a sample thumbnail, the GitHub Pages workflow and a
 * .gitignore; `@VERSION@` in the workflow and the profile (its JSON Schema's address) is this
 * version. Never overwrites a file unless `force`; if any would be overwritten, writes nothing.
 * GitHub reads workflows only at a repository's root: a site made in a subfolder of a git
 * repository gets its workflow there, working in the subfolder.
 */
export async function init(dir: string, force = false): Promise<InitResult> {
  const root = (await gitRoot(dir)) ?? dir;
  const site = path.relative(root, dir).split(path.sep).join('/') || '.';
  const files = await list(TEMPLATE);
  const target = (f: string): string => (f === WORKFLOW ? path.relative(dir, path.join(root, WORKFLOW)) : f === 'gitignore' ? '.gitignore' : f);
  const existing: string[] = [];
  for (const f of files) if (await exists(path.join(dir, target(f)))) existing.push(target(f));
  if (existing.length && !force) return { written: [], existing, site };
  for (const f of files) {
    const to = path.join(dir, target(f));
    await mkdir(path.dirname(to), { recursive: true });
    if (f === WORKFLOW) await writeFile(to, workflow(await readFile(path.join(TEMPLATE, f), 'utf8'), site));
    else if (f.endsWith('.yaml')) await writeFile(to, (await readFile(path.join(TEMPLATE, f), 'utf8')).replaceAll('@VERSION@', VERSION));
    else await copyFile(path.join(TEMPLATE, f), to);
  }
  return { written: files.map(target), existing, site };
}

/** The workflow for a site at `site` (relative to the repository's root), installing this very version. */
export function workflow(template: string, site: string, version = VERSION): string {
  const under = (p: string): string => JSON.stringify(site === '.' ? p : `${site}/${p}`);
  return template
    .replaceAll('@VERSION@', version)
    .replaceAll('@SITE@', JSON.stringify(site))
    .replaceAll('@CACHE@', under('.scholar-cache'))
    .replaceAll('@PAGES@', under('_site'));
}

/** The root of the git work tree `dir` is in (the nearest folder up with a `.git`), if any. */
async function gitRoot(dir: string): Promise<string | undefined> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (await exists(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

async function list(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await list(root, p)));
    else out.push(p);
  }
  return out.sort();
}
