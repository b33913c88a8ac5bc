import { describe, expect, it } from 'vitest';
import { bib } from '../helpers.js';

const authors = (a: string) => bib(`@article{k, author = {${a}}}`).entries[0].authors;

describe('author names', () => {
  it('reads both name orders and accents', () => {
    expect(authors('He, Zhenliang and Meina Kan and M{\\"u}ller, J{\\"o}rg')).toEqual([
      { first: 'Zhenliang', last: 'He', marks: '' },
      { first: 'Meina', last: 'Kan', marks: '' },
      { first: 'Jörg', last: 'Müller', marks: '' },
    ]);
  });

  it('strips corresponding and equal-contribution marks into `marks`', () => {
    const a = authors('Shan, Shiguang* and Kan*, Meina and Xu, Yifeng$^\\dagger$ and Zhang\\textsuperscript{*}, Bo');
    expect(a.map((p) => [p.last, p.first, p.marks])).toEqual([
      ['Shan', 'Shiguang', '*'],
      ['Kan', 'Meina', '*'],
      ['Xu', 'Yifeng', '†'],
      ['Zhang', 'Bo', '*'],
    ]);
  });

  it('takes al-folio\'s ^ mark too, but the ^ of a superscript is no mark, nor an & (Procter \\& Gamble)', () => {
    // A real al-folio site marks co-first authors with ^ (al-folio strips it from names).
    const a = authors('Sai Prasanna and André Biedenkapp^ and Raghu Rajan¶ and Ada Lovelace^‡ and Bob Smith^{†} and Procter \\& Gamble');
    expect(a.map((p) => [p.last, p.first, p.marks])).toEqual([
      ['Prasanna', 'Sai', ''],
      ['Biedenkapp', 'André', '^'],
      ['Rajan', 'Raghu', '¶'],
      ['Lovelace', 'Ada', '‡'],
      ['Smith', 'Bob', '†'],
      ['Gamble', 'Procter &', ''],
    ]);
  });

  it('splits at " and " after a control word, as BibTeX does (a TeX reading would take the space as the word\'s end)', () => {
    // efficient/biblio ref.bib: `\AAke` is no command (the warning says so), but BibTeX splits names first.
    const a = authors('Larson, Per-\\AAke and Blanas, Spyros and Fran\\c cois and \\L ukasz and Zwilling, Mike');
    expect(a.map((p) => p.last || p.first)).toEqual(['Larson', 'Blanas', 'François', 'Łukasz', 'Zwilling']);
    expect(a[0].first.startsWith('Per-')).toBe(true);
  });

  it('keeps literal names and "others"', () => {
    const a = authors('{The ATLAS Collaboration} and others');
    expect(a[0].literal).toBe('The ATLAS Collaboration');
    expect(a[1].literal).toBe('others');
  });
});
