import type { VerbatimEntry } from './bibtex-parser.js';
import type { SourceText } from './source-text.js';
import type { Entry } from '../model/entry.js';
import type { Reporter } from '../model/diagnostic.js';
import { locateFields } from './bib-locate.js';
import { VERBATIM_FIELDS } from './fields.js';
import { withDollars } from './bib-compat.js';

const BARE_WORD_FIELDS = new Set(['selected', 'bibtex_show', 'hidden', 'award']);

/**
 * One parsed entry as the model's Entry. An empty field (`pdf = {}`) is an absent one; a URL or
 * path field is trimmed (`url = { https://… }`, as DBLP writes it); a repeated field keeps its
 * first value, as BibTeX does, with a warning.
 */
export function toEntry(
  v: VerbatimEntry,
  offset: number,
  index: number,
  source: SourceText,
  report: Reporter,
  undefinedMacros: Set<string>,
): Entry {
  const pos = source.position(offset);
  const { positions: fieldPos, duplicates, written } = locateFields(v.input, offset, source);
  for (const d of duplicates) {
    const first = fieldPos[d.name];
    // BibTeX warns and keeps the first value; so do we, so that every file BibTeX accepts builds.
    report.warn(source.file, d.pos, {
      code: 'bib/duplicate-field',
      message: `field "${d.name}" appears twice in entry "${v.key}"; the first value is used`,
      related: { file: source.file, line: first.line, column: first.column, message: 'first given here' },
    });
  }
  const raw: Record<string, string> = {};
  for (const [field, value] of Object.entries(v.fields)) {
    if (/\+duplicate-\d+$/.test(field)) continue; // a repeated field: reported above, first value kept
    const name = field.toLowerCase();
    const text = VERBATIM_FIELDS.has(name) ? value.trim() : value;
    if (text.trim() === '') continue;
    raw[name] = text;
  }
  for (const name of Object.keys(written)) {
    if (name in raw) written[name] = withDollars(written[name]).replace(/\r\n?/g, '\n');
    else delete written[name];
  }

  for (const name of undefinedMacros.size ? Object.keys(raw) : []) {
    for (const macro of undefinedMacros) {
      if (!raw[name].includes(`{{${macro}}}`)) continue;
      raw[name] = raw[name].split(`{{${macro}}}`).join(macro);
      // al-folio writes `selected = true` bare; BibTeX reads that as a macro, we read it as the word.
      if (BARE_WORD_FIELDS.has(name) && /^(true|false|yes|no)$/i.test(macro)) continue;
      report.warn(source.file, fieldPos[name] ?? pos, {
        code: 'bib/undefined-string',
        message: `undefined @string macro "${macro}" in field "${name}" of entry "${v.key}"`,
        hint: `Define it with @string{${macro} = {…}} before this entry, or put the value in braces. Its name is used as the text.`,
      });
    }
  }

  return { key: v.key, type: v.type.toLowerCase(), raw, written, html: {}, authors: [], editors: [], file: source.file, pos, fieldPos, index };
}
