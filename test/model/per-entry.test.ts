import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { between, perEntry } from '../../src/model/per-entry.js';
import { build } from '../../src/index.js';
import { bib } from '../helpers.js';
import { seedExampleImages } from '../example-site.js';

const ROOT = path.join(import.meta.dirname, '../..');

describe('perEntry', () => {
  it('computes once per fields object and argument; a moved entry (same fields) hits, a parsed one misses', () => {
    const { entries } = bib('@misc{a, title = {One}, code = {https://github.com/o/a}}');
    let calls = 0;
    const f = perEntry((e, suffix: string) => {
      calls++;
      return { text: `${e.raw.title}${suffix}` };
    });
    const first = f(entries[0], '!');
    expect(f({ ...entries[0], index: 7, pos: { line: 9, column: 1 } }, '!')).toBe(first); // moved down the file
    expect(calls).toBe(1);
    expect(f(entries[0], '?')).toEqual({ text: 'One?' });
    const again = bib('@misc{a, title = {One}, code = {https://github.com/o/a}}').entries[0];
    expect(f(again, '?')).not.toBe(first);
    expect(calls).toBe(3);
  });
});

describe('a process that builds once keeps nothing (between.builds off)', () => {
  it('perEntry computes again on every call', () => {
    const { entries } = bib('@misc{a, title = {One}}');
    let calls = 0;
    const f = perEntry((e) => ++calls && e.raw.title);
    between.builds = false;
    try {
      f(entries[0], undefined);
      f(entries[0], undefined);
    } finally {
      between.builds = true;
    }
    expect(calls).toBe(2);
  });

  it('gives the same page, byte for byte, as a build that keeps them', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'sp-once-'));
    // Each cold (its own cache folder), the build that keeps nothing first.
    const opts = (name: string) => ({ bib: path.join(ROOT, 'data/example/refs.bib'), cwd: ROOT, offline: true, cacheDir: path.join(tmp, `cache-${name}`), out: path.join(tmp, `${name}.html`) });
    // Cold but for the thumbnails' encodes (test/example-site.ts): the entries are what is compared.
    for (const name of ['once', 'kept']) seedExampleImages(opts(name).cacheDir);
    between.builds = false;
    try {
      const once = await build(opts('once'));
      expect(once.errors).toBe(0);
    } finally {
      between.builds = true;
    }
    const kept = await build(opts('kept'));
    expect(kept.errors).toBe(0);
    expect(readFileSync(path.join(tmp, 'once.html'), 'utf8')).toBe(readFileSync(path.join(tmp, 'kept.html'), 'utf8'));
  });
});
