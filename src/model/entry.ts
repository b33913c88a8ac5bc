import type { Position } from './diagnostic.js';

/** A person in a creator list; text parts are Unicode (NFC), marks are stripped into `marks`. */
export interface Person {
  first: string;
  last: string;
  /** A literal name ({Some Consortium}) or "others". */
  literal?: string;
  /** Trailing marks such as `*` (corresponding author) or `†` (equal contribution). */
  marks: string;
  /** The author's own emphasis written in the .bib (`\textbf{…}`, `{\bf …}`, `\emph{…}`), kept on the page. */
  emphasis?: { bold?: true; italic?: true };
}

/** The typed, presentation-free model of one BibTeX entry, as loaded. */
export interface Entry {
  key: string;
  /** Lower-case entry type: article, inproceedings, misc… */
  type: string;
  /** Raw field text after @string expansion, field names lower-cased, in source order. */
  raw: Record<string, string>;
  /**
   * Each field's value as the source writes it (`feb`, `{Title}`, `"a" # b`), for the BibTeX shown
   * on the page; absent for a field the entry inherits through crossref.
   */
  written: Record<string, string>;
  /**
   * Converted field values as sanitized HTML (LaTeX → Unicode, allowlisted inline markup only).
   * Only text-like fields appear here; verbatim (URL/path) fields stay in `raw`.
   */
  html: Record<string, string>;
  authors: Person[];
  editors: Person[];
  file: string;
  pos: Position;
  fieldPos: Record<string, Position>;
  /** Index in the file, for stable sorting. */
  index: number;
}
