import { stat } from 'node:fs/promises';
import { dependsOnFile } from '../deps.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { readSource } from './source-text.js';
import { parseYamlFile, type DuplicateKeys, type YamlCodes, type YamlFile } from './yaml-file.js';

/**
 * Bound on a data file: a venue or co-author list is a few kilobytes. 256 KB is over two thousand
 * co-authors, and the YAML parser takes about a second for it (some 10 s for a megabyte on a busy
 * machine). Aliases are capped by parseYamlFile.
 */
export const MAX_DATA_FILE_BYTES = 256 * 1024;

/** The diagnostic codes a caller reports a data file's problems under (each documented in docs/diagnostics.md). */
export interface DataFileCodes extends Pick<YamlCodes, 'tooLarge' | 'syntax' | 'duplicateKey' | 'aliasLimit'> {
  /** Error, at the profile key that names the file: missing, or not a file. */
  notFound: string;
}

/** Where the profile names the file, and, for a file that is not there, what to say instead of "file not found". */
export interface NamedAt {
  file: string;
  pos?: Position;
  notFound?: { message: string; hint?: string };
}

/**
 * Reads a small YAML data file named by the profile (`venues:`, `people:`; an al-folio
 * `_data/*.yml`). Untrusted: its size checked before it is read, then parsed as any YAML we read
 * (yaml-file.ts); a key given twice is a warning and the last one wins, as in Jekyll, unless
 * `duplicates` says it is an error. Undefined when nothing could be read. The build depends on the
 * file even when it is missing.
 */
export async function loadDataFile(
  file: string,
  display: string,
  namedAt: NamedAt,
  codes: DataFileCodes,
  report: Reporter,
  duplicates: DuplicateKeys = 'last-wins',
): Promise<YamlFile | undefined> {
  dependsOnFile(file);
  const s = await stat(file).catch(() => undefined);
  if (!s?.isFile()) {
    const said = namedAt.notFound ?? { message: `${display}: ${s ? 'expected a file, found a folder' : 'file not found'}` };
    report.error(namedAt.file, namedAt.pos, { code: codes.notFound, ...said });
    return undefined;
  }
  if (s.size > MAX_DATA_FILE_BYTES) {
    report.error(display, undefined, { code: codes.tooLarge, message: `the file is ${s.size} bytes; the limit is ${MAX_DATA_FILE_BYTES}`, hint: 'Keep only the entries the page uses.' });
    return undefined;
  }
  const src = await readSource(file, display, report, { bytes: MAX_DATA_FILE_BYTES, code: codes.tooLarge });
  return src && parseYamlFile(src, report, codes, MAX_DATA_FILE_BYTES, 'the file', duplicates);
}
