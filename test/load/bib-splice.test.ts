import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBib, type BibFile } from '../../src/load/bib.js';
import { EntryCache } from '../../src/load/entry-cache.js';
import { decodeSource, makeSource, type Last, type SourceText } from '../../src/load/source-text.js';
import { Reporter, sortDiagnostics } from '../../src/model/diagnostic.js';
import { changeOf, commonPrefix, commonSuffix, planSplice } from '../../src/load/bib-splice.js';

// A file loaded again in the same process (watch) keeps the entries outside the change; the result
// must be exactly that of loading the new text from scratch: entries, positions and diagnostics.
const FILE = 'refs.bib';
const ORIGINAL = `% a homepage file
@string{cvpr = {Conference on Computer Vision and Pattern Recognition}}

@inproceedings{he2019attgan,
  title = {{AttGAN}: Facial Attribute Editing by {\\em Only} Changing What You Want},
  author = {He, Zhenliang and Zuo, Wangmeng and Kan, Meina and Shan, Shiguang and Chen, Xilin},
  booktitle = cvpr,
  month = jun,
  year = {2019},
}

@article{muller2020,
  title = {Über $\\alpha$-nets and 50\\% more},
  author = {M{\\"u}ller, J{\\"o}rg and Garc{\\'i}a, Ana},
  journal = {IEEE Transactions on Image Processing},
  year = 2020,
  year = {2021},
  note = {\\unknowncmd{x}},
}

@misc{plain, title = {Plain words only}, author = {Doe, Jane}, year = {2018}} @misc{sameLine, title = {On the same line}}

@book{last,
  title = "A {Quoted} Title",
  author = {Smith, A. and others},
  year = {2017}
}
`;

const SNIPPETS = [
  'x', 'é', ' ', '\n', '\r\n', '{', '}', ',', '=', '"', '$', '@', '%', '\\emph{y}', '$x^2$', '{\\"o}', '\\unknowncmd{z}',
  '@misc{added, title = {Added}, year = {2020}}\n',
  '\n@article{again,\n  title = {Another {\\em one}},\n  author = {Roe, R.},\n  year = {2022}\n}\n',
  '@string{extra = {E}}\n', '@preamble{"x"}\n', ',\n  crossref = {last}', ',\n  title = {twice}', ',\n  note = cvpr', ',\n  note = undefinedmacro',
  '@comment{ignored}\n', 'jan', '€', '𝛼', '\u{1F600} and more',
];

type Edit = { at: number; del: number; insert: string };
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x),
  del: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 120 })),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')),
});

function apply(text: string, e: { at: number; del: number; insert: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(at + e.del);
}

function snapshot(bib: BibFile, report: Reporter): unknown {
  return {
    entries: bib.entries.map((e) => ({ ...e })),
    diagnostics: sortDiagnostics(report.list),
  };
}

let files = 0;
function load(text: string, reuse?: string, cache?: EntryCache): { bib: BibFile; report: Reporter } {
  const report = new Reporter();
  return { bib: loadBib(makeSource(FILE, text), report, { reuse, cache }), report };
}

/** Loads each version from its bytes, decoded as an edit of the last version (as watch reads a file). */
function byteLoader(key: string) {
  let last: Last | undefined;
  return (text: string) => {
    const report = new Reporter();
    const bytes = Buffer.from(text);
    const source = decodeSource(bytes, FILE, report, last)!;
    last = { bytes, source };
    return { bib: loadBib(source, report, { reuse: key }), report, source };
  };
}

/** The source as read by a whole decode, seen through every accessor. */
function sameSource(a: SourceText, text: string): void {
  const b = makeSource(FILE, text);
  expect(a.length).toBe(text.length);
  expect(a.slice(0, a.length)).toBe(text);
  for (let o = 0; o <= text.length; o += 7) {
    expect(a.position(o)).toEqual(b.position(o));
    expect(a.lineStart(o)).toBe(b.lineStart(o));
  }
  expect(a.text).toBe(text);
}

describe('loading a changed file again (bib-splice)', () => {
  it.each(['text', 'bytes'])('gives exactly what a load from scratch gives, after any sequence of edits (%s)', (via) => {
    let spliced = 0;
    let decodedPart = 0;
    let cases = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits: Edit[]) => {
        const key = `/virtual/${files++}.bib`;
        const bytes = byteLoader(key);
        let text = ORIGINAL;
        if (via === 'text') load(text, key);
        else bytes(text);
        for (const e of edits) {
          text = apply(text, e);
          if (via === 'bytes') text = Buffer.from(text).toString(); // an edit inside a surrogate pair, as a file holds it
          const again = via === 'text' ? load(text, key) : bytes(text);
          const fresh = load(text);
          cases++;
          if (again.bib.reused > 0) spliced++;
          if ('source' in again) {
            if (again.source.change) decodedPart++;
            sameSource(again.source, text);
          }
          expect(snapshot(again.bib, again.report)).toEqual(snapshot(fresh.bib, fresh.report));
        }
      }),
      { numRuns: 400, seed: 20261125 },
    );
    // Most single edits are spliced; the rest fall back to a whole parse (and are checked too).
    expect(spliced / cases).toBeGreaterThan(0.15);
    // An edit to the first line is decoded whole (fast-check favours offsets near 0).
    if (via === 'bytes') expect(decodedPart / cases).toBeGreaterThan(0.15);
  });

  it('keeps the entries around an edit, and moves the later ones by the lines added', () => {
    const key = `/virtual/${files++}.bib`;
    const first = load(ORIGINAL, key);
    const text = ORIGINAL.replace('50\\% more', '50\\%\nfewer\n');
    const again = load(text, key);
    expect(again.bib.reused).toBe(first.bib.entries.length - 1);
    expect(again.bib.entries[0]).toBe(first.bib.entries[0]);
    expect(again.bib.entries[1].html.title).toBe('Über α-nets and 50% fewer');
    expect(again.bib.entries[2]).not.toBe(first.bib.entries[2]);
    expect(again.bib.entries[2].pos.line).toBe(first.bib.entries[2].pos.line + 2);
    expect(again.bib.entries[2].html.title).toBe(first.bib.entries[2].html.title);
    expect(snapshot(again.bib, again.report)).toEqual(snapshot(load(text).bib, load(text).report));
  });

  it('parses the whole file again when the change defines a macro, breaks the syntax or adds a crossref', () => {
    for (const change of [
      (t: string) => t.replace('@book{last', '@string{late = {L}}\n@book{last'),
      (t: string) => t.replace('year = {2017}', 'year = {2017'),
      (t: string) => t.replace('title = {Plain words only}', 'title = {Plain words only}, crossref = {last}'),
      (t: string) => t.replace('booktitle = cvpr', 'booktitle = nosuchmacro'),
    ]) {
      const key = `/virtual/${files++}.bib`;
      load(ORIGINAL, key);
      const text = change(ORIGINAL);
      expect(text).not.toBe(ORIGINAL);
      const again = load(text, key);
      expect(again.bib.reused).toBe(0);
      expect(snapshot(again.bib, again.report)).toEqual(snapshot(load(text).bib, load(text).report));
    }
  });

  it('keeps the kept entries in the entry cache file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-splice-'));
    try {
      const key = `/virtual/${files++}.bib`;
      let cache = await EntryCache.open(dir);
      load(ORIGINAL, key, cache);
      await cache.save();
      cache = await EntryCache.open(dir);
      const again = load(ORIGINAL.replace('Plain words only', 'Plain words, edited'), key, cache);
      expect(again.bib.reused).toBeGreaterThan(0);
      await cache.save();
      const stored = JSON.parse(readFileSync(path.join(dir, 'entries.json'), 'utf8')) as { entries: Record<string, unknown> };
      expect(Object.keys(stored.entries)).toHaveLength(again.bib.entries.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds common starts and ends of long strings', () => {
    const a = 'x'.repeat(200_000) + 'A' + 'y'.repeat(70_001);
    const b = 'x'.repeat(200_000) + 'BB' + 'y'.repeat(70_001);
    expect(commonPrefix(a, b)).toBe(200_000);
    expect(commonSuffix(a, b, 200_001)).toBe(70_001);
    expect(commonPrefix('abc', 'abc')).toBe(3);
    expect(commonSuffix('abc', 'zbc', 3)).toBe(2);
    const [a1, b1] = ['@a{x}\n@b{y}\n', '@a{x}\n@b{yy}\n'];
    expect(planSplice(makeSource(FILE, a1), [{ start: 0, end: 5 }, { start: 6, end: 11 }], makeSource(FILE, b1), changeOf(a1, b1))).toMatchObject({ head: 1, tail: 2 });
  });
});
