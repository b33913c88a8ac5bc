/**
 * Bounded work in loading a .bib (issue 19): @string expansion is capped, crossref chains are
 * followed without recursion, and many syntax errors cost what the file's length does, with at
 * most MAX_PER_CODE of each code shown. Time bounds are very generous (the machine is shared);
 * before these fixes the same inputs took minutes, gigabytes, or overflowed the stack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CROSSREF_DEPTH } from '../../src/load/crossref.js';
import { MAX_PER_CODE, shownDiagnostics, type Diagnostic } from '../../src/model/diagnostic.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { validate } from '../../src/index.js';
import { bib } from '../helpers.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/bib-loading');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const timed = <T>(f: () => T): { value: T; ms: number } => {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
};

describe('@string expansion', () => {
  it('doubling concatenations (string-doubling.bib, 925 bytes) stop with an error at the macro, quickly', () => {
    const heap = process.memoryUsage().heapUsed;
    const { value: r, ms } = timed(() => bib(fixture('string-doubling.bib'), 'string-doubling.bib'));
    expect(r.entries).toEqual([]);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'bib/expansion-limit', line: 20, column: 13 });
    expect(errors[0].message).toContain('the @string "s17" expands to more than 1048576 characters');
    expect(ms).toBeLessThan(10_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(256 << 20);
  });

  it('macros each under the limit but used often (string-wide.bib) stop at the whole-file limit', () => {
    const r = bib(fixture('string-wide.bib'), 'string-wide.bib');
    expect(r.entries).toEqual([]);
    const d = r.diagnostics.find((x) => x.code === 'bib/expansion-limit')!;
    expect(d).toMatchObject({ severity: 'error', line: 26 });
    expect(d.message).toMatch(/^the file expands to more than \d+ characters through @string macros/);
  });

  it('ordinary macros and concatenations are untouched', () => {
    const r = bib('@string{j = {Journal}}\n@misc{a, journal = j # { of } # j, month = feb}');
    expect(r.entries[0].raw).toMatchObject({ journal: 'Journal of Journal', month: '02' });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('crossref', () => {
  const chain = (n: number): string =>
    Array.from({ length: n }, (_, i) => `@misc{c${i}, title = {T${i}}${i + 1 < n ? `, crossref = {c${i + 1}}` : ', publisher = {Root Press}'}}`).join('\n');

  it('a chain of 5,000 does not overflow the stack; it is cut past the depth limit with a warning', () => {
    const { value: r, ms } = timed(() => bib(chain(5000)));
    expect(r.entries).toHaveLength(5000);
    const deep = r.diagnostics.filter((d) => d.code === 'bib/crossref-depth');
    expect(deep.length).toBeGreaterThan(0);
    expect(deep[0].message).toContain(`deeper than ${MAX_CROSSREF_DEPTH}`);
    // Within the limit, inheritance works along the chain.
    expect(r.entries[4999 - 3].raw.publisher).toBe('Root Press');
    expect(ms).toBeLessThan(20_000);
  });

  it('a short chain is followed to its root', () => {
    const r = bib(chain(5));
    expect(r.entries[0].raw).toMatchObject({ publisher: 'Root Press', booktitle: 'T1' });
    expect(r.diagnostics).toEqual([]);
  });

  it('a cycle (crossref-cycle.bib) is a warning naming it; the entries still load', () => {
    const r = bib(fixture('crossref-cycle.bib'), 'crossref-cycle.bib');
    expect(r.entries.map((e) => e.key)).toEqual(['loop-a', 'loop-b', 'child', 'parent', 'grandparent']);
    const cycle = r.diagnostics.filter((d) => d.code === 'bib/crossref-cycle');
    expect(cycle).toHaveLength(1);
    expect(cycle[0]).toMatchObject({ severity: 'warning', line: 9, column: 3 });
    expect(cycle[0].message).toContain('"loop-a" → "loop-b" → "loop-a"');
    expect(r.entries[2].raw.publisher).toBe('Grand Press'); // child ← parent ← grandparent
  });
});

describe('many syntax errors', () => {
  const broken = (n: number): string => Array.from({ length: n }, (_, i) => `@article{k${i}, title {x}}`).join('\n');

  it('20,000 are reported in time linear in the file (25 s before), each at its line', () => {
    const { value: r, ms } = timed(() => bib(broken(20_000)));
    const syntax = r.diagnostics.filter((d) => d.code === 'bib/syntax');
    expect(syntax).toHaveLength(20_000);
    expect(syntax[19_999]).toMatchObject({ line: 20_000, column: 24 });
    expect(ms).toBeLessThan(8_000);
  });

  it(`at most ${MAX_PER_CODE} of a code are shown, then one "and N more", as severe as the worst left out`, () => {
    const r = bib(broken(250));
    const shown = shownDiagnostics(r.diagnostics);
    const syntax = shown.filter((d) => d.code === 'bib/syntax');
    expect(syntax).toHaveLength(MAX_PER_CODE + 1);
    expect(syntax[MAX_PER_CODE - 1].line).toBe(MAX_PER_CODE);
    expect(syntax[MAX_PER_CODE]).toMatchObject({ severity: 'error', line: 0, file: 'test.bib' });
    expect(syntax[MAX_PER_CODE].message).toBe(`and 150 more bib/syntax diagnostics not shown (the first at line ${MAX_PER_CODE + 1}); the first ${MAX_PER_CODE} are listed`);
    const few: Diagnostic[] = r.diagnostics.slice(0, 3);
    expect(shownDiagnostics(few)).toEqual(few);
  });

  it('validate (and so every output format) gets the capped list, with the whole counts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-bounds-'));
    try {
      writeFileSync(path.join(dir, 'refs.bib'), broken(250));
      const r = await validate({ bib: 'refs.bib', cwd: dir });
      expect(r.errors).toBe(250);
      expect(r.diagnostics.filter((d) => d.code === 'bib/syntax')).toHaveLength(MAX_PER_CODE + 1);
      expect(r.diagnostics.at(-1)?.message).toMatch(/^and 150 more bib\/syntax diagnostics not shown/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
