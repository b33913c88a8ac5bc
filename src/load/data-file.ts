import { stat } from 'node:fs/promises';
import { dependsOnFile } from '../deps.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { readSource } from './source-text.js';
import { parseYamlFile } from './yaml-file.js';

/** Bound on a data file: a venue or co-author list is a few kilobytes (aliases are capped by parseYamlFile). */
export const MAX_DATA_FILE_BYTES = 256 * 1024;

/** The diagnostic codes a caller reports a data file's problems under (each documented in docs/diagnostics.md). */
export interface DataFileCodes {
  /** Error, at the profile key that names the file: missing, or not a file. */
  notFound: string;
  /** Error: over MAX_DATA_FILE_BYTES; the file is not read. */
  tooLarge: string;
  /** Error: the YAML does not parse, or uses too many aliases. */
  syntax: string;
  /** Warning: a key given twice in one mapping; the last one is used, as Jekyll's YAML reader does. */
  duplicate: string;
}

/** A data file's value, and where the YAML node at a path starts (for later diagnostics). */
export interface DataFile {
  data: unknown;
  /** With `key`, where the last key of the path is written rather than its value (an unknown key). */
  locate(path: (string | number)[], key?: boolean): Position | undefined;
}

/**
 * Reads a small YAML data file named by the profile (an al-folio `_data/*.yml`). Untrusted: size
 * checked before reading, then parsed as any YAML we read (yaml-file.ts), except that a key given
 * twice is a warning and the last one wins, as in Jekyll.
 * Undefined when nothing could be read. The build depends on the file even when it is missing.
 */
export async function loadDataFile(
  file: string,
  display: string,
  namedAt: { file: string; pos?: Position },
  codes: DataFileCodes,
  report: Reporter,
): Promise<DataFile | undefined> {
  dependsOnFile(file);
  const s = await stat(file).catch(() => undefined);
  if (!s?.isFile()) {
    report.error(namedAt.file, namedAt.pos, { code: codes.notFound, message: `${display}: ${s ? 'expected a file, found a folder' : 'file not found'}` });
    return undefined;
  }
  if (s.size > MAX_DATA_FILE_BYTES) {
    report.error(display, undefined, { code: codes.tooLarge, message: `the file is ${s.size} bytes; the limit is ${MAX_DATA_FILE_BYTES}`, hint: 'Keep only the entries the page uses.' });
    return undefined;
  }
  const src = await readSource(file, display, report);
  if (!src) return undefined;
  const yaml = parseYamlFile(
    src,
    report,
    { tooLarge: codes.tooLarge, syntax: codes.syntax, duplicateKey: codes.duplicate, aliasLimit: codes.syntax },
    MAX_DATA_FILE_BYTES,
    'the file',
    'last-wins',
  );
  return yaml && { data: yaml.data, locate: yaml.locate };
}
