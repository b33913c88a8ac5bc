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
});
