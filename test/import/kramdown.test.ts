import { describe, expect, it } from 'vitest';
import { cleanMarkdown } from '../../src/import/kramdown.js';
import { ImportReport } from '../../src/import/report.js';

describe('cleanMarkdown', () => {
  it('drops closed Jekyll syntax with its line, keeps an unclosed opener as text, converts emoji', () => {
    const r = new ImportReport();
    const out = cleanMarkdown('a {: .x}\n\n{{ open and :smile:\n<!-- c\nd -->\ne', 'f.md', 10, r);
    expect(out).toBe('a\n\n{{ open and 😄\n\ne');
    expect(r.dropped.map((d) => `${d.line} ${d.what.split(' "')[0]}`)).toEqual(['10 kramdown attribute list', '13 HTML comment']);
  });

  it('an attribute list not closed on its line is text', () => {
    const r = new ImportReport();
    expect(cleanMarkdown('x {: a\nb } {: .y}', 'f.md', 1, r)).toBe('x {: a\nb }');
    expect(r.dropped.map((d) => d.line)).toEqual([2]);
  });

  it('stays linear on many unclosed openers', () => {
    const text = `${'{{ {% <!-- {:: '.repeat(50_000)}\n${'{: x\n'.repeat(50_000)}}`;
    const t = performance.now();
    expect(cleanMarkdown(text, 'f.md', 1, new ImportReport())).toBe(text.split('\n').map((l) => l.trimEnd()).join('\n'));
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
