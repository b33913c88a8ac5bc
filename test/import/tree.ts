import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A hash of every file of a folder, by path. */
export function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(path.join(dir, rel)).sort()) {
    const p = path.join(rel, f);
    if (statSync(path.join(dir, p)).isDirectory()) Object.assign(out, tree(dir, p));
    else out[p] = createHash('sha256').update(readFileSync(path.join(dir, p))).digest('hex');
  }
  return out;
}

/** A copy of a fixture site in `<tmp>/site`, and `<tmp>` to write the profile into. */
export function copySite(fixture: string): { root: string; site: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'sp-import-'));
  const site = path.join(root, 'site');
  cpSync(fixture, site, { recursive: true });
  return { root, site };
}
