/**
 * The reference LaTeX conversion: @retorquere/bibtex-parser's converter, loaded on first use. Many
 * conversions are run as one parse of a batch of small entries, because each call has a fixed
 * cost; a batch item that fails, or an error the batch cannot place, is redone on its own. Values
 * come here prepared (literal.ts): no math placeholder or token is the converter's business.
 */
import { fullParser, type Creator } from '../bibtex-parser.js';

/** One conversion: some fields of one entry (its type decides nothing but is kept). */
export interface Job {
  type: string;
  fields: Record<string, string>;
}

export interface JobResult {
  /** Field values as the converter returns them (lists joined), not yet sanitized: see finish(). */
  fields: Record<string, string>;
  creators: { author?: Creator[]; editor?: Creator[] };
  /** Messages from the converter: unknown commands and the like. */
  problems: string[];
}

const OPTIONS = { sentenceCase: false, english: false, caseProtection: false } as const;

/** Runs the converter on every job. */
export function convertJobs(jobs: Job[]): JobResult[] {
  if (jobs.length === 0) return [];
  const keyed = new Map<string, number>();
  const problems: string[][] = jobs.map(() => []);
  const source = jobs.map((job, i) => {
    keyed.set(`j${i}`, i);
    return entrySource(`j${i}`, job);
  });
  // An odd `$` makes the converter drop an entry; such a job is done alone, not in the batch.
  // (literal.ts leaves no odd `$` in a prepared value; this stays for what it may have missed.)
  const alone = new Set(jobs.flatMap((job, i) => (Object.values(job.fields).some(oddDollars) ? [i] : [])));
  let lib: ReturnType<ReturnType<typeof fullParser>['parse']>;
  try {
    lib = fullParser().parse(source.filter((_, i) => !alone.has(i)).join('\n'), {
      ...OPTIONS,
      unsupported: (_node, tex, entry) => {
        const i = keyed.get((entry as { key?: string } | undefined)?.key ?? '');
        return unknownCommand(tex, i === undefined ? undefined : problems[i]);
      },
    });
  } catch {
    return jobs.map((job) => convertOne(job)); // the batch failed as a whole: each job alone
  }
  const results: (JobResult | undefined)[] = jobs.map(() => undefined);
  for (const e of lib.entries) {
    const i = keyed.get(e.key);
    if (i !== undefined && e.input) results[i] = toResult(e.fields as Record<string, unknown>, problems[i]);
  }
  // A job with an error is done again alone, where its messages are exactly the reference's. An
  // error names its entry ("@j12: …") or carries its text; one that cannot be placed redoes all.
  for (const err of lib.errors) {
    const named = keyed.get(/^@(j\d+): /.exec(err.error)?.[1] ?? '');
    const holding = named !== undefined ? [named] : err.input ? source.flatMap((s, i) => (s.includes(err.input!) ? [i] : [])) : [];
    if (holding.length === 0) return jobs.map((job) => convertOne(job));
    for (const i of holding) results[i] = undefined;
  }
  return results.map((r, i) => r ?? convertOne(jobs[i]));
}

/**
 * One job alone; when the converter gives up on it, each field alone, and a field it still gives
 * up on is shown without its LaTeX (withoutLatex).
 */
function convertOne(job: Job): JobResult {
  const problems: string[] = [];
  const lib = fullParser().parse(entrySource('k', job), { ...OPTIONS, unsupported: (_node, tex) => unknownCommand(tex, problems) });
  const names = Object.keys(job.fields);
  if (!lib.entries[0]?.input && names.length > 1) {
    const each = names.map((name) => convertOne({ type: job.type, fields: { [name]: job.fields[name] } }));
    return {
      fields: Object.assign({}, ...each.map((r) => r.fields)),
      creators: { author: each.flatMap((r) => r.creators.author ?? []), editor: each.flatMap((r) => r.creators.editor ?? []) },
      problems: each.flatMap((r) => r.problems),
    };
  }
  const result = toResult((lib.entries[0]?.fields ?? {}) as Record<string, unknown>, problems);
  for (const e of lib.errors) result.problems.push(e.error.split('\n')[0]); // the rest repeats our own entry source
  if (!lib.entries[0]?.input && names.length === 1 && !/^(author|editor)$/.test(names[0])) {
    result.fields[names[0]] = withoutLatex(job.fields[names[0]]);
    result.problems.push(`field "${names[0]}" could not be converted from LaTeX; it is shown with its commands taken out`);
  }
  return result;
}

function entrySource(key: string, job: Job): string {
  const parts = Object.entries(job.fields).map(([name, value]) => `  ${name} = {${value}}`);
  return `@${/^[a-z]+$/i.test(job.type) ? job.type : 'misc'}{${key},\n${parts.join(',\n')}\n}`;
}

/** Declarations the converter renders (`{\bf x}` is bold) even though it reports them unknown. */
const RENDERED = new Set(['\\bf']);

/** Text commands the converter does not know, and what LaTeX prints for them. */
const TEXT_COMMANDS: Record<string, string> = { slash: '/', TeX: 'TeX', LaTeX: 'LaTeX', LaTeXe: 'LaTeX2ε', BibTeX: 'BibTeX', XeTeX: 'XeTeX', LuaTeX: 'LuaTeX', ConTeXt: 'ConTeXt' };

function unknownCommand(tex: string, problems: string[] | undefined): string {
  if (/^\\\s$/.test(tex)) return ' '; // TeX's control space
  const name = /^\\([a-zA-Z]+)(?:\{\})?$/.exec(tex)?.[1];
  if (name !== undefined && Object.hasOwn(TEXT_COMMANDS, name)) return TEXT_COMMANDS[name];
  if (!RENDERED.has(tex)) problems?.push(`unknown LaTeX command ${tex.split('{')[0]}`);
  return tex.replace(/^\\[a-zA-Z@]+\*?/, '');
}

function toResult(fields: Record<string, unknown>, problems: string[]): JobResult {
  const out: JobResult = { fields: {}, creators: {}, problems };
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'author' || name === 'editor') out.creators[name] = Array.isArray(value) ? (value as Creator[]) : [];
    else if (typeof value === 'string') out.fields[name] = value;
    else if (Array.isArray(value)) out.fields[name] = value.filter((v) => typeof v === 'string').join(', ');
  }
  return out;
}

function oddDollars(value: string): boolean {
  return (value.replace(/\\\$/g, '').match(/\$/g)?.length ?? 0) % 2 === 1;
}

/**
 * A field the converter gave nothing for (it refuses some input outright): its text with the
 * commands and braces taken out, so no field is lost to the converter.
 */
export function withoutLatex(value: string): string {
  return value
    .replace(/\\([%&_#$ {}])/g, '$1')
    .replace(/\\[a-zA-Z@]+\*?\s*|\\./g, '')
    .replace(/[{}]/g, '')
    .replace(/~/g, '\u00a0')
    .replace(/\s+/g, ' ')
    .trim();
}
