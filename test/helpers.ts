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
