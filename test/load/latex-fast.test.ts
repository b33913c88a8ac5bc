/**
 * The fast LaTeX path on fixtures made to trip it: every field must come out exactly as the
 * converter makes it, and the fast path must really be taken where the value is plain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLatexPaths } from './fast-path.js';
import { plainCreators, plainField } from '../../src/load/latex-fast.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/latex-fast/tricky.bib');

describe('the fast LaTeX path', () => {
  it('gives the converter\'s result for every field of the tricky fixture', () => {
    const c = compareLatexPaths('tricky.bib', readFileSync(FIXTURE, 'utf8'));
    expect(c.differences).toEqual([]);
    expect(c.entries).toBe(4);
    expect(c.fastFields).toBeGreaterThan(15);
  });

  it('takes plain values, with the converter\'s ligatures, spacing, numbers and months', () => {
    expect(plainField('title', 'Pages 10--20, em---dash and a {-}{-} split pair; ----four')).toBe('Pages 10–20, em—dash and a -- split pair; —-four');
    expect(plainField('journal', 'Journal   of\n    Things')).toBe('Journal of Things');
    expect(plainField('year', '02019')).toBe('2019');
    expect(plainField('month', 'aug')).toBe('8');
    expect(plainField('note', '{Braced} {words {nested}} and {}empty')).toBe('Braced words nested and empty');
    expect(plainCreators('Doe, Jane and van der Berg, Anna and Ludwig van Beethoven')).toEqual([
      { lastName: 'Doe', firstName: 'Jane' },
      { lastName: 'Berg', firstName: 'Anna', prefix: 'van der' },
      { firstName: 'Ludwig', prefix: 'van', lastName: 'Beethoven' },
    ]);
  });

  it('leaves anything with LaTeX in it to the converter', () => {
    for (const v of ['A {\\em b}', '$x$', '50\\% more', '``q\'\'', 'a ~ tie', 'x_1', 'a & b', '<b>', 'para\n\nbreak', 'ctl \u000e']) {
      expect(plainField('title', v), v).toBeUndefined();
    }
    expect(plainField('publisher', 'Smith and Sons')).toBeUndefined(); // a list field: split on "and"
    expect(plainCreators('{Barack Obama}')).toBeUndefined();
    expect(plainCreators('M{\\"u}ller, J')).toBeUndefined();
    expect(plainCreators('A, B, C, D')).toBeUndefined(); // four parts: the converter reports it
  });
});
