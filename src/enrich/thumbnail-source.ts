import { open } from 'node:fs/promises';
import path from 'node:path';
import { isFile, resolveInside } from '../load/paths.js';
import { dependsOnFile } from '../deps.js';
import { isVideoPath } from '../model/local-files.js';
import type { Entry } from '../model/entry.js';
import type { Diagnostic, Position } from '../model/diagnostic.js';

export type ThumbnailSource =
  | { kind: 'file'; path: string; field: string }
  | { kind: 'url'; url: string; field: string }
  | { kind: 'problem'; diagnostic: Pick<Diagnostic, 'severity' | 'code' | 'message'>; pos: Position };

/** Largest thumbnail file accepted, before any decoding. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** The field that names an entry's thumbnail (`thumbnail`, else al-folio's `preview` unless a video), if any. */
export function thumbnailField(entry: Entry): 'thumbnail' | 'preview' | undefined {
  return entry.raw.thumbnail !== undefined ? 'thumbnail' : entry.raw.preview !== undefined && !isVideoPath(entry.raw.preview) ? 'preview' : undefined;
}

/**
 * Where an entry's thumbnail comes from. `thumbnail` is relative to the .bib; al-folio's `preview`
 * is also looked up in al-folio's own folder, and a missing one is only a warning there, so an
 * al-folio papers.bib builds unchanged.
 */
export async function thumbnailSource(entry: Entry, bibDir: string, siteRoot: string): Promise<ThumbnailSource | undefined> {
  const field = thumbnailField(entry);
  if (!field) return undefined;
  const written = entry.raw[field].trim();
  const pos = entry.fieldPos[field] ?? entry.pos;
  if (/^https:\/\//i.test(written)) return { kind: 'url', url: written, field };
  if (/^http:\/\//i.test(written)) {
    // A request where a file points goes to a public https: address only (enrich/egress.ts).
    return { kind: 'problem', pos, diagnostic: { severity: 'warning', code: 'image/insecure-url', message: `thumbnail of "${entry.key}": only https: URLs are downloaded; no thumbnail shown` } };
  }
  const resolved = await resolveInside(siteRoot, bibDir, written);
  if ('problem' in resolved) {
    return { kind: 'problem', pos, diagnostic: { severity: 'error', code: 'path/outside-root', message: `thumbnail of "${entry.key}": ${resolved.problem}` } };
  }
  const candidates = [resolved.path];
  if (field === 'preview') candidates.push(path.resolve(bibDir, '..', 'assets/img/publication_preview', written));
  for (const c of candidates) {
    dependsOnFile(c);
    const inside = await resolveInside(siteRoot, bibDir, path.relative(bibDir, c));
    if ('path' in inside && (await isFile(c))) return { kind: 'file', path: c, field };
  }
  return {
    kind: 'problem',
    pos,
    diagnostic: {
      severity: field === 'thumbnail' ? 'error' : 'warning',
      code: 'bib/missing-thumbnail',
      message: `thumbnail "${written}" of entry "${entry.key}" not found (looked in ${candidates.map((c) => path.relative(siteRoot, c) || '.').join(', ')}, relative to the site folder)`,
    },
  };
}

/** The image type from the file's first bytes, or undefined when it is not an image we take. */
export async function sniffImage(file: string): Promise<'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'svg' | undefined> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    return sniffBytes(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export function sniffBytes(b: Buffer): 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'svg' | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.subarray(4, 12).toString('latin1').startsWith('ftypavi')) return 'avif';
  return startsSvg(b.toString('utf8').replace(/^\uFEFF/, '')) ? 'svg' : undefined;
}

/**
 * Whether the text opens an SVG document: an XML declaration, comments and an SVG doctype, then
 * `<svg`. A scan with indexOf, not a regular expression: the one this replaces backtracked
 * exponentially on a run of empty comments (`<!---->` × 70 hung the build).
 */
function startsSvg(text: string): boolean {
  let i = 0;
  const blank = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const at = (s: string): boolean => text.slice(i, i + s.length).toLowerCase() === s;
  /** Past the next `end`; false when there is none. */
  const past = (end: string, from: number): boolean => {
    const j = text.indexOf(end, from);
    if (j < 0) return false;
    i = j + end.length;
    blank();
    return true;
  };
  blank();
  if (at('<?xml') && !past('>', i)) return false;
  while (at('<!--')) if (!past('-->', i + 4)) return false;
  if (at('<!doctype svg') && !past('>', i)) return false;
  return at('<svg') && /[\s>]/.test(text[i + 4] ?? '');
}
