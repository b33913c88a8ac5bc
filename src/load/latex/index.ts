/**
 * LaTeX in field values and names → safe inline HTML (convert.ts chooses the path for each value:
 * fast.ts, islands.ts, or the parser's converter in converter.ts). verbatim-tuning.ts is the
 * parser's cheaper reading of the raw file, used by ../bibtex-parser.ts directly.
 */
export { convertAll, convertFields, MAX_CONVERTED_LENGTH, type Converted } from './convert.js';
