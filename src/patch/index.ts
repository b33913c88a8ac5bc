import path from 'node:path';
import { lastBuild, sha1, writePatchedStamp } from '../write/stamp.js';
import { stageAtomic } from '../write/atomic.js';
import { LIMITS, readInput } from '../load/read-input.js';
import { makeSource, type SourceText } from '../load/source-text.js';
import { Reporter, shownDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { BuildOptions, BuildResult } from '../model/build.js';
import type { PageMap } from '../render/page-map.js';
import { planEdit, type EditPlan } from './plan.js';
import { dropRecord, readRecord, spotOf, writeRecord, type EntrySpot, type PatchRecord } from './record.js';

/** A page built from a .bib text with one entry in it (the others blanked), as the pipeline renders it. */
export interface Alone {
  report: Reporter;
  page?: Buffer[];
  map: PageMap;
  keys: string[];
}

/**
 * One entry of the .bib edited, and nothing else the last build read: its fragments of the last
 * page are replaced by the same entry built alone, and nothing else is built. The last build's
 * record (record.ts) says where the entry lies; what it says is checked, not believed: the entry's
 * old text, built alone, must give exactly the bytes the page has at those places, and its old
 * and new versions must agree on everything the rest of the page reads of them (its footprint,
 * render/footprint.ts), and its old version must raise the diagnostics the last build raised at its
 * lines. Anything else (an edit between entries or across two, a new key, a key another entry has,
 * an error, a theme that reads a publication outside its fragment, a crossref in the file) gives
 * undefined, and the whole page is built.
 */
export async function patchBuild(opts: BuildOptions, startedAt: number, renderAlone: (source: SourceText) => Promise<Alone>): Promise<BuildResult | undefined> {
  const last = await lastBuild(opts);
  if (!last || last.changed.length !== 1) return undefined;
  const bibFile = last.changed[0];
  // The files are read at once, and the last page while the entry is built (it is 6 MB for 6,315 entries).
  const [record, bytes] = await Promise.all([readRecord(last.file), readInput(bibFile, LIMITS.bib).catch(() => undefined)]);
  if (!record || record.bib !== bibFile || record.bibHash !== last.stamp.files[bibFile]?.hash || record.page !== last.stamp.output?.hash) return undefined;
  const shown = path.relative(opts.cwd ?? process.cwd(), bibFile) || bibFile;
  if (!bytes) return undefined;
  const plan = planEdit(record.bytes, bytes, record.spans);
  if (!plan) return undefined;
  const spot = spotOf(record, plan.index);
  // An entry whose key another entry has is compared with it (duplicate keys, twins made one):
  // the entry alone does not say what the whole file does. One without a key is named by its place.
  if (!spot.key || record.keys.indexOf(spot.key) !== plan.index || record.keys.lastIndexOf(spot.key) !== plan.index) return undefined;
  const kept = keptDiagnostics(record.diagnostics, shown, spot, plan.lines);
  if (!kept) return undefined;

  const reading = readInput(last.outFile, Number.MAX_SAFE_INTEGER).catch(() => undefined);
  const before = await renderAlone(makeSource(shown, plan.oldAlone));
  const after = await renderAlone(makeSource(shown, plan.newAlone));
  const old = await reading;
  if (!old) return undefined;
  const swaps = swapsFor(old, spot, plan, shown, before, after);
  // The entry's own diagnostics: its old text built alone must raise those the last build raised
  // at its lines; its new text's then stand in their place.
  const atEntry = (a: Alone, line1: number): Diagnostic[] => a.report.list.filter(atLines(shown, spot.line0, line1));
  if (!swaps || JSON.stringify(atEntry(before, spot.line1)) !== JSON.stringify(kept.atEntry)) return undefined;
  const diagnostics = [...kept.others, ...atEntry(after, spot.line1 + plan.lines)];

  // The page: the old one with the entry's pieces swapped, in page order.
  const page: Buffer[] = [];
  let from = 0;
  for (const s of [...swaps].sort((x, y) => x.start - y.start)) {
    page.push(old.subarray(from, s.start), s.bytes);
    from = s.end;
  }
  page.push(old.subarray(from));
  // The page and the next record at once (hashed while the page is written); then the stamp, which
  // names the page written. A record whose stamp is not written matches no stamp, and is dropped.
  const staging = stageAtomic(last.outFile, page, { durable: opts.durable }).catch(() => undefined);
  const [bibHash, pageHash] = [sha1(bytes), sha1(page)];
  const recorded = writeRecord(last.file, { ...nextRecord(record, bytes, plan, swaps, diagnostics), bibHash, page: pageHash });
  const written = await (await staging)?.commit().catch(() => undefined);
  await recorded;
  if (!written) return undefined;
  const writtenAt = performance.now();
  const size = page.reduce((n, c) => n + c.length, 0);
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const result: BuildResult = { ...last.stamp.result, diagnostics: shownDiagnostics(diagnostics), warnings, outFile: last.outFile, bytes: size, page, writtenAt, patched: true };
  const stamp = await writePatchedStamp(last, { file: bibFile, hash: bibHash, size: bytes.length, startedAt }, pageHash, written, result);
  if (!stamp) await dropRecord(last.file);
  return { ...result, inputs: { files: Object.keys(last.stamp.files), folders: Object.keys(last.stamp.folders) } };
}

/** A byte range of the old page and what replaces it. */
interface Swap {
  start: number;
  end: number;
  bytes: Buffer;
  /** The view id of a fragment; undefined for the JSON-LD article. */
  id?: string;
}

/**
 * The entry's pieces of the old page and their new bytes, when the entry built alone checks out:
 * one entry with the same key, no error, nothing of its views read outside their fragments, the
 * same views and footprint before and after the edit, and its old build's bytes equal to the
 * page's at every place the record names.
 */
function swapsFor(old: Buffer, spot: EntrySpot, plan: EditPlan, shown: string, before: Alone, after: Alone): Swap[] | undefined {
  for (const a of [before, after]) {
    if (!a.page || a.report.errorCount || a.keys.length !== 1 || a.keys[0] !== spot.key || a.map.outsideReads.size || a.report.list.some(lineless(shown))) return undefined;
  }
  const [b, n] = [before.map.entries.values().next().value, after.map.entries.values().next().value];
  if (!b?.footprint || !n || b.footprint !== n.footprint || !same(b.ids, spot.ids) || !same(n.ids, spot.ids)) return undefined;
  const beforePage = Buffer.concat(before.page!);
  const afterPage = Buffer.concat(after.page!);
  const swaps: Swap[] = [];
  const seen = new Map<string, number>();
  for (const [id, start, end] of spot.frags) {
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    const was = before.map.fragments.get(id)?.[k];
    const now = after.map.fragments.get(id)?.[k];
    if (!was || !now || !old.subarray(start, end).equals(beforePage.subarray(was[0], was[1]))) return undefined;
    swaps.push({ start, end, bytes: afterPage.subarray(now[0], now[1]), id });
  }
  for (const [id, k] of seen) if (before.map.fragments.get(id)?.length !== k || after.map.fragments.get(id)?.length !== k) return undefined;
  if (spot.article) {
    const was = before.map.articles.get(spot.ids[0]);
    const now = after.map.articles.get(spot.ids[0]);
    if (!was || !now || !old.subarray(spot.article[0], spot.article[1]).equals(beforePage.subarray(was[0], was[1]))) return undefined;
    swaps.push({ start: spot.article[0], end: spot.article[1], bytes: afterPage.subarray(now[0], now[1]) });
  }
  const inOrder = [...swaps].sort((x, y) => x.start - y.start);
  return inOrder.every((s, i) => i === 0 || inOrder[i - 1].end <= s.start) ? swaps : undefined;
}

/**
 * The last build's diagnostics: those at the entry's lines, and the others, moved by the lines the
 * entry gained; undefined when one in the .bib has no line, or the edit moves lines and a message
 * names one in its words or points at another place in the .bib.
 */
function keptDiagnostics(list: Diagnostic[], shown: string, spot: EntrySpot, lines: number): { atEntry: Diagnostic[]; others: Diagnostic[] } | undefined {
  if (list.some(lineless(shown))) return undefined;
  const at = atLines(shown, spot.line0, spot.line1);
  const others = list.filter((d) => !at(d));
  if (lines && others.some((d) => /\bline \d/.test(d.message) || (d.related && d.related.file === shown))) return undefined;
  return { atEntry: list.filter(at), others: lines ? others.map((d) => (d.file === shown && d.line > spot.line1 ? { ...d, line: d.line + lines } : d)) : others };
}

/** Whether a diagnostic is about the .bib (`shown`) as a whole, at no line of it. */
const lineless = (shown: string) => (d: Diagnostic): boolean => d.file === shown && d.line === 0;

/** Whether a diagnostic lies in the .bib (`shown`) at lines `line0` to `line1`. */
const atLines = (shown: string, line0: number, line1: number) => (d: Diagnostic): boolean => d.file === shown && d.line >= line0 && d.line <= line1;

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The record of the patched page: the entry's new text and pieces, everything after it moved. */
function nextRecord(record: PatchRecord, bytes: Buffer, plan: EditPlan, swaps: Swap[], diagnostics: Diagnostic[]): Omit<PatchRecord, 'bibHash' | 'page'> {
  // Where a byte of the old page is in the new one (no offset lies inside a swapped range).
  const moveByte = (at: number): number => {
    let d = 0;
    for (const s of swaps) if (s.end <= at) d += s.bytes.length - (s.end - s.start);
    return d ? at + d : at;
  };
  const spans = record.spans.slice();
  spans[4 * plan.index + 1] += plan.bytes;
  spans[4 * plan.index + 3] += plan.lines;
  for (let i = 4 * (plan.index + 1); i < spans.length; i += 4) {
    spans[i] += plan.bytes;
    spans[i + 1] += plan.bytes;
    spans[i + 2] += plan.lines;
    spans[i + 3] += plan.lines;
  }
  const frags: (string | number)[] = [];
  for (let f = 0; f < record.frags.length; f += 4) {
    if (record.frags[f] !== plan.index) frags.push(record.frags[f], record.frags[f + 1], moveByte(record.frags[f + 2] as number), moveByte(record.frags[f + 3] as number));
  }
  const articles: number[] = [];
  for (let a = 0; a < record.articles.length; a += 3) {
    if (record.articles[a] !== plan.index) articles.push(record.articles[a], moveByte(record.articles[a + 1]), moveByte(record.articles[a + 2]));
  }
  for (const s of swaps) {
    const at = moveByte(s.start);
    if (s.id !== undefined) frags.push(plan.index, s.id, at, at + s.bytes.length);
    else articles.push(plan.index, at, at + s.bytes.length);
  }
  return { bib: record.bib, bytes, keys: record.keys, spans, frags, articles, diagnostics };
}
