import path from 'node:path';
import type { Enricher, ProfileImagesSite } from './enricher.js';
import type { Image } from '../model/publication.js';
import type { Profile } from '../model/profile.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { markdownImages } from '../render/markdown.js';
import { isFile, resolveInside } from '../load/paths.js';
import { dependsOnFile } from '../deps.js';
import { ImageError, processImage, readImageFile } from './thumbnail.js';

/** Images in the profile's Markdown are shown at most this big (CSS pixels); encoded at twice it. */
const BOX = { width: 360, height: 360 };

interface Found {
  src: string;
  /** The image's line in profile.yaml. */
  pos?: Position;
  /** A local file inside the site folder, or why it is refused. */
  file?: string;
  problem?: { code: string; severity: 'error' | 'warning'; message: string };
}

/** Every Markdown text of the profile, with its path in the YAML: bio, section intros and bodies, project descriptions. */
function texts(profile: Profile): { at: (string | number)[]; text: string }[] {
  const out: { at: (string | number)[]; text: string }[] = profile.bio ? [{ at: ['bio'], text: profile.bio }] : [];
  (profile.sections ?? []).forEach((s, i) => {
    if (s.intro) out.push({ at: ['sections', i, 'intro'], text: s.intro });
    if (s.markdown) out.push({ at: ['sections', i, 'markdown'], text: s.markdown });
    (s.projects ?? []).forEach((p, j) => p.description && out.push({ at: ['sections', i, 'projects', j, 'description'], text: p.description }));
  });
  return out;
}

/** The images the profile's Markdown asks for, each resolved to a local file or refused. */
async function find(site: ProfileImagesSite): Promise<Found[]> {
  if (!site.profileFile) return [];
  const dir = path.dirname(site.profileFile);
  const found: Found[] = [];
  for (const { at, text } of texts(site.profile)) {
    const node = site.locateInProfile(at);
    // A block scalar (`bio: |`) starts on the line after its key.
    const first = node && (text.endsWith('\n') ? node.line + 1 : node.line);
    for (const img of markdownImages(text)) {
      const pos = first === undefined ? undefined : { line: first + img.line, column: 1 };
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(img.src)) {
        found.push({ src: img.src, pos, problem: { code: 'profile/remote-image', severity: 'warning', message: `image "${img.src}" is not a local file; the page loads nothing from elsewhere, so only its text is shown` } });
        continue;
      }
      let written = img.src;
      try {
        written = decodeURI(img.src);
      } catch {
        // as written
      }
      const inside = await resolveInside(site.siteRoot, dir, written);
      if ('problem' in inside) found.push({ src: img.src, pos, problem: { code: 'path/outside-root', severity: 'error', message: `image: ${inside.problem}` } });
      else found.push({ src: img.src, pos, file: inside.path });
    }
  }
  return found;
}

/** Validation: a remote image is a warning, a local one that is missing or outside the site folder an error. */
export async function checkProfileImages(site: ProfileImagesSite, report: Reporter): Promise<void> {
  for (const f of await find(site)) {
    if (f.file) dependsOnFile(f.file);
    const problem = f.problem ?? (f.file && !(await isFile(f.file)) ? { code: 'profile/missing-image', severity: 'error' as const, message: `image "${f.src}": file not found` } : undefined);
    if (problem) (problem.severity === 'error' ? report.error : report.warn).call(report, site.profileDisplay, f.pos, { code: problem.code, message: problem.message });
  }
}

/**
 * Local images in the profile's Markdown, inlined as thumbnails are: read with a size check,
 * re-encoded by sharp, a data: URI by their source as written. Remote ones were refused by validation.
 */
export const profileImages: Enricher = {
  name: 'profile-images',
  waits: true,
  async enrich(_pubs, ctx) {
    if (!ctx.profileImages) return;
    const images = new Map<string, Image>();
    for (const f of await find(ctx.profileImages)) {
      if (!f.file || images.has(f.src)) continue;
      try {
        const img = await processImage(await readImageFile(f.file), BOX, ctx.cache);
        images.set(f.src, { src: img.src, width: img.width, height: img.height });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (!(err instanceof ImageError) && !code) throw err;
        if (code === 'ENOENT') continue; // reported by validation
        ctx.report.error(ctx.profileImages.profileDisplay, f.pos, { code: err instanceof ImageError ? err.diagnostic : 'image/unreadable', message: `image "${f.src}": ${err instanceof ImageError ? err.message : `cannot be read (${code})`}` });
      }
    }
    ctx.markdownImages = images;
  },
};
