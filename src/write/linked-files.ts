import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '../load/paths.js';
import { dependsOnFile } from '../deps.js';
import type { LocalFiles } from '../model/local-files.js';
import type { Profile } from '../model/profile.js';
import type { Publication } from '../model/publication.js';
import { sectionsOf, selectPublications } from '../render/sections.js';
import { OutputError, writeAtomic } from './atomic.js';
import { eachChunk, LIMITS, openInput, unreadReason } from '../load/read-input.js';

/**
 * The local files the page links to (the shown entries' `pdf`, `slides`… and the profile's links),
 * each once, sorted: an entry no section shows does not publish its files.
 */
export function linkedFiles(profile: Profile, pubs: Publication[], files: LocalFiles): string[] {
  const shown = new Set<Publication>();
  for (const s of sectionsOf(profile)) if (s.publications !== undefined) for (const p of selectPublications(pubs, s.publications)) shown.add(p);
  const out = new Set<string>();
  for (const p of shown) for (const f of Object.values(files.entries.get(p.entry) ?? {})) if (f.source) out.add(f.source);
  for (const f of files.profileLinks.values()) if (f.source) out.add(f.source);
  return [...out].sort();
}

/**
 * Copies each file beside the page at its path in the site folder (`assets/pdf/x.pdf` →
 * `<page folder>/assets/pdf/x.pdf`), where the page's links point. Each copy replaces the old one
 * atomically, and a file already the same is left alone. Nothing is written outside the page's
 * folder, also through a symlinked folder there. Returns how many files were written.
 */
export async function copyLinkedFiles(sources: string[], siteRoot: string, outFile: string, opts: { durable?: boolean } = {}): Promise<number> {
  const outDir = path.dirname(outFile);
  let written = 0;
  for (const source of sources) {
    const dest = path.join(outDir, path.relative(siteRoot, source));
    if (dest === source || dest === outFile) continue; // the page is built into the site folder itself
    dependsOnFile(dest, { writtenByBuild: true });
    await mkdir(outDir, { recursive: true });
    const realOut = await realpath(outDir);
    if (!isWithin(realOut, await realExisting(path.dirname(dest)))) {
      throw new OutputError(`${path.relative(outDir, dest)} would be written outside ${outDir} (a symlinked folder there points out)`);
    }
    try {
      if (await sameFiles(source, dest)) continue;
      await writeAtomic(dest, { copyOf: source, maxBytes: LIMITS.linked }, opts);
    } catch (err) {
      if (err instanceof OutputError) throw err;
      throw new OutputError(`cannot copy ${path.relative(siteRoot, source)}, which the page links to, to ${dest} (${unreadReason(err)})`);
    }
    written++;
  }
  return written;
}

/** The real path of `p`, through the deepest of its folders that exists. */
export async function realExisting(p: string): Promise<string> {
  for (let at = p; ; at = path.dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, path.relative(at, p));
    if (path.dirname(at) === at) return p;
  }
}

/** Whether `dest` holds the bytes of `source` already (compared in chunks; never read whole). */
async function sameFiles(source: string, dest: string): Promise<boolean> {
  const b = await openInput(dest, LIMITS.linked).catch(() => undefined);
  if (!b) return false;
  try {
    const a = await openInput(source, LIMITS.linked);
    try {
      if (a.size !== b.size) return false;
      const theirs = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(1, b.size)));
      let at = 0;
      let same = true;
      await eachChunk(a.fh, a.size, async (c) => {
        const { bytesRead } = await b.fh.read(theirs, 0, c.length, at);
        same = bytesRead === c.length && theirs.subarray(0, bytesRead).equals(c);
        at += c.length;
        return same;
      });
      return same && at === a.size;
    } finally {
      await a.fh.close();
    }
  } finally {
    await b.fh.close();
  }
}
