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
