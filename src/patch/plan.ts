/** One entry of the last page: where its text lay in the .bib and its bytes in the page. */
export interface EntrySpot {
  key: string;
  /** Its text, bytes [start, end) of the .bib, and its first and last lines. */
  start: number;
  end: number;
  line0: number;
  line1: number;
  /** The ids of its views on the page, and the byte ranges of their fragments (id, start, end), in page order. */
  ids: string[];
  frags: [string, number, number][];
  /** The byte range of its JSON-LD article, when the page has one. */
  article?: [number, number];
}

/** An edit that lies within one entry's text. */
export interface EditPlan {
  /** The entry's place in `spots`. */
  index: number;
  /** How many bytes and lines longer its text became. */
  bytes: number;
  lines: number;
  /** The old and new texts of the file up to the end of the entry, every other entry blanked (same lines), to build it alone. */
  oldAlone: string;
  newAlone: string;
}

const NEWLINE = 0x0a;

/**
 * The plan for going from `old` (whose entries lie at `spots`, in order) to `now`, both the .bib's
 * bytes, or undefined when the change is not inside one entry's text (it adds, removes or moves
 * entries, or touches text between them: an @string, a comment) or the entry's text is not UTF-8.
 * Only the entry and the text before it are decoded: a 2 MB file is decoded in ~20 ms.
 */
export function planEdit(old: Buffer, now: Buffer, spots: readonly EntrySpot[]): EditPlan | undefined {
  const from = commonPrefix(old, now);
  if (from === old.length && from === now.length) return undefined;
  const same = commonSuffix(old, now, Math.min(old.length, now.length) - from);
  const oldEnd = old.length - same;
  // The last entry that starts before the change; the change must end inside it.
  let lo = 0;
  let hi = spots.length - 1;
  let index = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spots[mid].start <= from) {
      index = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const spot = spots[index];
  // Strictly inside: the text before its `@` and after its closing brace is not its own.
  if (!spot || from <= spot.start || oldEnd >= spot.end) return undefined;
  const bytes = now.length - old.length;
  const before = textBefore(old, spots, index);
  const oldText = utf8(old.subarray(spot.start, spot.end));
  const newText = utf8(now.subarray(spot.start, spot.end + bytes));
  if (before === undefined || oldText === undefined || newText === undefined) return undefined;
  const lines = count(now, spot.start, spot.end + bytes) - count(old, spot.start, spot.end);
  return { index, bytes, lines, oldAlone: before + oldText, newAlone: before + newText };
}

/**
 * The file's text before entry `index`, each entry before it blanked to its line breaks (a space
 * if it has none): the @strings and comments between entries stay, and the entry's own text starts
 * at its line. Columns may differ; nothing built alone reads them.
 */
function textBefore(bytes: Buffer, spots: readonly EntrySpot[], index: number): string | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < index; i++) {
    const s = spots[i];
    const gap = utf8(bytes.subarray(from, s.start));
    if (gap === undefined) return undefined;
    parts.push(gap, s.line1 > s.line0 ? '\n'.repeat(s.line1 - s.line0) : ' ');
    from = s.end;
  }
  const gap = utf8(bytes.subarray(from, spots[index].start));
  if (gap === undefined) return undefined;
  parts.push(gap);
  return parts.join('').replace(/^\uFEFF/, '');
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function count(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/** Length of the common start of two byte strings (compared in slices, natively). */
export function commonPrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (i + step <= n && a.subarray(i, i + step).equals(b.subarray(i, i + step))) i += step;
  }
  return i;
}

/** Length of the common end of two byte strings, at most `limit`. */
export function commonSuffix(a: Buffer, b: Buffer, limit: number): number {
  let i = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (i + step <= limit && a.subarray(a.length - i - step, a.length - i).equals(b.subarray(b.length - i - step, b.length - i))) i += step;
  }
  return i;
}
