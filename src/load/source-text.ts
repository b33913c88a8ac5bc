import { isUtf8 } from 'node:buffer';
import { InputFileError, LIMITS, readInput } from './read-input.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { dependsOnFile } from '../deps.js';

/** A text file decoded strictly as UTF-8, with a way to turn offsets into line:column. */
export interface SourceText {
  file: string;
  /** The whole text. A file read as an edit of its last version builds it only when asked. */
  readonly text: string;
  readonly length: number;
  /** The text between two offsets, without building the whole text. */
  slice(from: number, to: number): string;
  /** Offset → 1-based line and column (columns count UTF-16 units, like editors' JS tooling). */
  position(offset: number): Position;
  /** The offset where the line holding `offset` starts. */
  lineStart(offset: number): number;
  /** The byte offset in the file of (UTF-16) `offset`; −1 for a text not read from bytes. */
  byteOffset(offset: number): number;
  /** 1-based line and column → offset; −1 for a line the text does not have. */
  offsetOf(pos: Position): number;
  lineText(line: number): string;
  /** When this text was read as an edit of `previous`: [from, oldEnd) there became [from, newEnd) here, whole lines. */
  readonly change?: { previous: SourceText; from: number; oldEnd: number; newEnd: number };
}

/** A source text over pieces of flat strings; `starts` are the offsets of its line starts. */
class Text implements SourceText {
  private whole: string | undefined;

  constructor(
    readonly file: string,
    private readonly pieces: { at: number; str: string }[],
    readonly length: number,
    private readonly starts: Uint32Array,
    /** Byte offsets of the same line starts in the file (with a BOM, if it has one). */
    readonly byteStarts: Uint32Array,
    readonly change?: SourceText['change'],
  ) {
    if (pieces.length === 1) this.whole = pieces[0].str;
  }

  get text(): string {
    if (this.whole === undefined) {
      this.whole = this.pieces.map((p) => p.str).join('');
      void Number(this.whole); // flattened once (see bib.ts, flat)
    }
    return this.whole;
  }

  slice(from: number, to: number): string {
    if (this.whole !== undefined) return this.whole.slice(from, to);
    const out: string[] = [];
    for (let i = this.pieceAt(from); i < this.pieces.length && this.pieces[i].at < to; i++) {
      const { at, str } = this.pieces[i];
      out.push(str.slice(Math.max(0, from - at), Math.min(str.length, to - at)));
    }
    return out.join('');
  }

  /** The pieces of [from, to), for the next edit's text. */
  piecesOf(from: number, to: number, at: number): { at: number; str: string }[] {
    if (from >= to) return [];
    if (this.whole !== undefined) return [{ at, str: this.whole.slice(from, to) }];
    const out: { at: number; str: string }[] = [];
    for (let i = this.pieceAt(from); i < this.pieces.length && this.pieces[i].at < to; i++) {
      const { at: p, str } = this.pieces[i];
      const part = str.slice(Math.max(0, from - p), Math.min(str.length, to - p));
      if (part) out.push({ at: at + Math.max(p, from) - from, str: part });
    }
    return out;
  }

  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid].at <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Index of the line holding `offset` (0-based). */
  line(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  position(offset: number): Position {
    const lo = this.line(offset);
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  lineStart(offset: number): number {
    return this.starts[this.line(offset)];
  }

  byteOffset(offset: number): number {
    const line = this.line(offset);
    if (line >= this.byteStarts.length) return -1;
    return this.byteStarts[line] + Buffer.byteLength(this.slice(this.starts[line], offset));
  }

  offsetOf(pos: Position): number {
    const start = this.starts[pos.line - 1];
    return start === undefined ? -1 : start + pos.column - 1;
  }

  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const end = this.starts[line] ?? this.length + 1;
    return this.slice(start, end - 1).replace(/\r$/, '');
  }

  /** Line starts in chars and in bytes, for the next edit. */
  lines(): { starts: Uint32Array; byteStarts: Uint32Array } {
    return { starts: this.starts, byteStarts: this.byteStarts };
  }
}

function lastAtOrBefore(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offsets of the line starts of `text` (the first is `base`); files are at most LIMITS.bib bytes, so 32 bits hold them. */
function lineStarts(text: string, base = 0): Uint32Array {
  const starts = [base];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(base + i + 1);
  return Uint32Array.from(starts);
}

function byteLineStarts(bytes: Uint8Array, base = 0): Uint32Array {
  const starts = [base];
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) starts.push(base + i + 1);
  return Uint32Array.from(starts);
}

export function makeSource(file: string, text: string, bytes?: Uint8Array): SourceText {
  const starts = lineStarts(text);
  return new Text(file, [{ at: 0, str: text }], text.length, starts, bytes ? byteLineStarts(bytes) : new Uint32Array(0));
}

/**
 * Reads a file as UTF-8 with a fatal decoder: invalid bytes are a diagnostic at their line and
 * column, never silently replaced. A BOM is dropped; CRLF is kept (offsets stay true to the file).
 * A file read before in this process is decoded only where its bytes changed (watch). Only a
 * regular file of at most `limit.bytes` is read (load/read-input.ts); a larger one is `limit.code`.
 */
export async function readSource(file: string, display: string, report: Reporter, limit: { bytes: number; code: string } = { bytes: LIMITS.bib, code: 'io/too-large' }): Promise<SourceText | undefined> {
  let bytes: Buffer;
  dependsOnFile(file);
  try {
    bytes = await readInput(file, limit.bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const tooLarge = code === 'EFBIG';
    report.error(display, undefined, {
      code: tooLarge ? limit.code : 'io/unreadable',
      message: err instanceof InputFileError ? err.message : code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`,
      hint: tooLarge ? 'Keep only the entries the page uses, or split the file.' : undefined,
    });
    return undefined;
  }
  const last = lastRead.get(file);
  const src = decodeSource(bytes, display, report, last?.source.file === display ? last : undefined);
  if (src) lastRead.set(file, { bytes, source: src });
  else lastRead.delete(file);
  return src;
}

/** The last version of each file read in this process, by path. */
const lastRead = new Map<string, Last>();

/** The bytes of `file` as this process last read it, if it did (src/patch/ keeps them). */
export function bytesRead(file: string): Buffer | undefined {
  const b = lastRead.get(file)?.bytes;
  return b && Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
export interface Last {
  bytes: Uint8Array;
  source: SourceText;
}

/** Decodes `bytes`; with the `last` version of the same file, only the lines that changed. */
export function decodeSource(bytes: Uint8Array, display: string, report: Reporter, last?: Last): SourceText | undefined {
  const edited = last && last.source instanceof Text && last.source.byteStarts.length ? decodeEdit(bytes, last.bytes, last.source) : undefined;
  if (edited) return edited;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return makeSource(display, text, bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const src = makeSource(display, prefix.replace(/^\uFEFF/, ''));
    report.error(display, src.position(src.length), {
      code: 'io/invalid-utf8',
      message: `invalid UTF-8 byte 0x${bytes[bad].toString(16).padStart(2, '0')}; the file must be saved as UTF-8`,
      hint: 'Re-save the file as UTF-8 (for Latin-1 files: iconv -f latin1 -t utf-8).',
    });
    return undefined;
  }
}

/**
 * The new version as an edit of the old one: the common start and end of the bytes (cut back to
 * whole lines; a line break is one byte in UTF-8, so cuts never split a character) are kept as
 * they were, and only the lines between are decoded. Undefined when that is not possible (the
 * first line changed, or the changed lines are not valid UTF-8: the whole decode reports it).
 */
function decodeEdit(bytes: Uint8Array, oldBytes: Uint8Array, old: Text): Text | undefined {
  const a = Buffer.from(oldBytes.buffer, oldBytes.byteOffset, oldBytes.byteLength);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { starts, byteStarts } = old.lines();
  const shorter = Math.min(a.length, b.length);
  // Kept at the start: the lines before the last line start within the common prefix.
  const fromLine = lastAtOrBefore(byteStarts, commonBytes(a, b, shorter, 1));
  if (fromLine === 0) return undefined;
  const fromByte = byteStarts[fromLine];
  // Kept at the end: from the first line start whose preceding line break is in the common suffix.
  const suffixFrom = a.length - commonBytes(a, b, shorter - fromByte, -1);
  let toLine = lastAtOrBefore(byteStarts, suffixFrom);
  while (toLine < byteStarts.length && byteStarts[toLine] <= suffixFrom) toLine++;
  const oldEndByte = toLine < byteStarts.length ? byteStarts[toLine] : a.length;
  const mid = b.subarray(fromByte, b.length - (a.length - oldEndByte));
  if (!isUtf8(mid)) return undefined;
  const midText = mid.toString('utf8');
  const from = starts[fromLine];
  const oldEnd = toLine < starts.length ? starts[toLine] : old.length;
  const newEnd = from + midText.length;
  const chars = newEnd - oldEnd;
  const bytesBy = mid.length - (oldEndByte - fromByte);
  // The line starts at the two joins appear twice (kept and decoded): each is taken once.
  const newStarts = joined(starts.subarray(0, fromLine + 1), lineStarts(midText, from), starts.subarray(toLine), chars);
  const newByteStarts = joined(byteStarts.subarray(0, fromLine + 1), byteLineStarts(mid, fromByte), byteStarts.subarray(toLine), bytesBy);
  const pieces = [...old.piecesOf(0, from, 0), ...(midText ? [{ at: from, str: midText }] : []), ...old.piecesOf(oldEnd, old.length, newEnd)];
  const text = new Text(old.file, pieces, old.length + chars, newStarts, newByteStarts, { previous: old, from, oldEnd, newEnd });
  // A file edited many times would be a string of many pieces: it is built whole now and then.
  return pieces.length > 64 ? (makeSource(old.file, text.text, bytes) as Text) : text;
}

/**
 * The kept line starts before an edit, those of the decoded lines, and the kept ones after it moved
 * by `by`, as one increasing list: a start that two lists hold (at a join) is taken once.
 */
function joined(before: Uint32Array, mid: Uint32Array, after: Uint32Array, by: number): Uint32Array {
  const out = new Uint32Array(before.length + mid.length + after.length);
  out.set(before);
  let n = before.length;
  const last = (): number => (n ? out[n - 1] : -1);
  let i = 0;
  while (i < mid.length && mid[i] <= last()) i++;
  out.set(mid.subarray(i), n);
  n += mid.length - i;
  let j = 0;
  while (j < after.length && after[j] + by <= last()) j++;
  for (; j < after.length; j++) out[n++] = after[j] + by;
  return out.subarray(0, n);
}

/** Length of the common start (dir 1) or end (dir −1) of two buffers, at most `limit` bytes. */
function commonBytes(a: Buffer, b: Buffer, limit: number, dir: 1 | -1): number {
  let n = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (n + step <= limit) {
      const same = dir === 1 ? a.compare(b, n, n + step, n, n + step) === 0 : a.compare(b, b.length - n - step, b.length - n, a.length - n - step, a.length - n) === 0;
      if (!same) break;
      n += step;
    }
  }
  return n;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}
