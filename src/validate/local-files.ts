import path from 'node:path';
import { LINK_FIELDS } from '../load/fields.js';
import { isFile, isWithin, localRef, resolveInside, siteHref } from '../load/paths.js';
import { display, type Site } from '../load/site.js';
import { dependsOnFile } from '../deps.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { checkLink } from './links.js';
import { isVideoPath, videoSource } from '../enrich/video-preview.js';
import type { LocalFile, LocalFiles } from '../model/local-files.js';

/** Where al-folio keeps the files of these fields (its `_layouts/bib.liquid` prepends the folder). */
export const AL_FOLIO_FOLDERS: Record<string, string> = {
  pdf: 'assets/pdf', supp: 'assets/pdf', poster: 'assets/pdf', slides: 'assets/pdf', html: 'assets/html',
};

/**
 * Resolves every relative link of the entries and the profile to a file inside the site folder.
 * An entry's `pdf`, `supp`, `poster`, `slides` are looked up first in al-folio's `assets/pdf/` and
 * `html` in `assets/html/` (in the site folder, then beside the `.bib`'s folder, as al-folio's
 * `_bibliography/`), then relative to the `.bib`; a profile link relative to the profile. A
 * missing file is a warning (an error under --strict), a path out of the site folder an error.
 */
export async function checkLocalFiles(site: Site, report: Reporter, cwd: string, strict = false): Promise<LocalFiles> {
  const out: LocalFiles = { entries: new Map(), profileLinks: new Map(), videos: new Map() };
  const missing = strict ? report.error : report.warn;
  // Most entries link only to URLs: only those with a relative link or a video look at the disk.
  const entries = (site.bib?.entries ?? []).filter((e) => isVideoPath(e.raw.preview) || Object.keys(e.raw).some((f) => f in LINK_FIELDS && localRef(e.raw[f])));
  await Promise.all(entries.map(async (e) => {
    const files: Record<string, LocalFile> = {};
    for (const field of Object.keys(e.raw)) {
      if (!(field in LINK_FIELDS)) continue;
      const pos = e.fieldPos[field] ?? e.pos;
      const found = await resolveLink(site, site.bibDir, field, e.raw[field]);
      if (!found) continue;
      const what = `${field} "${e.raw[field].trim()}" of entry "${e.key}"`;
      if ('problem' in found) {
        files[field] = { href: '' }; // left off the page
        report.error(e.file, pos, { code: 'path/outside-root', message: `${what}: ${found.problem}; the link is left off the page` });
      } else {
        files[field] = found.file;
        if (!found.file.source) missing.call(report, e.file, pos, notFound(what, e.raw[field], found.looked, site.siteRoot));
      }
    }
    if (Object.keys(files).length) out.entries.set(e, files);
    if (!isVideoPath(e.raw.preview)) return;
    const video = await videoSource(e, site.bibDir, site.siteRoot);
    if (!video) return;
    out.videos.set(e, video);
    if (video.kind === 'problem') (video.error ? report.error : missing).call(report, e.file, e.fieldPos.preview ?? e.pos, { code: video.code, message: video.message });
  }));
  if (!site.profileLoaded || !site.profileFile) return out;
  const file = display(cwd, site.profileFile);
  const profileDir = path.dirname(site.profileFile);
  await Promise.all(site.profile.links.map(async (l, i) => {
    const found = await resolveLink(site, profileDir, undefined, l.url);
    if (!found) return;
    const pos: Position | undefined = site.locateInProfile(['links', i, 'url']);
    const what = `link "${l.label}"`;
    if ('problem' in found) {
      out.profileLinks.set(i, { href: '' });
      report.error(file, pos, { code: 'path/outside-root', message: `${what}: ${found.problem}; the link is left off the page` });
    } else {
      out.profileLinks.set(i, found.file);
      if (!found.file.source) missing.call(report, file, pos, notFound(`${what} "${l.url.trim()}"`, l.url, found.looked, site.siteRoot));
    }
  }));
  return out;
}

type Resolved = { file: LocalFile; looked: string[] } | { problem: string };

/** A relative link resolved; undefined for a URL, or a value the link policy refuses anyway (bib/bad-link). */
async function resolveLink(site: Site, base: string, field: string | undefined, value: string): Promise<Resolved | undefined> {
  const ref = localRef(value);
  if (!ref || checkLink(value.trim())) return undefined;
  const root = site.siteRoot;
  const own = await resolveInside(root, ref.fromRoot ? root : base, ref.path);
  if ('problem' in own) return own;
  const folder = field !== undefined && !ref.fromRoot ? AL_FOLIO_FOLDERS[field] : undefined;
  const bases = folder ? [...new Set([path.join(root, folder), path.resolve(base, '..', folder)])] : [];
  const looked: string[] = [];
  for (const b of [...bases, undefined]) {
    const inside = b === undefined ? own : await resolveInside(root, b, ref.path);
    if ('problem' in inside) {
      if (b !== undefined && isWithin(root, path.resolve(b, ref.path))) return inside; // a symlink pointing out
      continue; // an al-folio folder out of the site: not a place to look
    }
    looked.push(inside.path);
    dependsOnFile(inside.path);
    if (await isFile(inside.path)) return { file: { href: siteHref(root, inside.path, ref.suffix), source: inside.path }, looked };
  }
  return { file: { href: siteHref(root, own.path, ref.suffix) }, looked };
}

function notFound(what: string, value: string, looked: string[], root: string): { code: string; message: string; hint: string } {
  const places = looked.map((p) => path.relative(root, p) || '.').join(', ');
  return {
    code: 'link/missing-file',
    message: `${what}: file not found (looked for ${places}, in the site folder); the link will not work`,
    hint: /^(www\.|[a-z0-9-]+\.(com|org|net|io|edu|ai|dev|gov)\/)/i.test(value.trim())
      ? 'This looks like a web address: write it with https:// in front.'
      : 'Commit the file, or link to it with an https:// URL.',
  };
}
