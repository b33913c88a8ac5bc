/**
 * The ReDoS audit as a test (issue 19): every regular expression in src/ — each literal, and each
 * `new RegExp`/`RegExp()` of a string — is checked by recheck (an automaton analysis with a fuzzing
 * fallback), and any it finds exponential or polynomial fails the test. The expressions are found by
 * parsing the TypeScript source with the compiler API, not by a pattern over it.
 *
 * A pattern may be allowed only below, with the reason it is bounded. A RegExp built from an
 * expression the test cannot read must be listed in DYNAMIC with where its parts come from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '../src');

/** `file` (relative to src/) and the pattern's source, exactly as written, with why it is allowed. */
const ALLOWED: { file: string; source: string; why: string }[] = [
  // The name before the `=` where an @string expansion stopped, looked for in the 300 characters
  // before that place only (bib-report.ts slices them first): bounded.
  { file: 'load/bib-report.ts', source: '([^\\s=,{}"#()]+)\\s*=\\s*$', why: 'runs on at most 300 characters' },
];

/** RegExps built from expressions: where their parts come from. */
const DYNAMIC: { file: string; expression: string; why: string }[] = [
  { file: 'cli/format.ts', expression: '`[${ABOVE_C0}]`', why: 'a character class of constant ranges: linear' },
  { file: 'cli/format.ts', expression: '`[\\\\x00-\\\\x08\\\\x0a-\\\\x1f${ABOVE_C0}]`', why: 'a character class of constant ranges: linear' },
  // The venue table is our own data (data/venues.yaml), not input; each of its patterns is checked
  // by recheck below ("the venue table's patterns"), and what they are run on is cut to 500 characters.
  { file: 'enrich/venue-table.ts', expression: 'a.pattern', why: 'a row of data/venues.yaml, checked below' },
  { file: 'enrich/venue-table.ts', expression: 's.pattern', why: 'a row of data/venues.yaml, checked below' },
  { file: 'enrich/venue-table.ts', expression: 'alternation(r.patterns)', why: 'a union of rows of data/venues.yaml, each checked below, on at most 500 characters' },
  { file: 'enrich/venue-table.ts', expression: 'alternation(t.awards)', why: 'a union of rows of data/venues.yaml, each checked below, on at most 200 characters' },
  { file: 'enrich/venue-table.ts', expression: 'alternation(t.venues.flatMap((r) => r.patterns))', why: 'a union of rows of data/venues.yaml, each checked below, on at most 500 characters' },
  { file: 'load/latex/fast.ts', expression: 'ACCENT.source', why: 'the literal ACCENT, checked here, with the sticky flag' },
  { file: 'load/latex/literal.ts', expression: '`${open}(${digits})${close}`', why: 'one private-use character, a class of digits, one private-use character: linear' },
  { file: 'load/latex/literal.ts', expression: '`[${String.fromCharCode(base + LT)}-${String.fromCharCode(base + BREAK)}]`', why: 'one character range: linear' },
  { file: 'load/latex/math.ts', expression: "`\\\\\\\\(${GREEK}|ell|infty|pm|times|cdot|leq|geq|le|ge|neq|approx|sim|to|rightarrow|leftarrow|ast|star|dagger|circ|partial|nabla)\\\\b`", why: 'a backslash and an alternation of constant words: linear' },
  { file: 'load/sanitize.ts', expression: 'chars.source', why: 'a character class literal, checked here' },
  { file: 'render/markdown.ts', expression: "`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\\\t]*$`", why: 'one constant character repeated, then blanks, anchored, on one line: linear' },
];

interface Found {
  file: string;
  line: number;
  source?: string;
  flags: string;
  expression?: string;
}

/** Every regular expression in the TypeScript files under src/. */
function regexes(): Found[] {
  const found: Found[] = [];
  for (const rel of readdirSync(SRC, { recursive: true }) as string[]) {
    if (!rel.endsWith('.ts')) continue;
    const file = rel.split(path.sep).join('/');
    const sf = ts.createSourceFile(file, readFileSync(path.join(SRC, rel), 'utf8'), ts.ScriptTarget.Latest, true);
    const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
    const visit = (n: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(n)) {
        const end = n.text.lastIndexOf('/');
        found.push({ file, line: line(n), source: n.text.slice(1, end), flags: n.text.slice(end + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pattern, flags] = n.arguments ?? [];
        const flagText = flags && ts.isStringLiteralLike(flags) ? flags.text : flags ? '?' : '';
        if (pattern && ts.isStringLiteralLike(pattern) && flagText !== '?') found.push({ file, line: line(n), source: pattern.text, flags: flagText });
        else found.push({ file, line: line(n), flags: flagText, expression: pattern?.getText(sf) ?? '' });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

describe('regular expressions in src/', () => {
  const all = regexes();

  it('are found by parsing the source (the collector itself works)', () => {
    expect(all.length).toBeGreaterThan(100);
    // A known literal of this code base, and one that is a string given to RegExp.
    expect(all).toContainEqual(expect.objectContaining({ file: 'enrich/http.ts', source: '-----BEGIN (?:TRUSTED )?CERTIFICATE-----', flags: 'g' }));
    expect(all.filter((r) => r.expression !== undefined).length).toBeGreaterThan(0);
  });

  it('none is exponential or polynomial, except those allowed with a reason', async () => {
    const unsafe: string[] = [];
    for (const r of all.filter((x) => x.source !== undefined)) {
      // Only the analysis flags: g and y change how a match is used, not what it costs.
      const d = await check(r.source!, r.flags.replace(/[gyd]/g, ''), { timeout: 60_000 });
      const allowed = ALLOWED.some((a) => a.file === r.file && a.source === r.source);
      if (d.status !== 'safe' && !allowed) {
        const how = d.status === 'vulnerable' ? `${d.complexity.type}, e.g. ${d.attack.pattern}` : `unknown: ${d.error.kind}`;
        unsafe.push(`src/${r.file}:${r.line}: /${r.source}/${r.flags} is ${how}`);
      }
    }
    expect(unsafe).toEqual([]);
  }, 600_000);

  it('built from an expression are each listed with where their parts come from', () => {
    const dynamic = all.filter((r) => r.expression !== undefined).map((r) => `${r.file}: ${r.expression}`);
    expect(dynamic.sort()).toEqual(DYNAMIC.map((d) => `${d.file}: ${d.expression}`).sort());
  });

  it('allowed ones are still there (a stale entry is removed)', () => {
    for (const a of ALLOWED) expect(all.some((r) => r.file === a.file && r.source === a.source), `${a.file}: ${a.source}`).toBe(true);
  });
});

describe("the venue table's patterns (data/venues.yaml, compiled into data/venues.json)", () => {
  it('none is exponential; none is polynomial on more than the 500 characters a venue is cut to', async () => {
    const table = JSON.parse(readFileSync(path.join(SRC, '../data/venues.json'), 'utf8')) as {
      venues: { patterns: string[] }[]; satellite: { pattern: string }[]; acronyms: { pattern: string }[]; awards: string[];
    };
    const patterns = [
      ...table.venues.flatMap((r) => r.patterns.map((p) => ({ p, flags: 'i' }))),
      ...table.satellite.map((r) => ({ p: r.pattern, flags: 'i' })),
      ...table.acronyms.map((r) => ({ p: r.pattern, flags: '' })),
      ...table.awards.map((p) => ({ p, flags: 'i' })),
    ];
    expect(patterns.length).toBeGreaterThan(150);
    const bad: string[] = [];
    for (const { p, flags } of patterns) {
      const d = await check(p, flags, { timeout: 60_000 });
      // polynomial of degree 2 on ≤ 500 characters is bounded (≤ 250,000 steps); more is not
      if (d.status === 'vulnerable' && (d.complexity.type === 'exponential' || d.complexity.degree > 2)) bad.push(`/${p}/${flags}: ${d.complexity.type}`);
      if (d.status === 'unknown') bad.push(`/${p}/${flags}: unknown (${d.error.kind})`);
    }
    expect(bad).toEqual([]);
  }, 600_000);
});
