/**
 * Where a .bib file changed since the last load in this process (watch): the entries before and
 * after the change are kept, and only the text between them is parsed again. The plan is cut at
 * entry boundaries, and its end at the start of a line, so that the kept entries after it move by
 * whole lines (their columns stay) and by a fixed number of characters.
 */

/** An entry's span in the parser's text. */
export interface Span {
  start: number;
  end: number;
}

export interface SplicePlan {
  /** Entries [0, head) are kept as they are. */
  head: number;
  /** Entries [tail, …) are kept, moved by `chars` characters and `lines` lines. */
  tail: number;
  /** The changed text, in the new text: from the end of entry head−1 to the start of entry tail's line. */
  start: number;
  end: number;
  chars: number;
  lines: number;
}

/** What the plan needs of a text: its length and its lines (load/source-text.ts). */
export interface Lines {
  readonly length: number;
  lineStart(offset: number): number;
  position(offset: number): { line: number };
}

/** [from, oldEnd) of the old text became [from, newEnd) of the new one; the rest is the same. */
export interface Change {
  from: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The plan for going from `old` (parsed into `spans`) to `text`, or undefined when the change
 * cannot be cut at entry boundaries.
 */
export function planSplice(old: Lines, spans: readonly Span[], text: Lines, change: Change): SplicePlan | undefined {
  const chars = text.length - old.length;
  let head = 0;
  while (head < spans.length && spans[head].end <= change.from) head++;
  const start = head > 0 ? spans[head - 1].end : 0;
  // The kept tail starts at a line that lies wholly in the unchanged end and after the region start.
  const unchangedFrom = change.oldEnd;
  let tail = head;
  let endOld = old.length;
  for (; tail < spans.length; tail++) {
    if (spans[tail].start < unchangedFrom) continue;
    const lineStart = old.lineStart(spans[tail].start);
    const after = tail > 0 ? spans[tail - 1].end : 0;
    const endNew = lineStart + chars;
    const linesUp = endNew === 0 ? lineStart === 0 : text.lineStart(endNew) === endNew;
    if (lineStart >= unchangedFrom && lineStart >= after && lineStart >= start && linesUp) {
      endOld = lineStart;
      break;
    }
  }
  if (endOld < start) return undefined;
  const end = endOld + chars;
  const linesIn = (t: Lines, from: number, to: number): number => t.position(to).line - t.position(from).line;
  return { head, tail, start, end, chars, lines: linesIn(text, start, end) - linesIn(old, start, endOld) };
}

/** The change between two whole strings: their common start and end. */
export function changeOf(old: string, text: string): Change {
  const from = commonPrefix(old, text);
  const same = commonSuffix(old, text, Math.min(old.length, text.length) - from);
  return { from, oldEnd: old.length - same, newEnd: text.length - same };
}

/** Length of the common start of two strings (compared in slices, which V8 compares natively). */
export function commonPrefix(a: string, b: string): number {
  return agreeing(Math.min(a.length, b.length), (at, n) => a.slice(at, at + n) === b.slice(at, at + n));
}

/** Length of the common end of two strings, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  return agreeing(limit, (at, n) => a.slice(a.length - at - n, a.length - at) === b.slice(b.length - at - n, b.length - at));
}

/**
 * The longest run, up to `limit`, of units that agree, where `same(at, n)` says whether the `n` units
 * from `at` do: found in steps of 65,536, 4,096, 256, 16 and 1, each step one native comparison.
 * For text (above) and for bytes (src/patch/plan.ts).
 */
export function agreeing(limit: number, same: (at: number, n: number) => boolean): number {
  let i = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (i + step <= limit && same(i, step)) i += step;
  }
  return i;
}
