import { CUSTOM_FIELDS, isKnownField, LINK_FIELDS, STANDARD_FIELDS } from '../load/fields.js';
import type { Entry } from '../model/entry.js';
import type { Reporter } from '../model/diagnostic.js';
import { suggest } from './suggest.js';
import { checkLink, parseRepo } from './links.js';
import { fieldUrls } from '../enrich/link-targets.js';
import { inspireIdOf } from '../enrich/citation-lookup.js';
import { perEntry } from '../model/per-entry.js';

/** Required fields by entry type (BibTeX's own rules; `author or editor` where either will do). */
const REQUIRED: Record<string, string[][]> = {
  article: [['author'], ['title'], ['journal', 'journaltitle'], ['year', 'date']],
  inproceedings: [['author'], ['title'], ['booktitle'], ['year', 'date']],
  conference: [['author'], ['title'], ['booktitle'], ['year', 'date']],
  book: [['author', 'editor'], ['title'], ['year', 'date']],
  incollection: [['author'], ['title'], ['booktitle'], ['year', 'date']],
  phdthesis: [['author'], ['title'], ['school', 'institution'], ['year', 'date']],
  mastersthesis: [['author'], ['title'], ['school', 'institution'], ['year', 'date']],
  techreport: [['author'], ['title'], ['institution'], ['year', 'date']],
  misc: [['title']],
  unpublished: [['author'], ['title']],
};

/** A problem of one entry, placed at the first of `at` (field names) the entry has, else at the entry. */
interface Finding {
  error?: true;
  at: string[];
  code: string;
  message: string;
}

const KNOWN = [...STANDARD_FIELDS, ...CUSTOM_FIELDS];
const LINKS = [...Object.keys(LINK_FIELDS), 'url'];

/**
 * Checks that need only the entries themselves. Returns nothing: it reports. What one entry alone
 * decides is kept per entry (model/per-entry.ts), so `watch` checks again only what changed.
 * `strict`: a duplicate or missing key is an error (else a warning: the entries are shown, as Jekyll shows them).
 */
export function checkEntries(entries: Entry[], report: Reporter, options: { strict?: boolean } = {}): void {
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    const file = e.file;
    if (!e.key) {
      // EndNote and Mendeley exports leave keys out (`@article{,`, or no comma at all): the entry is
      // shown, as a duplicate key's entries are; it only cannot be cited (its id is made from its place).
      (options.strict ? report.error : report.warn).call(report, file, e.pos, {
        code: 'bib/missing-key',
        message: `@${e.type} entry has no citation key; it is shown, but cannot be cited`,
        hint: 'Give it a key: @article{smith2020, …',
      });
    } else {
      const first = seen.get(e.key);
      if (first) {
        // Entries identical field for field were made one when the file was loaded (load/bib-report.ts).
        (options.strict ? report.error : report.warn).call(report, file, e.pos, {
          code: 'bib/duplicate-key',
          message: `duplicate key "${e.key}", first defined at line ${first.pos.line} with different fields; both entries are shown`,
          hint: 'Rename one of them: a citation of this key in LaTeX gets only one.',
          related: { file: first.file, line: first.pos.line, column: first.pos.column, message: 'first defined here' },
        });
      } else seen.set(e.key, e);
    }
    for (const f of findingsOf(e, undefined)) {
      // Positions are read now: an entry kept from the last load may have moved.
      const pos = f.at.map((name) => e.fieldPos[name]).find(Boolean) ?? e.pos;
      if (f.error) report.error(file, pos, { code: f.code, message: f.message });
      else report.warn(file, pos, { code: f.code, message: f.message });
    }
  }
}

/** The known field an unknown one is probably a typo of; a lab file repeats its own fields in every entry. */
const guesses = new Map<string, string | undefined>();
function guessField(name: string): string | undefined {
  if (guesses.has(name)) return guesses.get(name);
  const guess = suggest(name, KNOWN);
  if (guesses.size < 10_000) guesses.set(name, guess);
  return guess;
}

const findingsOf = perEntry((e: Entry): Finding[] => {
  const out: Finding[] = [];
  for (const group of REQUIRED[e.type] ?? []) {
    if (group.some((f) => (e.raw[f] ?? '').trim() !== '')) continue;
    out.push({ at: [], code: 'bib/missing-field', message: `@${e.type}{${e.key}} has no ${group.join(' or ')}` });
  }
  const year = e.raw.year ?? e.raw.date?.slice(0, 4);
  if (year !== undefined && !/^\s*\d{4}\s*$/.test(year)) {
    out.push({ at: ['year', 'date'], code: 'bib/bad-year', message: `year "${year}" of entry "${e.key}" is not a four-digit year; the entry sorts last` });
  }
  for (const name of Object.keys(e.raw)) {
    if (isKnownField(name)) continue;
    const guess = guessField(name);
    if (guess) out.push({ at: [name], code: 'bib/unknown-field', message: `unknown field "${name}" in entry "${e.key}"; did you mean "${guess}"?` });
  }
  for (const name of LINKS) {
    const value = e.raw[name];
    if (value === undefined) continue;
    // as the page reads it: LaTeX escapes undone, `\url{…}` unwrapped, several addresses in `url` split
    const problem = fieldUrls(name, value.trim()).map(checkLink).find(Boolean);
    // A warning: BibTeX accepts the file, and the link is simply left off the page.
    if (problem) out.push({ at: [name], code: 'bib/bad-link', message: `field "${name}" of entry "${e.key}": ${problem}; the link is left off the page` });
  }
  if (e.raw.repo !== undefined && !parseRepo(e.raw.repo)) {
    out.push({ error: true, at: ['repo'], code: 'bib/bad-repo', message: `repo "${e.raw.repo}" of entry "${e.key}" is not owner/name or a GitHub URL` });
  }
  if (inspireIdOf(e.raw) === null) {
    out.push({ at: ['inspirehep_id'], code: 'bib/bad-inspire-id', message: `inspirehep_id "${e.raw.inspirehep_id}" of entry "${e.key}" is not an INSPIRE-HEP record number (451647, or https://inspirehep.net/literature/451647); it is not used` });
  }
  return out;
});
