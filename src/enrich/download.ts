import type { EnrichContext } from './enricher.js';
import { sha256 } from './cache.js';
import { get } from './http.js';
import { dependsOnFile } from '../deps.js';
import { MAX_IMAGE_BYTES, sniffBytes } from './thumbnail-source.js';

const isImage = (bytes: Uint8Array): boolean => sniffBytes(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512))) !== undefined;

/**
 * The bytes of an image URL read from a file: downloaded once (public https: only, see egress.ts)
 * and kept in the cache. Only an image body (by its first bytes, whatever the content-type says)
 * is kept; a cached download that is not one is asked for again. A string says why there is none.
 */
export async function downloadImage(url: string, ctx: EnrichContext): Promise<Uint8Array | string> {
  const key = `download-${sha256(url)}`;
  dependsOnFile(ctx.cache.imagePath(key));
  const cached = await ctx.cache.getImage<{ url?: unknown; base64?: unknown }>(key);
  if (cached && cached.url === url && typeof cached.base64 === 'string') {
    const bytes = Buffer.from(cached.base64, 'base64');
    if (isImage(bytes)) return bytes;
  }
  if (ctx.net.offline) return 'not in the cache, and --offline makes no request';
  const r = await get(url, { 'user-agent': 'scholar-page', accept: 'image/*' }, ctx.net, MAX_IMAGE_BYTES, true);
  if (!r.ok) return r.reason;
  if (!isImage(r.body)) return 'the server sent no image (expected JPEG, PNG, GIF, WebP, AVIF or SVG)';
  await ctx.cache.setImage(key, { url, base64: Buffer.from(r.body).toString('base64') });
  return r.body;
}
