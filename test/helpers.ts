import { Reporter } from '../src/model/diagnostic.js';
import { makeSource } from '../src/load/source-text.js';
import { loadBib } from '../src/load/bib.js';
import { toPublications } from '../src/model/to-publications.js';

/** Loads .bib text from a string, as the build would. */
export function bib(text: string, file = 'test.bib') {
  const report = new Reporter();
  const loaded = loadBib(makeSource(file, text), report);
  return { entries: loaded.entries, pubs: toPublications(loaded.entries), report, diagnostics: report.list };
}

/** `p`, or a failure when it has not settled within `ms`: for inputs that once made a call wait for ever. */
export async function endsWithin<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
