import { describe, expect, it } from 'vitest';
import { perEntry } from '../../src/model/per-entry.js';
import { bib } from '../helpers.js';

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
