import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The example's encoded thumbnails, as test/global-setup.ts made them once for this run, put in
 * `cacheDir`'s images folder: a build that checks something other than the encoding need not spend
 * ~10 s of CPU encoding them again. What is cached is what the build would have made; it is still
 * read through the cache's checks of untrusted entries.
 */
export function seedExampleImages(cacheDir: string): void {
  const images = inject('exampleImages');
  if (images && existsSync(images)) cpSync(images, path.join(cacheDir, 'images'), { recursive: true });
}

/**
 * A copy of the example site (data/example, without its dist/ and cache) in `dir`; with
 * `images` (the default), its cache already holds the encoded thumbnails (seedExampleImages).
 */
export function copyExample(dir: string, opts: { images?: boolean } = {}): string {
  cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
  if (opts.images !== false) seedExampleImages(path.join(dir, '.scholar-cache'));
  return dir;
}
