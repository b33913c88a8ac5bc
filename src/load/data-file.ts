import { stat } from 'node:fs/promises';
import { isMap, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import { dependsOnFile } from '../deps.js';
import type { Position, Reporter } from '../model/diagnostic.js';
import { readSource } from './source-text.js';

/** Bounds on a data file: a venue or co-author list is a few kilobytes; aliases can expand exponentially. */
export const MAX_DATA_FILE_BYTES = 256 * 1024;
const MAX_ALIASES = 100;

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
 * checked before reading, aliases capped, and every problem a diagnostic at its line in the file.
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
  if (src.length > MAX_DATA_FILE_BYTES) {
    report.error(display, undefined, { code: codes.tooLarge, message: `the file is over ${MAX_DATA_FILE_BYTES} bytes` });
    return undefined;
  }
  const doc = parseDocument(src.text, { uniqueKeys: true, prettyErrors: false, strict: true });
  let broken = false;
  for (const e of doc.errors) {
    const duplicate = e.code === 'DUPLICATE_KEY';
    broken ||= !duplicate;
    const message = duplicate ? `the key ${keyAt(doc, e.pos[0])}is given twice; the last one is used` : firstLine(e.message);
    (duplicate ? report.warn : report.error).call(report, display, src.position(e.pos[0]), { code: duplicate ? codes.duplicate : codes.syntax, message });
  }
  if (broken) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    report.error(display, undefined, { code: codes.syntax, message: firstLine((err as Error).message) });
    return undefined;
  }
  const locate = (path: (string | number)[], key = false): Position | undefined => {
    const parent = key && path.length ? doc.getIn(path.slice(0, -1), true) : undefined;
    const keyNode = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1])?.key : undefined;
    const range = ((keyNode ?? doc.getIn(path, true)) as Node | undefined)?.range;
    return range ? src.position(range[0]) : undefined;
  };
  return { data, locate };
}

/** The key written at `offset`, quoted and cut short, with a space after; '' if none is. */
function keyAt(doc: Document, offset: number): string {
  let key = '';
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      key = `${JSON.stringify(String(pair.key.value).slice(0, 60))} `;
      return visit.BREAK;
    },
  });
  return key;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
