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
