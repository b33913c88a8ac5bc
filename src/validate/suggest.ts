/**
 * "Did you mean": the closest candidate within a small edit distance (a third of the word, at most
 * 2), or undefined. A candidate that is the word with letters added or cut at one end only is
 * another word, not a typo: `preprint` is not `eprint`, nor `openreview` `preview` (real sites'
 * fields, which a suggestion would have broken).
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.max(1, Math.floor(word.length / 3))) + 1;
  const w = word.toLowerCase();
  for (const c of candidates) {
    if (Math.abs(c.length - w.length) >= bestDistance) continue; // the distance is at least that
    const lc = c.toLowerCase();
    if (Math.abs(lc.length - w.length) >= 2 && (w.startsWith(lc) || w.endsWith(lc) || lc.startsWith(w) || lc.endsWith(w))) continue;
    const d = distance(w, lc);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters counts once. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
