// One .bib: build its page offline into a scratch folder, then audit the page against the source.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { readBib } from './source.mjs';
import { readPage } from './page.mjs';
import { auditPage } from './audit.mjs';

/**
 * Audits one .bib. `build`: the library's build() (dist-lib's in the script, src's in tests).
 * `profile`: a profile.yaml for this file; by default the one beside the .bib, if any. `theme`: a
 * theme name or folder (default: the default theme).
 * Returns `{ file, entries, checked, losses }`; a failed build is one "build failed" loss.
 */
export async function auditFile(bibFile, { build, profile, theme } = {}) {
  const bib = path.resolve(bibFile);
  const profileFile = profile ? path.resolve(profile) : path.join(path.dirname(bib), 'profile.yaml');
  const hasProfile = existsSync(profileFile);
  const entries = readBib(await readFile(bib, 'utf8'));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fidelity-'));
  try {
    const out = path.join(dir, 'index.html');
    let result;
    try {
      result = await build({ bib, profile: hasProfile ? profileFile : undefined, theme, out, cwd: dir, cacheDir: path.join(dir, 'cache'), offline: true, durable: false });
    } catch (err) {
      return failed(bibFile, entries, `internal error: ${err?.message ?? err}`);
    }
    if (!result.outFile) {
      const d = result.diagnostics.find((x) => x.severity === 'error') ?? result.diagnostics[0];
      return failed(bibFile, entries, d ? `${path.basename(d.file)}:${d.line}:${d.column}: ${d.code}: ${d.message}` : 'no page written');
    }
    const page = readPage(await readFile(result.outFile, 'utf8'));
    const p = hasProfile ? YAML.parse(await readFile(profileFile, 'utf8')) ?? {} : {};
    const owner = hasProfile ? (Array.isArray(p.owner) ? p.owner : typeof p.owner === 'string' ? [p.owner] : p.name ? [p.name] : []) : [];
    return { file: bibFile, ...auditPage(entries, page, { owner, everyEntry: !p.sections }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function failed(file, entries, message) {
  return { file, entries: entries.length, checked: 0, losses: [{ key: '', kind: 'build failed', expected: 'a page', found: message }] };
}
