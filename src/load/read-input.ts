import { createHash, type BinaryToTextEncoding } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Why an input file was not read. A path in a repository can be a symbolic link to `/dev/zero` or
 * `/dev/urandom` (git keeps links), a folder can hold a named pipe, and a sparse file can claim
 * terabytes: read whole, each would hang the build or exhaust its memory.
 */
export class InputFileError extends Error {
  constructor(
    /** EISDIR: a folder; ENOTREG: a device, pipe or socket; EFBIG: over the limit. */
    readonly code: 'EISDIR' | 'ENOTREG' | 'EFBIG',
    message: string,
    /** The file's size, in bytes. */
    readonly size: number,
  ) {
    super(message);
  }
}

/**
 * A file's bytes, read only when it is a regular file of at most `maxBytes` (checked on the open
 * file, before anything is read; at most its size at that moment is read). Missing or unreadable
 * files reject with Node's own error (ENOENT, EACCES…).
 */
export async function readInput(file: string, maxBytes: number): Promise<Buffer> {
  const { fh, size } = await openInput(file, maxBytes);
  try {
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    while (n < size) {
      const { bytesRead } = await fh.read(buf, n, size - n, n);
      if (bytesRead === 0) break; // it shrank meanwhile
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}

/**
 * The file open for reading, when it is a regular file of at most `maxBytes` (readInput's checks),
 * and its size then. The caller closes it.
 */
export async function openInput(file: string, maxBytes: number): Promise<{ fh: FileHandle; size: number }> {
  // O_NONBLOCK: opening a named pipe to read would otherwise wait for a writer, for ever.
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new InputFileError('EISDIR', 'expected a file, found a directory', st.size);
    if (!st.isFile()) throw new InputFileError('ENOTREG', 'not a regular file (a device, a pipe or a socket); only files are read', st.size);
    if (st.size > maxBytes) throw new InputFileError('EFBIG', `the file is ${sizeText(st.size)}; the limit is ${sizeText(maxBytes)}`, st.size);
    return { fh, size: st.size };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

const CHUNK = 1024 * 1024;

/**
 * The open file's bytes, in order, in chunks of at most 1 MiB, up to `size` (its size when opened):
 * a linked video is copied or hashed without being held whole. One buffer is reused, so `each`
 * must be done with a chunk when its promise settles; it returns false to stop.
 */
export async function eachChunk(fh: FileHandle, size: number, each: (chunk: Buffer) => unknown): Promise<void> {
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, size)));
  for (let at = 0; at < size; ) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - at), at);
    if (bytesRead === 0) break; // it shrank meanwhile
    if ((await each(buf.subarray(0, bytesRead))) === false) return;
    at += bytesRead;
  }
}

/** The digest of a file's bytes (openInput's checks and limit), read in chunks. */
export async function digestInput(file: string, maxBytes: number, algorithm: 'sha1' | 'sha256', encoding: BinaryToTextEncoding): Promise<string> {
  const { fh, size } = await openInput(file, maxBytes);
  try {
    const hash = createHash(algorithm);
    await eachChunk(fh, size, (c) => hash.update(c));
    return hash.digest(encoding);
  } finally {
    await fh.close();
  }
}

/** The bytes of `file` as UTF-8 text, or undefined when it cannot be read for any reason (a cache). */
export async function readInputText(file: string, maxBytes: number): Promise<string | undefined> {
  return readInput(file, maxBytes).then((b) => b.toString('utf8'), () => undefined);
}

/**
 * A file's SHA-1, base64url, read in chunks up to LIMITS.linked; null when it is missing or is not
 * a regular file. What the build stamp, the tool's fingerprint and `watch` compare files by.
 */
export function fileHash(file: string): Promise<string | null> {
  return digestInput(file, LIMITS.linked, 'sha1', 'base64url').catch(() => null);
}

/** Why a file was not read, for a message: an InputFileError's own words, else the system's code. */
export function unreadReason(err: unknown): string {
  return err instanceof InputFileError ? err.message : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
}

/** "812 bytes", "3.4 MiB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1).replace(/\.0$/, '')} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1).replace(/\.0$/, '')} GiB`;
}

/** Input limits, in bytes. The largest real .bib we know of (a lab's, 6,315 entries) is 1.8 MB. */
export const LIMITS = {
  bib: 64 * 1024 * 1024,
  /** A cache file (entries, stars, citations, an image's record): larger is treated as corrupt. */
  cache: 256 * 1024 * 1024,
  /** One file of a theme: a template, its CSS or JS, theme.json. */
  theme: 4 * 1024 * 1024,
  /** A file of a site being imported (config, pages, news items); its .bib is read by the build. */
  site: 4 * 1024 * 1024,
  /**
   * A local file the page links to (a PDF, slides, a video), copied beside the page, and what a
   * build stamp hashes. GitHub Pages publishes sites of up to 1 GB; read in chunks, never whole.
   */
  linked: 1024 * 1024 * 1024,
} as const;
