/**
 * The two parsers of @retorquere/bibtex-parser. Its verbatim parser (fast, raw field text, real
 * error positions) is not in the package's export map, so it is resolved next to the main entry.
 */
import * as full from '@retorquere/bibtex-parser';

export interface VerbatimEntry {
  input: string;
  type: string;
  key: string;
  fields: Record<string, string>;
}
export interface VerbatimLibrary {
  entries: VerbatimEntry[];
  strings: Record<string, string>;
  errors: { error: string; input?: string }[];
}

const verbatimUrl = new URL('./verbatim.js', import.meta.resolve('@retorquere/bibtex-parser'));
const verbatim = (await import(verbatimUrl.href)) as { parse(input: string): VerbatimLibrary };

export const parseVerbatim = (input: string): VerbatimLibrary => verbatim.parse(input);
export const parseFull = full.parse;
export type FullEntry = full.Entry;
export type Creator = full.Creator;
