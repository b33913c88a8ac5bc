import { describe, expect, it } from 'vitest';
import { mathAlphabetLetters, stripLatex, tokens } from '../../scripts/fidelity/latex.mjs';
import { parseBib } from '../../scripts/fidelity/bibread.mjs';
import { readBib, people, ownerMatcher } from '../../scripts/fidelity/source.mjs';
import { expectedLinks } from '../../scripts/fidelity/links.mjs';

// The audit's own reading of a .bib: independent of the project's, so it must be right on its own.
describe("the audit's LaTeX stripping", () => {
  it.each([
    ["Schr{\\\"o}dinger's \\emph{cat}", "Schrödinger's cat"],
    ['caf\\\'e -- 50\\% of~all --- \\& more', 'café – 50% of all — & more'],
    ['more than 61% of the vegetation', 'more than 61% of the vegetation'],
    ['The <$1,700 machine', 'The <1,700 machine'],
    ['When $p<q$ and $q>0$ hold', 'When p<q and q>0 hold'],
    ['$\\mathcal{R}$, $\\mathbb{R}^n$, $\\alpha$', 'ℛ, ℝn, α'],
    ['<i>Cephalotus</i> x<br>y', 'Cephalotus x y'],
    ['{\\\'\\i}ndice \\v s \\c{c} \\ss{} \\o{} \\L{}', 'índice š ç ß ø Ł'],
    ['\\href{https://x.org}{the text} \\cite{key} \\LaTeX{}', 'the text  LaTeX'],
    ['GaN\\slash{}AlN \\begin{itemize}\\item{} one\\end{itemize}', 'GaN/AlN  one'],
    // HTML references as a browser reads them (Mendeley): a numeric one needs no `;`, a named one does
    ['field.”&nbsp;Things at our fingertips&#8212 and &#x2013; &bogus; &amp &lt;', 'field.”\u00a0Things at our fingertips— and – &bogus; &amp <'],
  ])('%s → %s', (src, text) => {
    expect(stripLatex(src)).toBe(text);
  });

  it('compares by loose word tokens: accents, case and punctuation aside', () => {
    expect(tokens('Schrödinger’s CAT, ﬁne: 61%')).toEqual(['schrodinger', 's', 'cat', 'fine', '61']);
    expect(tokens('Øresund Łódź straße')).toEqual(['oresund', 'lodz', 'strasse']);
  });

  it('names the math alphabet letters a value asks for', () => {
    expect(mathAlphabetLetters('$\\mathcal{R}$ and \\mathbb R')).toEqual([{ font: 'mathcal', letter: 'R' }, { font: 'mathbb', letter: 'R' }]);
  });
});

describe("the audit's .bib reader", () => {
  it('expands @string macros and month names, joins with #, keeps a lone $ and a %', () => {
    const { entries, errors } = parseBib('@string{j = "Journal"}\n@article{k, journal = j # { of X}, month = feb, abstract = {The <$1,700 machine, 61% of it}}');
    expect(errors).toEqual([]);
    expect(entries).toEqual([{ type: 'article', key: 'k', fields: { journal: 'Journal of X', month: 'February', abstract: 'The <$1,700 machine, 61% of it' } }]);
  });

  it('hides a braced @comment, skips % lines, keeps duplicates, reads quoted values with braces', () => {
    const { entries } = parseBib('@comment{@article{hidden, title = {H}}}\n% @article{commented, title = {C}}\n@book{a, title = "A {"}quoted{"}"}\n@book{a, title = {Again}, % a note\n  year = 2000}');
    expect(entries.map((e: { key: string; fields: object }) => [e.key, e.fields])).toEqual([
      ['a', { title: 'A {"}quoted{"}' }],
      ['a', { title: 'Again', year: '2000' }],
    ]);
  });

  it('gives an entry its crossref parent\'s missing fields, but not its title', () => {
    const [child] = readBib('@inproceedings{c, title = {C}, author = {A}, crossref = {p}}\n@proceedings{p, title = {P}, booktitle = {Proc}, url = {https://p.org}}');
    expect(child.fields).toMatchObject({ title: 'C', booktitle: 'Proc', url: 'https://p.org' });
  });

  it('splits names on "and" outside braces; a braced name is one literal name', () => {
    const e = readBib('@book{k, author = {Liu, Alisa and {Barnes and Noble, Inc.} and Smith, J. and others}}')[0];
    expect(people(e)).toEqual([
      { text: 'Liu, Alisa', literal: false },
      { text: 'Barnes and Noble, Inc.', literal: true },
      { text: 'Smith, J.', literal: false },
      { text: 'others', literal: false },
    ]);
  });

  it('matches the owner in any written form, and no one else', () => {
    const isOwner = ownerMatcher(['Alisa Liu']);
    expect(['Liu, Alisa', 'Alisa Liu', 'A. Liu', 'Liu, A.'].map(isOwner)).toEqual([true, true, true, true]);
    expect(['Liu, Bo', 'Alisa Smith', 'Liu'].map(isOwner)).toEqual([false, false, true]);
  });

  it('expects every link field: trimmed, unwrapped, DOI and arXiv eprint as links, odd schemes not', () => {
    const [e] = readBib('@article{k, url = { https://x.org/a }, pdf = {paper.pdf}, doi = {DOI: 10.1000/ABC}, eprint = {2401.01234}, archiveprefix = {arXiv}, code = {ftp://x.org/c}, html = {\\url{https://x.org/h}}}');
    const links = expectedLinks(e);
    expect(links.map((l: { field: string; value: string }) => `${l.field} ${l.value}`)).toEqual([
      'url https://x.org/a', 'pdf paper.pdf', 'html https://x.org/h', 'doi https://doi.org/10.1000/ABC', 'eprint https://arxiv.org/abs/2401.01234',
    ]);
    const [, pdf, , doi, arxiv] = links;
    expect(pdf.match('assets/pdf/paper.pdf') && pdf.match('paper.pdf') && !pdf.match('other.pdf')).toBe(true);
    expect(doi.match('https://doi.org/10.1000/abc') && !doi.match('https://doi.org/10.1000/abd')).toBe(true);
    expect(arxiv.match('https://arxiv.org/pdf/2401.01234') && !arxiv.match('https://example.org/2401.01234')).toBe(true);
  });

  it('expects one link for an http(s) address with spaces (a file name), several for several addresses', () => {
    const [one] = readBib('@misc{k, url = {https://x.org/Volume 9/Issue 2/7 Berenstein.pdf}}');
    const [link] = expectedLinks(one);
    expect(expectedLinks(one)).toHaveLength(1);
    expect(link.match('https://x.org/Volume%209/Issue%202/7%20Berenstein.pdf')).toBe(true);
    expect(link.match('https://x.org/Volume')).toBe(false);
    const [two] = readBib('@misc{k, url = {http://a.org/x http://b.org/y}}');
    expect(expectedLinks(two).map((l: { value: string }) => l.value)).toEqual(['http://a.org/x', 'http://b.org/y']);
  });
});

