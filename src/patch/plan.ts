import { changeOf } from '../load/bib-splice.js';

/** One entry of the last page: where its text lay in the .bib and its bytes in the page. */
export interface EntrySpot {
  key: string;
  /** Its text, [start, end) in the .bib's text, and its first and last lines. */
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
  /** How many characters and lines longer its text became. */
  chars: number;
  lines: number;
  /** The old and new texts with every other entry blanked (same lines and columns), to build it alone. */
  oldAlone: string;
  newAlone: string;
}

/**
 * The plan for going from `oldText` (whose entries lie at `spots`, in order) to `newText`, or
 * undefined when the change is not inside one entry's text (it adds, removes or moves entries,
 * or touches text between them: an @string, a comment).
 */
export function planEdit(oldText: string, newText: string, spots: readonly EntrySpot[]): EditPlan | undefined {
  if (oldText === newText) return undefined;
  const change = changeOf(oldText, newText);
  // The last entry that starts before the change; the change must end inside it.
  let lo = 0;
  let hi = spots.length - 1;
  let index = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spots[mid].start <= change.from) {
      index = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const spot = spots[index];
  // Strictly inside: the text before its `@` and after its closing brace is not its own.
  if (!spot || change.from <= spot.start || change.oldEnd >= spot.end) return undefined;
  const chars = newText.length - oldText.length;
  const newEnd = spot.end + chars;
  const lines = newlines(newText, spot.start, newEnd) - newlines(oldText, spot.start, spot.end);
  const moved = spots.map((s, i) => (i > index ? { start: s.start + chars, end: s.end + chars, line0: s.line0 + lines, line1: s.line1 + lines } : i === index ? { ...s, end: newEnd, line1: s.line1 + lines } : s));
  return { index, chars, lines, oldAlone: aloneIn(oldText, spots, index), newAlone: aloneIn(newText, moved, index) };
}

/**
 * `text` with every entry but `keep` made blank: its line breaks, then as many spaces as its last
 * line had characters. The kept entry, and every @string and comment between entries, stay at
 * their lines and columns.
 */
export function aloneIn(text: string, spans: readonly { start: number; end: number; line0: number; line1: number }[], keep: number): string {
  const parts: string[] = [];
  let from = 0;
  spans.forEach((s, i) => {
    if (i === keep) return;
    parts.push(text.slice(from, s.start));
    const lastBreak = s.line1 > s.line0 ? text.lastIndexOf('\n', s.end - 1) : -1;
    if (lastBreak >= s.start) parts.push('\n'.repeat(s.line1 - s.line0), ' '.repeat(s.end - lastBreak - 1));
    else parts.push(' '.repeat(s.end - s.start));
    from = s.end;
  });
  parts.push(text.slice(from));
  return parts.join('');
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
