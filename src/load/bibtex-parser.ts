/**
 * The two parsers of @retorquere/bibtex-parser. Its verbatim parser (fast, raw field text, real
 * error positions) is not in the package's export map, so it is resolved next to the main entry.
 * The full parser (with its LaTeX converter) takes about 150 ms to load, so it is loaded on first
 * use: a file whose fields are all plain text never needs it (see latex/fast.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyRequire } from '../lazy.js';
import type * as Full from '@retorquere/bibtex-parser';
import { packageVersion } from './packages.js';
import { verbatimParse, type VerbatimModule, type VerbatimResult } from './latex/verbatim-tuning.js';
import { boundedModule, ExpansionLimit } from './bib-bounds.js';

/** A parse; `limit` when it stopped because @string expansion went past a bound (bib-bounds.ts). */
export type VerbatimLibrary = VerbatimResult & { limit?: ExpansionLimit };
export type VerbatimEntry = VerbatimResult['entries'][number];

/** The paths the two parsers are loaded from. */
const PARSER_NAME = '@retorquere/bibtex-parser';
export const PARSER_MAIN = fileURLToPath(import.meta.resolve(PARSER_NAME));
export const PARSER_VERBATIM = path.join(path.dirname(PARSER_MAIN), 'verbatim.js');
const verbatimModule = lazyRequire<VerbatimModule>(PARSER_VERBATIM);
let verbatim: VerbatimModule['parse'] | undefined;

/** `strings`: @string macros defined before `input` (when a part of a file is parsed again). */
export function parseVerbatim(input: string, strings?: Record<string, string>): VerbatimLibrary {
  verbatim ??= verbatimParse(boundedModule(verbatimModule()), packageVersion(PARSER_NAME).slice(PARSER_NAME.length + 1));
  try {
    return verbatim(input, strings ? { strings } : {});
  } catch (err) {
    if (!(err instanceof ExpansionLimit)) throw err;
    return { entries: [], strings: {}, errors: [], limit: err };
  }
}
/** The full parser: its `parse` converts LaTeX. Loaded on first call. */
export const fullParser: () => typeof Full = lazyRequire<typeof Full>(PARSER_MAIN);
export type FullEntry = Full.Entry;
export type Creator = Full.Creator;
