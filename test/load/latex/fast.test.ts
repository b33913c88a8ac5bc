/**
 * The fast LaTeX path on fixtures made to trip it: every field must come out exactly as the
 * converter makes it, and the fast path must really be taken where the value is plain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLatexPaths } from './fast-path.js';
import fc from 'fast-check';
import { LETTERS, plainCreators, plainField } from '../../../src/load/latex/fast.js';
import { convertFields } from '../../../src/load/latex/convert.js';
import { splitIslands } from '../../../src/load/latex/islands.js';

const FIXTURE = path.resolve(__dirname, '../../fixtures/latex-fast/tricky.bib');

describe('the fast LaTeX path', () => {
  it('gives the converter\'s result for every field of the tricky fixture', () => {
    const c = compareLatexPaths('tricky.bib', readFileSync(FIXTURE, 'utf8'));
    expect(c.differences).toEqual([]);
    expect(c.entries).toBe(6);
    expect(c.islandFields).toBeGreaterThanOrEqual(3);
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
    expect(plainField('title', "``Quoted'' x--y")).toBe('\u201cQuoted\u201d x\u2013y');
    expect(plainField('publisher', 'Oliver and Boyd and {Smith and Sons}')).toBe('Oliver, Boyd, Smith and Sons');
  });

  it('takes the common accents and letters, as the letter and its combining mark', () => {
    expect(plainField('title', 'M{\\"u}ller \\"{o} {\\\'e}t\\\'e \\v{g} {\\c{c}} {\\o} {\\aa}')).toBe('Mu\u0308ller o\u0308 e\u0301te\u0301 g\u030c c\u0327 \u00f8 a\u030a');
    // A lower-case letter with an accent still starts a "von" part, as in the converter.
    expect(plainCreators('{\\\'e}mile Zola')).toEqual([{ firstName: 'e\u0301mile', lastName: 'Zola' }]);
  });

  it('takes brace groups in names: one word each, or a literal name when alone', () => {
    expect(plainCreators('R {La Joie} and {Google Research} and {van Dyke}, Dick')).toEqual([
      { firstName: 'R', lastName: 'La Joie' },
      { name: 'Google Research' },
      { lastName: 'Dyke', firstName: 'Dick', prefix: 'van' }, // the parser's own rule, braces or not
    ]);
  });

  it('writes each letter command as the converter does', () => {
    for (const [command, letter] of Object.entries(LETTERS)) {
      const slow = convertFields('misc', { title: `x{\\${command}}y` }, { fast: false }).html.title;
      expect(slow, command).toBe(`x${letter}y`.normalize('NFC'));
    }
  });

  it('agrees with the converter on generated values (fast-check, fixed seed)', () => {
    const piece = fc.constantFrom('A', 'b', 'Smith', 'van', 'de', 'and', 'AND', 'Jr', ' ', '  ', ',', ', ', '\n', '-', '--', '---',
      "'", "''", '`', '``', '\\"a', '{\\\'e}', '\\v{g}', '{\\o}', '\\\'E', '{\\ss}', '.', 'é',
      // islands (islands.ts) and things that are not
      '{\\em x}', '{\\bf y }', '\\emph{z}', '\\textbf{w}', '\\%', '\\&', '\\_', '$x^2$', '$ a $', '$\\alpha$', '~',
      '\\url{http://a.b/c_d%20}', '\\href{http://x.y}{t}', '\\textsuperscript{2}', '\\em', '\\LaTeX', '\\\'{\\i}', '\\emph', '{ \\it q}', '\\',
      // written out without the converter (islands.ts): \url{…} and the control space; an empty \url{} or
      // \href{}, which the converter failed on, is taken out first (literal.ts) on both paths.
      '\\ ', '\\url{a--b~c}', "\\url{x y''}", '\\url{http://x--y/~z}', '\\url{ }', '\\url{a', '\\url{a\\_b}', '\\url{}', '\\href{}');
    const value = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.array(piece, { maxLength: 8 }).map((a) => a.join('')),
        fc.tuple(tie('v'), tie('v'), tie('v')).map(([a, b, c]) => `${a}{${b}}${c}`)),
    })).v;
    let plain = 0;
    let islands = 0;
    let noConverter = 0;
    fc.assert(
      fc.property(fc.constantFrom('title', 'abstract', 'publisher', 'author'), value, (field, v) => {
        const fast = convertFields('misc', { [field]: v });
        const slow = convertFields('misc', { [field]: v }, { fast: false });
        if (field === 'author' ? plainCreators(v) : plainField(field, v) !== undefined) plain++;
        else if (field !== 'author' && splitIslands(v)) {
          islands++;
          if (splitIslands(v)!.every((p) => 'text' in p)) noConverter++;
        }
        expect({ html: fast.html, authors: fast.authors }).toEqual({ html: slow.html, authors: slow.authors });
      }),
      { numRuns: 600, seed: 20261125 },
    );
    // Both cheaper paths are really taken, not only the converter.
    expect(plain).toBeGreaterThan(50);
    expect(islands).toBeGreaterThan(60);
    expect(noConverter).toBeGreaterThan(3); // fields with only text, \url{…} and control spaces: no converter job
  });

  it('writes \\url{…} and control spaces without the converter, as the converter does', () => {
    const cases = ['\\url{http://goo.gl/hRlrLK}', 'Proc.\\ ACM SIGCOMM~2020', 'x--y \\url{http://a--b/c~d_e%20} z', 'A\\ \\ B', 'A \\ B', "see \\url{a''b}, \\url{c}"];
    for (const v of cases) {
      const pieces = splitIslands(v);
      expect(pieces?.every((p) => 'text' in p), v).toBe(true); // no converter job
      expect(convertFields('misc', { note: v }).html.note, v).toBe(convertFields('misc', { note: v }, { fast: false }).html.note);
    }
    // beside a converted island, a control space leaves the field to the converter (it merges the markup)
    expect(splitIslands('\\emph{a}\\ \\emph{b}')).toBeUndefined();
    expect(convertFields('misc', { note: '\\emph{a}\\ \\emph{b}' }).html.note).toBe('<i>a b</i>');
  });

  it('leaves anything with LaTeX in it to the converter', () => {
    for (const v of ['A {\\em b}', '$x$', '50\\% more', '\\\'{\\i}', '\\" a', 'a ~ tie', 'x_1', 'a & b', '<b>', 'para\n\nbreak', 'ctl \u000e']) {
      expect(plainField('title', v), v).toBeUndefined();
    }
    expect(plainCreators('M{\\"u}ller, \\v J')).toBeUndefined();
    expect(plainCreators('A, B, C, D')).toBeUndefined(); // four parts: the converter reports it
  });
});
