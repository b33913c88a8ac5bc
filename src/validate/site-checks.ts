import type { CheckedThumbnails } from '../model/checked-thumbnails.js';
import { thumbnailField, thumbnailSource, sniffImage, MAX_IMAGE_BYTES } from '../enrich/thumbnail-source.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isFile, localRef, resolveInside } from '../load/paths.js';
import type { Reporter } from '../model/diagnostic.js';
import type { Site } from '../load/site.js';
import { display } from '../load/site.js';
import { closestPerson, ownerMatcher, ownerNames } from '../render/owner.js';
import { checkNearMisses } from './near-miss.js';
import { sectionsOf, selectPublications } from '../render/sections.js';
import { toPublications } from '../model/to-publications.js';
import { checkLink, parseRepo } from './links.js';
import { checkProfileImages } from '../enrich/profile-images.js';
import { checkProfileMarkdown } from './profile-markdown.js';

/** Where each entry's thumbnail comes from, as the checks found it, with the file's size (0 for a URL). */
export type { CheckedThumbnails };

/**
 * Checks that look at files on disk and at the profile against the entries. Returns the thumbnail
 * sources it resolved, which the thumbnail enricher then need not resolve again.
 */
export async function checkSite(site: Site, report: Reporter, cwd: string): Promise<CheckedThumbnails> {
  const entries = site.bib?.entries ?? [];
  const withImage = entries.filter((e) => thumbnailField(e));
  const thumbnails: CheckedThumbnails = new Map();
  await Promise.all(
    withImage.map(async (e) => {
      const src = await thumbnailSource(e, site.bibDir, site.siteRoot);
      if (!src) return;
      if (src.kind !== 'file') {
        thumbnails.set(e, { source: src, size: 0 });
        if (src.kind === 'problem') (src.diagnostic.severity === 'error' ? report.error : report.warn).call(report, e.file, src.pos, src.diagnostic);
        return;
      }
      const pos = e.fieldPos[src.field] ?? e.pos;
      const size = (await stat(src.path)).size;
      thumbnails.set(e, { source: src, size });
      const kind = await sniffImage(src.path).catch(() => 'unreadable' as const);
      if (kind === 'unreadable') report.error(e.file, pos, { code: 'image/unreadable', message: `thumbnail of "${e.key}" cannot be read` });
      else if (!kind) report.error(e.file, pos, { code: 'image/invalid', message: `thumbnail of "${e.key}" is not an image (expected JPEG, PNG, GIF, WebP, AVIF or SVG)` });
      else if (size > MAX_IMAGE_BYTES) report.error(e.file, pos, { code: 'image/too-large', message: `thumbnail of "${e.key}" is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB` });
    }),
  );
  if (!site.profileLoaded || !site.profileFile) return thumbnails;
  const file = display(cwd, site.profileFile);
  const { profile } = site;
  if (profile.avatar) {
    const pos = site.locateInProfile(['avatar']);
    const inside = await resolveInside(site.siteRoot, path.dirname(site.profileFile), profile.avatar);
    if ('problem' in inside) report.error(file, pos, { code: 'path/outside-root', message: `avatar: ${inside.problem}` });
    else if (!(await isFile(inside.path))) report.error(file, pos, { code: 'profile/missing-avatar', message: `avatar "${profile.avatar}": file not found` });
    else if (!(await sniffImage(inside.path).catch(() => undefined))) report.error(file, pos, { code: 'image/invalid', message: `avatar "${profile.avatar}" is not an image` });
  }
  checkProfileMarkdown(profile, file, site.locateInProfile, report);
  await checkProfileImages({ profile, profileFile: site.profileFile, profileDisplay: file, siteRoot: site.siteRoot, locateInProfile: site.locateInProfile }, report);
  const owners = ownerNames(profile);
  const isOwner = ownerMatcher(owners);
  if (entries.length && !entries.some((e) => e.authors.some(isOwner) || e.editors.some(isOwner))) {
    const closest = closestPerson(owners, entries.flatMap((e) => [...e.authors, ...e.editors]));
    report.warn(file, site.locateInProfile([profile.owner === undefined ? 'name' : 'owner']) ?? { line: 1, column: 1 }, {
      code: 'profile/owner-not-found',
      message: `"${owners.join('", "')}" appears in no author list, so no name will be bold${closest ? `; the closest author is "${closest}"` : ''}`,
      hint: 'List the forms of your name under `owner:`.',
    });
  }
  checkNearMisses(entries, profile, report);
  profile.links.forEach((l, i) => {
    const problem = checkLink(l.url);
    // A relative link is a file of the site (validate/local-files.ts checks it).
    if (problem || (!/^(https:|mailto:)/i.test(l.url.trim()) && !localRef(l.url))) {
      report.error(file, site.locateInProfile(['links', i, 'url']), { code: 'profile/bad-link', message: `link "${l.label}": ${problem ?? 'profile links must be https:, mailto: or a path to a file of the site'}` });
    }
  });
  const keys = new Set(entries.map((e) => e.key));
  sectionsOf(profile).forEach((s, i) => {
    (s.projects ?? []).forEach((p, j) => {
      const problem = p.url === undefined ? undefined : checkLink(p.url) ?? (/^https?:/i.test(p.url.trim()) ? undefined : 'project links must be http(s)');
      if (problem) report.error(file, site.locateInProfile(['sections', i, 'projects', j, 'url']), { code: 'profile/bad-link', message: `project "${p.title}": ${problem}` });
      if (p.repo !== undefined && !parseRepo(p.repo)) {
        report.error(file, site.locateInProfile(['sections', i, 'projects', j, 'repo']), { code: 'profile/bad-repo', message: `project "${p.title}": repo "${p.repo}" is not owner/name or a GitHub URL` });
      }
    });
  });
  const pubs = toPublications(entries);
  sectionsOf(profile).forEach((s, i) => {
    const f = s.publications;
    if (f !== undefined && entries.length && selectPublications(pubs, f).length === 0) {
      report.warn(file, site.locateInProfile(['sections', i, 'publications']), {
        code: 'profile/empty-section',
        message: `section "${s.title}" selects no entry from the .bib`,
        hint: 'Check the filter: keywords and types must match the .bib exactly (case aside).',
      });
    }
    if (f && f !== 'all' && f.keys) {
      f.keys.forEach((k, j) => {
        if (!keys.has(k)) report.error(file, site.locateInProfile(['sections', i, 'publications', 'keys', j]), { code: 'profile/unknown-entry', message: `section "${s.title}" lists key "${k}", which is not in the .bib` });
      });
    }
  });
  return thumbnails;
}
