import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves a path written in an input file against `base`, refusing anything that ends up outside
 * `root`: `..`, absolute or Windows paths, and symlinks that point out.
 */
export async function resolveInside(root: string, base: string, written: string): Promise<{ path: string } | { problem: string }> {
  const w = written.trim();
  if (w === '') return { problem: 'empty path' };
  if (/^[a-zA-Z]:[\\/]/.test(w) || w.includes('\\')) return { problem: `"${w}" is a Windows-style path; use forward slashes, relative to the site folder` };
  if (path.isAbsolute(w)) return { problem: `"${w}" is an absolute path; use a path relative to the site folder` };
  if (w.includes('\0')) return { problem: 'path contains a NUL byte' };
  const full = path.resolve(base, w);
  if (!isWithin(root, full)) return { problem: `"${w}" resolves outside the site folder` };
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    return { path: full }; // missing files are reported by whoever needs the file
  }
  const realRoot = await realpath(root).catch(() => root);
  if (!isWithin(realRoot, real)) return { problem: `"${w}" is a link that points outside the site folder` };
  return { path: full };
}

/** Whether `p` is a regular file (false when missing or unreadable). */
export async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

export function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * A link value that names a local file, split into the path (percent-decoded) and what follows it
 * (`?query`, `#fragment`); undefined for a URL with a scheme, a protocol-relative one, or a bare
 * fragment or query. A leading `/` means the site folder (`/assets/pdf/x.pdf`), as on a Jekyll site.
 */
export function localRef(value: string): { path: string; suffix: string; fromRoot: boolean } | undefined {
  const v = value.trim();
  if (v === '' || /^[a-z][a-z0-9+.-]*:/i.test(v) || /^[#?]/.test(v) || /^[\\/]{2}/.test(v)) return undefined;
  const cut = v.search(/[?#]/);
  const raw = cut < 0 ? v : v.slice(0, cut);
  if (raw === '') return undefined;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // a lone % is a literal percent sign in a file name
  }
  const fromRoot = decoded.startsWith('/');
  return { path: fromRoot ? decoded.replace(/^\/+/, '') : decoded, suffix: cut < 0 ? '' : v.slice(cut), fromRoot };
}

/** The href of a file inside the site folder: its path from the root, with `/` and percent-encoding. */
export function siteHref(root: string, file: string, suffix = ''): string {
  return path.relative(root, file).split(path.sep).map(encodeURIComponent).join('/') + suffix;
}
