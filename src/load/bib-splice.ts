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

/**
 * The plan for going from `old` (parsed into `spans`) to `text`, or undefined when the change
 * cannot be cut at entry boundaries.
 */
export function planSplice(old: string, spans: readonly Span[], text: string): SplicePlan | undefined {
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  const chars = text.length - old.length;
  let head = 0;
  while (head < spans.length && spans[head].end <= p) head++;
  const start = head > 0 ? spans[head - 1].end : 0;
  // The kept tail starts at a line that lies wholly in the unchanged suffix and after the region start.
  const unchangedFrom = old.length - s;
  let tail = head;
  let endOld = old.length;
  for (; tail < spans.length; tail++) {
    if (spans[tail].start < unchangedFrom) continue;
    const lineStart = old.lastIndexOf('\n', spans[tail].start - 1) + 1;
    const after = tail > 0 ? spans[tail - 1].end : 0;
    const endNew = lineStart + chars;
    const linesUp = endNew === 0 ? lineStart === 0 : text[endNew - 1] === '\n';
    if (lineStart >= unchangedFrom && lineStart >= after && lineStart >= start && linesUp) {
      endOld = lineStart;
      break;
    }
  }
  if (endOld < start) return undefined;
  const end = endOld + chars;
  return { head, tail, start, end, chars, lines: countLines(text, start, end) - countLines(old, start, endOld) };
}

/** Length of the common start of two strings (compared in slices, which V8 compares natively). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  return i;
}

/** Length of the common end of two strings, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (i + step <= limit && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  }
  return i;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
