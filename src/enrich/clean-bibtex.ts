import { hiddenFromBibtex } from '../load/fields.js';
import type { Enricher } from './enricher.js';
import type { Publication } from '../model/publication.js';
import { perEntry } from '../model/per-entry.js';

/**
 * BibTeX for the page, as the source writes it: every field in source order with its value as
 * written (`month = feb` stays a macro), less what is there only for the page or another tool
 * (fields.ts, hiddenFromBibtex). A value that uses a macro of the file's own @strings is shown
 * expanded, in braces, so the shown entry stands alone; so are fields inherited through crossref,
 * after the entry's own.
 */
export function cleanBibtex(p: Publication): string {
  const e = p.entry;
  const lines: string[] = [];
  for (const [name, value] of Object.entries(e.raw)) {
    if (hiddenFromBibtex(name)) continue;
    const written = e.written?.[name];
    lines.push(`  ${name} = ${written !== undefined && standsAlone(written) ? written : `{${value.trim()}}`}`);
  }
  return `@${e.type}{${e.key},\n${lines.join(',\n')}\n}`;
}

const keptBibtex = perEntry((entry) => cleanBibtex({ entry } as Publication));

export const cleanBibtexEnricher: Enricher = {
  name: 'clean-bibtex',
  enrich(pubs) {
    for (const p of pubs) p.bibtex = keptBibtex(p.entry, undefined);
  },
};

/** BibTeX's own month macros: every style defines them. */
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

/**
 * Whether a written value means the same in any .bib: braced and quoted parts, numbers and month
 * macros, joined by `#`. A macro the file defines itself does not.
 */
function standsAlone(written: string): boolean {
  let i = 0;
  const n = written.length;
  const space = (): void => {
    while (i < n && /\s/.test(written[i])) i++;
  };
  for (;;) {
    space();
    const c = written[i];
    if (c === '{' || c === '"') {
      const end = partEnd(written, i);
      if (end === -1) return false;
      i = end;
    } else {
      const word = /^[A-Za-z0-9]+/.exec(written.slice(i, i + 64))?.[0];
      if (!word || !(/^\d+$/.test(word) || MONTHS.has(word.toLowerCase()))) return false;
      i += word.length;
    }
    space();
    if (i === n) return true;
    if (written[i] !== '#') return false;
    i++;
  }
}

/** The offset after the braced or quoted part starting at `from`, or −1 if it does not close. */
function partEnd(s: string, from: number): number {
  const quoted = s[from] === '"';
  let depth = quoted ? 0 : 1;
  for (let i = from + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (--depth === 0 && !quoted) return i + 1;
      if (depth < 0) return -1;
    } else if (c === '"' && quoted && depth === 0) return i + 1;
  }
  return -1;
}
