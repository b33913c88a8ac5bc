import { fullParser, type Creator } from './bibtex-parser.js';
import { lazyRequire } from '../lazy.js';
import { plainCreators, plainField } from './latex-fast.js';
import { TEXT_FIELDS, VERBATIM_FIELDS } from './fields.js';
import { escapeHtml, htmlToText, sanitizeInline } from './sanitize.js';
import type { Person } from '../model/entry.js';

export interface Converted {
  html: Record<string, string>;
  authors: Person[];
  editors: Person[];
  /** Problems the converter met, by field: unknown macros and the like. */
  problems: { field: string; message: string }[];
}

const MATH_MARK = 'zqxmathz';
/** Longer fields skip the LaTeX converter (its cost grows with the text) and are shown as plain text. */
export const MAX_CONVERTED_LENGTH = 20_000;
const MAX_SHOWN_LENGTH = 100_000;

/**
 * Converts one entry's text fields from LaTeX to sanitized inline HTML. Plain values take the fast
 * path (latex-fast.ts); the rest go through the parser's own converter, loaded on first use. Math
 * the converter cannot turn into plain Unicode is rendered to MathML by temml.
 * `fast: false` sends everything through the converter: the reference the fast path is tested against.
 */
export function convertFields(type: string, raw: Record<string, string>, options: { fast?: boolean } = {}): Converted {
  const fast = options.fast ?? true;
  const done: Record<string, string> = {};
  const creators: Record<string, Person[]> = {};
  const slow: Record<string, string> = {};
  const problems: Converted['problems'] = [];
  for (const [name, value] of Object.entries(raw)) {
    const creatorList = name === 'author' || name === 'editor';
    if ((!TEXT_FIELDS.has(name) && !creatorList) || VERBATIM_FIELDS.has(name)) continue;
    if (value.length > MAX_CONVERTED_LENGTH) {
      // The converter's cost grows with the text; a huge field would stall the build. Plain text it is.
      done[name] = escapeHtml(value.replace(/[{}]/g, '').slice(0, MAX_SHOWN_LENGTH));
      problems.push({ field: name, message: `field "${name}" has ${value.length} characters; it is shown without LaTeX conversion${value.length > MAX_SHOWN_LENGTH ? `, cut to ${MAX_SHOWN_LENGTH}` : ''}` });
      continue;
    }
    if (fast && creatorList) {
      const plain = plainCreators(value);
      if (plain) creators[name] = toPersons(plain);
      else slow[name] = value;
    } else if (fast) {
      const plain = plainField(name, value);
      if (plain !== undefined) done[name] = finish(plain, []);
      else slow[name] = value;
    } else slow[name] = value;
  }
  if (Object.keys(slow).length) {
    const converted = convertSlow(type, slow, problems);
    Object.assign(done, converted.html);
    for (const name of ['author', 'editor']) if (name in slow) creators[name] = converted[name as 'author' | 'editor'];
  }
  // In source order; fields the converter dropped (empty after conversion) stay empty, not missing.
  const html: Record<string, string> = {};
  for (const name of Object.keys(raw)) if (name in done || TEXT_FIELDS.has(name)) html[name] = done[name] ?? '';
  return { html, authors: creators.author ?? [], editors: creators.editor ?? [], problems };
}

/** The parser's converter on some fields of one entry (the reference path). */
function convertSlow(type: string, raw: Record<string, string>, problems: Converted['problems']): { html: Record<string, string>; author: Person[]; editor: Person[] } {
  const math: string[] = [];
  const parts = Object.entries(raw).map(([name, value]) => `  ${name} = {${name === 'title' ? extractMath(value, math) : value}}`);
  const lib = fullParser().parse(`@${safeType(type)}{k,\n${parts.join(',\n')}\n}`, {
    sentenceCase: false,
    english: false,
    caseProtection: false,
    unsupported: (_node, tex) => {
      if (/^\\\s$/.test(tex)) return ' '; // TeX's control space
      problems.push({ field: '', message: `unknown LaTeX command ${tex.split('{')[0]}` });
      return tex.replace(/^\\[a-zA-Z@]+\*?/, '');
    },
  });
  if (!lib.entries[0]?.input && Object.keys(raw).length > 1) {
    // The converter gave up on the entry (a lone $ in the title, say): one bad field must not take
    // the others with it, so each is converted on its own.
    const each = Object.entries(raw).map(([name, value]) => convertSlow(type, { [name]: value }, problems));
    return { html: Object.assign({}, ...each.map((c) => c.html)), author: each.flatMap((c) => c.author), editor: each.flatMap((c) => c.editor) };
  }
  const fields = (lib.entries[0]?.fields ?? {}) as Record<string, unknown>;
  const html: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') html[name] = finish(value, math);
    else if (Array.isArray(value) && name !== 'author' && name !== 'editor') {
      html[name] = finish(value.filter((v) => typeof v === 'string').join(', '), math);
    }
  }
  for (const e of lib.errors) problems.push({ field: '', message: e.error });
  return { html, author: toPersons(fields.author), editor: toPersons(fields.editor) };
}

function safeType(type: string): string {
  return /^[a-z]+$/i.test(type) ? type : 'misc';
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

function finish(value: string, math: string[]): string {
  const clean = sanitizeInline(value.normalize('NFC'));
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

const MARKS = /([*†‡§¶#]+|\^\{?[*†‡§¶#]+\}?)$/u;

function toPersons(value: unknown): Person[] {
  if (!Array.isArray(value)) return [];
  return (value as Creator[]).map((c) => {
    const strip = (s: string | undefined): string => htmlToText(sanitizeInline(s ?? '')).normalize('NFC').trim();
    if (c.name !== undefined) {
      const literal = strip(c.name);
      return { first: '', last: '', literal, marks: '' };
    }
    if (c.lastName === 'others' && !c.firstName) return { first: '', last: '', literal: 'others', marks: '' };
    let first = strip([c.firstName].filter(Boolean).join(' '));
    let last = strip([c.prefix, c.lastName, c.suffix].filter(Boolean).join(' '));
    let marks = '';
    for (const part of ['last', 'first'] as const) {
      const text = part === 'last' ? last : first;
      const m = MARKS.exec(text);
      if (m) {
        marks += m[1].replace(/[\^{}]/g, '');
        if (part === 'last') last = text.slice(0, m.index).trim();
        else first = text.slice(0, m.index).trim();
      }
    }
    return { first, last, marks };
  });
}
