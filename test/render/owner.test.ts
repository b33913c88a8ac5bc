import { describe, expect, it } from 'vitest';
import { ownerMatcher } from '../../src/render/owner.js';

const p = (first: string, last: string, marks = '') => ({ first, last, marks });

describe('owner matching', () => {
  const isOwner = ownerMatcher(['He, Zhenliang']);
  it('matches any format: "Last, First", "First Last", initials', () => {
    expect(isOwner(p('Zhenliang', 'He'))).toBe(true);
    expect(isOwner(p('Z.', 'He'))).toBe(true);
    expect(isOwner(p('Z', 'He'))).toBe(true);
    expect(ownerMatcher(['Zhenliang He'])(p('Z.', 'He'))).toBe(true);
    expect(ownerMatcher(['Z. He'])(p('Zhenliang', 'He'))).toBe(true);
  });
  it('ignores accents, case and marks', () => {
    expect(ownerMatcher(['José Müller'])(p('Jose', 'MULLER', '*'))).toBe(true);
    expect(ownerMatcher(['Jose Muller'])(p('José', 'Müller'))).toBe(true);
    expect(ownerMatcher(['Zhen-Liang He'])(p('Zhenliang', 'He'))).toBe(true);
  });
  it('reads a surname\'s particles either way: "da Cruz, André" is "André da Cruz"', () => {
    // Real al-folio sites: neither owner was bold on their own pages.
    const cruz = ownerMatcher(['André Miguel Ferreira da Cruz']);
    expect(cruz(p('André Miguel Ferreira', 'da Cruz'))).toBe(true);
    expect(cruz(p('A. M. F.', 'da Cruz'))).toBe(true);
    expect(cruz(p('André Miguel Ferreira', 'Cruz'))).toBe(true);
    expect(ownerMatcher(['van Scoy, Bryan'])(p('Bryan', 'van Scoy'))).toBe(true);
    expect(ownerMatcher(['Bryan van Scoy'])(p('Bryan', 'van Scoy'))).toBe(true);
    expect(ownerMatcher(['Ludwig van der Berg'])(p('L.', 'van der Berg'))).toBe(true);
    // The given names still decide; a surname that is only a particle stays one.
    expect(cruz(p('Pedro', 'da Cruz'))).toBe(false);
    expect(ownerMatcher(['Bryan van Scoy'])(p('Bryan', 'Scott'))).toBe(false);
    expect(ownerMatcher(['Jane Van'])(p('Jane', 'Van'))).toBe(true);
    expect(ownerMatcher(['Jane Van'])(p('Jane', 'Smith'))).toBe(false);
    // A capitalised particle before the comma is a particle; in "First Last" order it may be a given name.
    expect(ownerMatcher(['Bryan van Scoy'])(p('Bryan', 'Van Scoy'))).toBe(true);
    expect(ownerMatcher(['Hung Van Nguyen'])(p('Hung Manh', 'Nguyen'))).toBe(false);
    expect(ownerMatcher(['Hung Van Nguyen'])(p('Hung Van', 'Nguyen'))).toBe(true);
    expect(ownerMatcher(['Yi Da Xu'])(p('Yi Ming', 'Xu'))).toBe(false);
  });

  it('reads a profile name without a title before it or a name in parentheses', () => {
    // A real academicpages site: name "Dr. Zheng (Thomas) Tang", never bold in its own list.
    const tang = ownerMatcher(['Dr. Zheng (Thomas) Tang']);
    expect(tang(p('Zheng', 'Tang'))).toBe(true);
    expect(tang(p('Z.', 'Tang'))).toBe(true);
    expect(tang(p('Thomas', 'Tang'))).toBe(false);
    expect(ownerMatcher(['Prof. Ada Lovelace'])(p('Ada', 'Lovelace'))).toBe(true);
    expect(ownerMatcher(['Prof Dr Ada Lovelace'])(p('A.', 'Lovelace'))).toBe(true);
    expect(ownerMatcher(['Dr. Ada Lovelace'])(p('Bob', 'Lovelace'))).toBe(false);
    // A title before a surname alone stays: "Dr. Who" is not every Who.
    expect(ownerMatcher(['Dr. Who'])(p('Jane', 'Who'))).toBe(false);
  });

  it('does not match other people', () => {
    expect(isOwner(p('Zhenyu', 'He'))).toBe(false);
    expect(isOwner(p('Y.', 'He'))).toBe(false);
    expect(isOwner(p('Zhenliang', 'Hu'))).toBe(false);
    expect(isOwner({ first: '', last: '', literal: 'He Group', marks: '' })).toBe(false);
  });

  it('sees through braces and font commands: a whole name arrives as a literal or as a last name alone', () => {
    const alisa = ownerMatcher(['Alisa Liu']);
    expect(alisa({ first: '', last: '', literal: 'Alisa Liu', marks: '' })).toBe(true); // {Alisa Liu}
    expect(alisa({ first: '', last: 'Alisa Liu', marks: '' })).toBe(true); // \textbf{Alisa Liu}
    expect(alisa({ first: '', last: 'Liu, Alisa', marks: '' })).toBe(true); // \textbf{Liu, Alisa}
    expect(alisa({ first: '', last: '', literal: 'A. Liu', marks: '' })).toBe(true);
    // A group, a surname alone, another given name, "others": not the owner.
    expect(alisa({ first: '', last: '', literal: 'Liu Lab', marks: '' })).toBe(false);
    expect(alisa({ first: '', last: '', literal: 'Liu', marks: '' })).toBe(false);
    expect(alisa({ first: '', last: 'Bo Liu', marks: '' })).toBe(false);
    expect(alisa({ first: '', last: '', literal: 'others', marks: '' })).toBe(false);
  });
});
