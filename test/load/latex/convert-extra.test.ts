import { describe, expect, it } from 'vitest';
import { bib } from '../../helpers.js';

describe('LaTeX conversion, quiet where TeX is fine', () => {
  it('a control space is a space, not an unknown command', () => {
    const r = bib('@article{k, title = {Dr.\\ Who and Mr.\\ X}}');
    expect(r.entries[0].html.title).toBe('Dr. Who and Mr. X');
    expect(r.diagnostics.filter((d) => d.code === 'bib/latex')).toEqual([]);
  });

  it('an unknown command is a warning that names it', () => {
    const r = bib('@article{k, title = {a \\foo{bar} b}}');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['entry "k": unknown LaTeX command \\foo']);
  });

  it('\\TeX and \\slash print what LaTeX prints, in text and in math (the fidelity audit found them lost)', () => {
    const r = bib('@article{k, title = {The \\TeX book on {{AlN}}{$\\slash$}{{GaN}}}}');
    expect(r.entries[0].html.title.replace(/<[^>]*>/g, '')).toBe('The TeXbook on AlN/GaN');
    expect(r.diagnostics.filter((d) => d.code === 'bib/latex' || d.code === 'bib/math')).toEqual([]);
  });
});
