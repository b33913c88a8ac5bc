/**
 * The reference LaTeX conversion: @retorquere/bibtex-parser's converter, loaded on first use. Many
 * conversions are run as one parse of a batch of small entries, because each call has a fixed
 * cost; a batch item that fails, or an error the batch cannot place, is redone on its own.
 * Math the converter cannot turn into plain Unicode is rendered to MathML by temml.
 */
import { fullParser, type Creator } from '../bibtex-parser.js';
import { lazyRequire } from '../../lazy.js';
import { sanitizeInline } from '../sanitize.js';
import { nfc } from '../unicode.js';

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

const MATH_MARK = 'zqxmathz';
const OPTIONS = { sentenceCase: false, english: false, caseProtection: false } as const;

/** Runs the converter on every job; math placeholders go into `math` (see finish). */
export function convertJobs(jobs: Job[], math: string[]): JobResult[] {
  if (jobs.length === 0) return [];
  const keyed = new Map<string, number>();
  const problems: string[][] = jobs.map(() => []);
  const source = jobs.map((job, i) => {
    keyed.set(`j${i}`, i);
    return entrySource(`j${i}`, job, math);
  });
  // An odd `$` makes the converter drop an entry; such a job is done alone, not in the batch.
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
    return jobs.map((job) => convertOne(job, math)); // the batch failed as a whole: each job alone
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
    if (holding.length === 0) return jobs.map((job) => convertOne(job, math));
    for (const i of holding) results[i] = undefined;
  }
  return results.map((r, i) => r ?? convertOne(jobs[i], math));
}

/** One job alone; when the converter gives up on it (a lone `$`), each field alone. */
function convertOne(job: Job, math: string[]): JobResult {
  const problems: string[] = [];
  const lib = fullParser().parse(entrySource('k', job, math), { ...OPTIONS, unsupported: (_node, tex) => unknownCommand(tex, problems) });
  const names = Object.keys(job.fields);
  if (!lib.entries[0]?.input && names.length > 1) {
    const each = names.map((name) => convertOne({ type: job.type, fields: { [name]: job.fields[name] } }, math));
    return {
      fields: Object.assign({}, ...each.map((r) => r.fields)),
      creators: { author: each.flatMap((r) => r.creators.author ?? []), editor: each.flatMap((r) => r.creators.editor ?? []) },
      problems: each.flatMap((r) => r.problems),
    };
  }
  const result = toResult((lib.entries[0]?.fields ?? {}) as Record<string, unknown>, problems);
  for (const e of lib.errors) result.problems.push(e.error);
  return result;
}

function entrySource(key: string, job: Job, math: string[]): string {
  const parts = Object.entries(job.fields).map(([name, value]) => `  ${name} = {${name === 'title' ? extractMath(value, math) : value}}`);
  return `@${/^[a-z]+$/i.test(job.type) ? job.type : 'misc'}{${key},\n${parts.join(',\n')}\n}`;
}

/** Declarations the converter renders (`{\bf x}` is bold) even though it reports them unknown. */
const RENDERED = new Set(['\\bf']);

function unknownCommand(tex: string, problems: string[] | undefined): string {
  if (/^\\\s$/.test(tex)) return ' '; // TeX's control space
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

/** Replaces `$…$` spans that need real math layout with placeholders; simple ones stay for the parser. */
function extractMath(value: string, out: string[]): string {
  return value.replace(/(?<!\\)\$([^$]+)\$/g, (whole, tex: string) => {
    if (isSimpleMath(tex)) return whole;
    out.push(tex);
    return `${MATH_MARK}${out.length - 1}${MATH_MARK}`;
  });
}

/** Math the converter renders as Unicode: symbols, single-character scripts, greek letters. */
function isSimpleMath(tex: string): boolean {
  const withoutSimple = tex
    .replace(/\\(alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega|ell|infty|pm|times|cdot|leq|geq|le|ge|neq|approx|sim|to|rightarrow|leftarrow|ast|star|dagger|circ|partial|nabla)\b/g, '')
    .replace(/[\^_](\{[\w+\-*]{1,3}\}|[\w+\-*])/g, '')
    .replace(/\\mathcal\{[A-Z]\}/g, '');
  return !/[\\{}^_]/.test(withoutSimple);
}

/** Converter output (or fast-path text) to the page's safe inline HTML, math placeholders rendered. */
export function finish(value: string, math: string[]): string {
  const clean = sanitizeInline(nfc(value));
  if (math.length === 0 || !clean.includes(MATH_MARK)) return clean;
  return clean.replace(new RegExp(`${MATH_MARK}(\\d+)${MATH_MARK}`, 'g'), (_, i: string) => renderMath(math[Number(i)]));
}

const temml = lazyRequire<typeof import('temml').default>('temml');

function renderMath(tex: string): string {
  try {
    // trust: false keeps \href and friends out; the output is MathML built by temml, not our input.
    return temml().renderToString(tex, { trust: false, throwOnError: true, maxSize: 20, maxExpand: 100 });
  } catch {
    return sanitizeInline(tex.replace(/[<>&]/g, ' '));
  }
}
