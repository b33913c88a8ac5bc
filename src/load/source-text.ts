import { readFile } from 'node:fs/promises';
import type { Position, Reporter } from '../model/diagnostic.js';
import { dependsOnFile } from '../deps.js';

/** A text file decoded strictly as UTF-8, with a way to turn offsets into line:column. */
export interface SourceText {
  file: string;
  text: string;
  /** Offset → 1-based line and column (columns count UTF-16 units, like editors' JS tooling). */
  position(offset: number): Position;
  lineText(line: number): string;
}

export function makeSource(file: string, text: string): SourceText {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const position = (offset: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
  const lineText = (line: number): string => {
    const start = starts[line - 1];
    if (start === undefined) return '';
    const end = starts[line] ?? text.length + 1;
    return text.slice(start, end - 1).replace(/\r$/, '');
  };
  return { file, text, position, lineText };
}

/**
 * Reads a file as UTF-8 with a fatal decoder: invalid bytes are a diagnostic at their line and
 * column, never silently replaced. A BOM is dropped; CRLF is kept (offsets stay true to the file).
 */
export async function readSource(file: string, display: string, report: Reporter): Promise<SourceText | undefined> {
  let bytes: Buffer;
  dependsOnFile(file);
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    report.error(display, undefined, {
      code: 'io/unreadable',
      message: code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'expected a file, found a directory' : `cannot read file (${code ?? String(err)})`,
    });
    return undefined;
  }
  return decodeSource(bytes, display, report);
}

export function decodeSource(bytes: Uint8Array, display: string, report: Reporter): SourceText | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return makeSource(display, text);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const src = makeSource(display, prefix.replace(/^\uFEFF/, ''));
    report.error(display, src.position(src.text.length), {
      code: 'io/invalid-utf8',
      message: `invalid UTF-8 byte 0x${bytes[bad].toString(16).padStart(2, '0')}; the file must be saved as UTF-8`,
      hint: 'Re-save the file as UTF-8 (for Latin-1 files: iconv -f latin1 -t utf-8).',
    });
    return undefined;
  }
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
