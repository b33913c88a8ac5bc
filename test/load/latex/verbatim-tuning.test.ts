/**
 * The tuned verbatim parser (src/load/latex/verbatim-tuning.ts) against the library's own, on tricky
 * fixtures, on random text, and on every .bib of ../shared/corpus/ when it is beside the repository.
 * Equal means the same entries, strings, errors, comments and preambles, and the same end position.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSER_VERBATIM } from '../../../src/load/bibtex-parser.js';
import { packageVersion } from '../../../src/load/packages.js';
import { TUNED_FOR, verbatimParse, type VerbatimModule } from '../../../src/load/latex/verbatim-tuning.js';
import { bibFiles, CORPUS } from '../../corpus.js';

const mod = createRequire(import.meta.url)(PARSER_VERBATIM) as VerbatimModule;
const installed = packageVersion('@retorquere/bibtex-parser').split('@').pop()!;
const tuned = verbatimParse(mod, installed);

type Parsed = ReturnType<VerbatimModule['parse']> & { comments?: string[]; preambles?: string[]; pos?: number };
const outcome = (parse: VerbatimModule['parse'], input: string, strings?: Record<string, string>): unknown => {
  try {
    const r = parse(input, strings ? { strings } : {}) as Parsed;
    return { entries: r.entries, strings: r.strings, errors: r.errors, comments: r.comments, preambles: r.preambles, pos: r.pos };
  } catch (err) {
    return { threw: String(err) };
  }
};
const same = (input: string, strings?: Record<string, string>): void =>
  expect(outcome(tuned, input, strings)).toEqual(outcome(mod.parse, input, strings));

describe('the tuned verbatim parser', () => {
  // A trip-wire on purpose: a new version of the parser fails here until the comparisons below
  // have been run against it and TUNED_FOR names it (until then it is used untuned, and correct).
  it('is used for the installed version of the parser, and not for another', () => {
    expect(TUNED_FOR).toContain(installed);
    expect(tuned).not.toBe(mod.parse);
    expect(verbatimParse(mod, '0.0.0-other')).toBe(mod.parse);
  });

  const fixtures: Record<string, string> = {
    'comments and every kind of white space': '% lead\r\n@article{k1,\r\n\ttitle = {A},% trailing\n  year = 2020 % c\n}\n%% end',
    'a comment running to the end of the file': '@article{k, title={A}}\n% no newline at the end',
    'non-ASCII letters, a CJK key and a key with an astral character': '@article{Müller2020é, title={x}}\n@book{日本語, title={y}}\n@misc{a😀b, title={z}}',
    'a lone surrogate and a combining mark in a key': '@misc{a\uD800b, title={x}}\n@misc{e\u0301t, title={y}}',
    'every ASCII key character, and the entry key\'s extra ones': "@misc{+'&;_:\\./-aZ09[]*\", title={x}}\n@misc{x, a+b'c&d;e_f:g\\h.i/j-k = {v}}",
    'keys ending in each kind of stop': '@misc{a,b=1,c ={x},d= "y",e=f # {g}}\n@misc{k(x)}\n@misc(p, q = {r})',
    'macros, concatenation and an undefined macro': '@string{ieee = "IEEE"}\n@string(acm={ACM})\n@misc{m, a = ieee # " and " # acm, b = jan, c = nomacro}',
    'a runaway key at the end of the file': '@article{good, title={A}}\n@article{runaway',
    'a key cut by the end of the file after white space': '@article{k, title = {A},\n  year',
    'syntax errors between good entries': '@article{a, title={A}\n@article{b title={B}}\n@article{c, title={C}}\n@{x}\n@misc{d, = {e}}',
    'preambles and @comment': '@preamble{"\\newcommand{\\x}{y}"}\n@comment{anything {nested}}\n@comment text to the line end\n@misc{z, t={u}}',
    'an empty input': '',
    'white space and comments only': ' \t\r\n% c\n\t%',
  };
  for (const [name, input] of Object.entries(fixtures)) {
    it(`parses ${name} as the library does`, () => same(input));
  }
  it('parses with @string macros handed over as the library does', () => same('@misc{a, j = jm}', { jm: 'Journal of M' }));

  it('parses random BibTeX-like text as the library does', () => {
    const pieces = ['@', 'article', 'string', 'comment', '{', '}', '(', ')', ',', '=', '#', '"', '%', ' ', '\t', '\n', '\r\n',
      'key', 'a1', 'É', 'ß', '日', '😀', '\uDC00', 'ʰ', 'ǅ', 'ª', '𝒜', '\u00A0', '€', '\u0301', '\\', "'", '+', '-', '.', ':', ';', '&', '_', '/', '[', ']', '*', '$', '~'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const input = parts.join('');
      expect(outcome(tuned, input)).toEqual(outcome(mod.parse, input));
    }), { numRuns: 2000 });
  });
});

describe.skipIf(!existsSync(CORPUS))('the tuned verbatim parser over the real-world corpus', () => {
  it('gives the library\'s result for every file', () => {
    const files = bibFiles(CORPUS);
    let entries = 0;
    const differ: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const a = outcome(tuned, text);
      const b = outcome(mod.parse, text);
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(path.relative(CORPUS, file));
      entries += (b as { entries?: unknown[] }).entries?.length ?? 0;
    }
    console.log(`tuned verbatim parser vs the library's: ${files.length} files, ${entries} entries, ${differ.length} differences`);
    expect(differ).toEqual([]);
  });
});
