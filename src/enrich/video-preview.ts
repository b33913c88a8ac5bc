import { open } from 'node:fs/promises';
import path from 'node:path';
import { isFile, resolveInside } from '../load/paths.js';
import { dependsOnFile } from '../deps.js';
import type { Entry } from '../model/entry.js';
import { isVideoPath, type VideoMime, type VideoSource } from '../model/local-files.js';

export { isVideoPath };
import type { Enricher } from './enricher.js';
import { enrichProblem } from './enricher.js';
import { readInput } from '../load/read-input.js';

/**
 * Video previews (al-folio's `preview = {teaser.mp4}`): inlined into the page as a data: URI, so
 * the page stays one file. Each video may be at most VIDEO_MAX_BYTES, and all of a page's videos
 * together VIDEO_PAGE_BUDGET (in entry order); past either, the entry shows its `thumbnail` image
 * instead (the video's poster), or no preview.
 */
export const VIDEO_MAX_BYTES = 2 * 1024 * 1024;
export const VIDEO_PAGE_BUDGET = 6 * 1024 * 1024;



/** The video type from the file's first bytes: WebM (EBML with the webm doctype) or MP4 (`ftyp`). */
export function sniffVideo(b: Uint8Array): VideoMime | undefined {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 64));
  if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) && head.includes('webm', 4, 'latin1')) return 'video/webm';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return undefined;
}

/**
 * Where an entry's video preview is: relative to the .bib, else in al-folio's
 * `assets/img/publication_preview/` (as image previews are found). Undefined when `preview` is
 * not a video.
 */
export async function videoSource(entry: Entry, bibDir: string, siteRoot: string): Promise<VideoSource | undefined> {
  const written = entry.raw.preview?.trim();
  if (!isVideoPath(written) || !written) return undefined;
  const what = `video preview "${written}" of entry "${entry.key}"`;
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(written)) {
    return { kind: 'problem', code: 'video/not-inlined', message: `${what} is a URL; only video files of the site are inlined into the page, so none is shown` };
  }
  const own = await resolveInside(siteRoot, bibDir, written);
  if ('problem' in own) return { kind: 'problem', code: 'path/outside-root', message: `${what}: ${own.problem}`, error: true };
  const candidates = [own.path, path.resolve(bibDir, '..', 'assets/img/publication_preview', written)];
  for (const c of candidates) {
    dependsOnFile(c);
    const inside = await resolveInside(siteRoot, bibDir, path.relative(bibDir, c));
    if (!('path' in inside) || !(await isFile(c))) continue;
    const fh = await open(c, 'r');
    try {
      const head = Buffer.alloc(64);
      const { bytesRead } = await fh.read(head, 0, 64, 0);
      const mime = sniffVideo(head.subarray(0, bytesRead));
      if (!mime) return { kind: 'problem', code: 'video/invalid', message: `${what} is not an MP4 or WebM video` };
      const { size } = await fh.stat();
      if (size > VIDEO_MAX_BYTES) {
        return { kind: 'problem', code: 'video/too-large', message: `${what} is ${mb(size)}; videos are inlined into the page up to ${mb(VIDEO_MAX_BYTES)}, so the thumbnail (or nothing) is shown instead` };
      }
      return { kind: 'file', path: c, size, mime };
    } finally {
      await fh.close();
    }
  }
  const looked = candidates.map((c) => path.relative(siteRoot, c) || '.').join(', ');
  return { kind: 'problem', code: 'bib/missing-thumbnail', message: `${what} not found (looked in ${looked}, relative to the site folder)` };
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export const videoPreviews: Enricher = {
  name: 'video-preview',
  waits: true,
  async enrich(pubs, ctx) {
    let spent = 0;
    const wanted = pubs.filter((p) => isVideoPath(p.entry.raw.preview)).sort((a, b) => a.entry.index - b.entry.index);
    const chosen = [];
    for (const p of wanted) {
      const src = ctx.localFiles?.videos.get(p.entry) ?? (await videoSource(p.entry, ctx.bibDir, ctx.siteRoot));
      if (src?.kind !== 'file') continue; // reported by validation
      if (spent + src.size > VIDEO_PAGE_BUDGET) {
        const pos = p.entry.fieldPos.preview ?? p.entry.pos;
        enrichProblem(ctx, p.entry.file, pos, 'video/too-large', `video preview of "${p.entry.key}" would bring the page's videos past ${mb(VIDEO_PAGE_BUDGET)}; the thumbnail (or nothing) is shown instead`);
        continue;
      }
      spent += src.size;
      chosen.push({ p, src });
    }
    await Promise.all(chosen.map(async ({ p, src }) => {
      p.video = { src: `data:${src.mime};base64,${(await readInput(src.path, VIDEO_MAX_BYTES)).toString('base64')}`, mime: src.mime };
    }));
  },
};
