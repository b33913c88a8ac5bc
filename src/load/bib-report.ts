import type { ExpansionLimit } from './bib-bounds.js';
import type { HiddenEntries } from './bib-compat.js';
import type { SourceText } from './source-text.js';
import type { Entry } from '../model/entry.js';
import type { Reporter } from '../model/diagnostic.js';

/** The parse stopped at an @string expansion past its bound (bib-bounds.ts): an error, no entries. */
export function reportLimit(limit: ExpansionLimit, text: string, source: SourceText, report: Reporter): void {
  const before = text.slice(Math.max(0, limit.offset - 300), limit.offset);
  const name = /([^\s=,{}"#()]+)\s*=\s*$/.exec(before)?.[1];
  const statement = text.lastIndexOf('@', limit.offset);
  const inString = statement !== -1 && /^@\s*string\b/i.test(text.slice(statement, statement + 20));
  const what = inString ? `the @string ${name ? `"${name}"` : 'value'}` : `field ${name ? `"${name}"` : 'value'}`;
  report.error(source.file, source.position(limit.offset), {
    code: 'bib/expansion-limit',
    message:
      limit.kind === 'value'
        ? `${what} expands to more than ${limit.limit} characters (at least ${limit.size}) through @string concatenation; nothing is loaded`
        : `the file expands to more than ${limit.limit} characters through @string macros (at least ${limit.size}, at ${what}); nothing is loaded`,
    hint: 'Each `#` joins macros; macros built from macros double at every step. Write the value out, or use the macro fewer times.',
  });
}

/** An informational note for each `@comment{…}` that holds entries (bib-compat.ts). */
export function reportHidden(hidden: HiddenEntries[], source: SourceText, report: Reporter): void {
  for (const h of hidden) {
    const keys = h.entries.map((e) => `"${e.key}"`);
    const listed = keys.length > 5 ? `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more` : keys.join(', ');
    report.info(source.file, source.position(h.at), {
      code: 'bib/commented-out',
      message: `this @comment{…} hides ${h.entries.length === 1 ? `1 entry (${listed}); it is` : `${h.entries.length} entries (${listed}); they are`} not shown, as in biber and jekyll-scholar (classic BibTeX would read ${h.entries.length === 1 ? 'it' : 'them'})`,
      hint: 'Move an entry out of the @comment block to show it.',
    });
  }
}

/**
 * Entries under a key that an earlier entry has, identical to it in type and every field, are
 * dropped with a warning (a file concatenated from two exports); entries that differ are kept,
 * and `validate` warns about them (validate/bib-checks.ts).
 */
export function collapseDuplicates(entries: Entry[], report: Reporter): Entry[] {
  const first = new Map<string, Entry>();
  /** By key, once it repeats: its entries by fingerprint. */
  const seen = new Map<string, Map<string, Entry>>();
  const kept: Entry[] = [];
  for (const e of entries) {
    // An entry without a key is its own (validate warns: bib/missing-key), never a duplicate.
    const earlier = e.key ? first.get(e.key) : undefined;
    if (!earlier) {
      first.set(e.key, e);
      kept.push(e);
      continue;
    }
    let prints = seen.get(e.key);
    if (!prints) seen.set(e.key, (prints = new Map([[fingerprint(earlier), earlier]])));
    const print = fingerprint(e);
    const twin = prints.get(print);
    if (!twin) {
      prints.set(print, e);
      kept.push(e);
      continue;
    }
    report.warn(e.file, e.pos, {
      code: 'bib/duplicate-key',
      message: `duplicate key "${e.key}": the same entry as at line ${twin.pos.line}, field for field; it is shown once`,
      related: { file: twin.file, line: twin.pos.line, column: twin.pos.column, message: 'first defined here' },
    });
  }
  return kept.length === entries.length ? entries : kept;
}

/** Type and fields, in name order: equal for entries identical in every field. */
const fingerprint = (e: Entry): string => JSON.stringify([e.type, Object.entries(e.raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
