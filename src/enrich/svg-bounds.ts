/**
 * What an SVG costs to rasterize, estimated before librsvg sees it. `<use>` copies the element it
 * points at, and copies of copies multiply: 900 bytes of nested `<use>` cost librsvg 500,000
 * elements and over 10 s of CPU, which no timeout of sharp's interrupts. Entities can expand the
 * same way, so a document that declares one is refused outright.
 */

/** Element copies that `<use>` may make in one SVG (librsvg's own limit is 500,000). */
export const MAX_SVG_USE_COPIES = 20_000;
/** How deep `<use>` may point at elements that themselves hold `<use>`. */
const MAX_USE_DEPTH = 64;

/**
 * The tags of a document in order, by a scan: attribute values are skipped whole, so a `>` inside
 * one does not end the tag. Comments and CDATA are scanned like text (a `<use>` in them is counted:
 * over-counting is safe). Not a regular expression: a tag pattern with quoted values is quadratic
 * on unclosed quotes.
 */
function* tags(text: string): Generator<{ closing: boolean; name: string; attrs: string }> {
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    let j = i + 1;
    const closing = text[j] === '/';
    if (closing) j++;
    const start = j;
    while (j < text.length && NAME_CHAR.test(text[j])) j++;
    if (j === start || !NAME_START.test(text[start])) continue;
    let quote = '';
    let k = j;
    for (; k < text.length; k++) {
      const c = text[k];
      if (quote) quote = c === quote ? '' : quote;
      else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (k === text.length) return; // a tag that never ends: the rest of the document
    yield { closing, name: text.slice(start, j), attrs: text.slice(j, k) };
    i = k;
  }
}
const NAME_CHAR = /[\w:.-]/;
const NAME_START = /[A-Za-z_]/;
const ID = /(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const HREF = /(?:^|\s)(?:xlink:)?href\s*=\s*(?:"\s*#([^"]*)"|'\s*#([^']*)')/;

/** Why the SVG is refused, or undefined when its `<use>` copies stay within bounds. */
export function svgProblem(text: string): string | undefined {
  if (text.includes('<!ENTITY')) return 'SVG declares XML entities, which are not accepted';
  const targets: string[] = []; // the id each <use> points at, in document order
  const ranges = new Map<string, [number, number]>(); // the <use>s inside each element with an id
  const open: { name: string; id?: string; from: number }[] = [];
  for (const { closing, name, attrs } of tags(text)) {
    if (closing) {
      // Close up to the matching element (an unclosed one inside it closes with it).
      let at = open.length - 1;
      while (at >= 0 && open[at].name !== name) at--;
      for (const o of at < 0 ? [] : open.splice(at)) if (o.id !== undefined && !ranges.has(o.id)) ranges.set(o.id, [o.from, targets.length]);
      continue;
    }
    const id = ID.exec(attrs);
    const idText = id ? (id[1] ?? id[2]) : undefined;
    const from = targets.length;
    if (name === 'use') {
      const href = HREF.exec(attrs);
      if (href) targets.push((href[1] ?? href[2]).trim());
      if (targets.length > MAX_SVG_USE_COPIES) return `SVG has more than ${MAX_SVG_USE_COPIES} <use> elements`;
    }
    if (attrs.trimEnd().endsWith('/')) {
      if (idText !== undefined && !ranges.has(idText)) ranges.set(idText, [from, targets.length]);
    } else {
      open.push({ name, id: idText, from });
    }
  }
  for (const o of open) if (o.id !== undefined && !ranges.has(o.id)) ranges.set(o.id, [o.from, targets.length]);

  // Copies made by instancing each id: itself plus what the <use>s inside it copy.
  const cost = new Map<string, number>();
  const visiting = new Set<string>();
  const copies = (id: string, depth: number): number => {
    const known = cost.get(id);
    if (known !== undefined) return known;
    const range = ranges.get(id);
    if (!range) return 1;
    if (visiting.has(id) || depth > MAX_USE_DEPTH) return Infinity;
    visiting.add(id);
    let n = 1;
    for (let u = range[0]; u < range[1] && n <= MAX_SVG_USE_COPIES; u++) n += copies(targets[u], depth + 1);
    visiting.delete(id);
    cost.set(id, n);
    return n;
  };
  let total = 0;
  for (const t of targets) {
    total += copies(t, 0);
    if (!Number.isFinite(total)) return '<use> elements refer to themselves or nest too deep';
    if (total > MAX_SVG_USE_COPIES) return `SVG <use> elements make more than ${MAX_SVG_USE_COPIES} copies`;
  }
  return undefined;
}
