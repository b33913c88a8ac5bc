// The inputs the performance issue's targets name, where this machine has them:
//   example   data/example (its profile, nine thumbnails and the avatar)
//   homepage  a 234-entry al-folio homepage: 25sal/25sal _bibliography/papers.bib
//   cdl       ContextLab/CDL-bibliography cdl.bib (6,315 entries)
//   tugboat   Nelson Beebe's tugboat.bib (4,839 entries; https://ftp.math.utah.edu/pub/tex/bib/tugboat.bib),
//             given with --tugboat FILE; without it, a stand-in from the corpus (see STAND_IN).
// The corpus is the shared folder of real .bib files (/work/shared/corpus/README.md), found at
// ../shared/corpus from the checkout or given with --corpus DIR. Nothing of it is copied into the project.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * tugboat.bib is in no corpus or code index this bench can reach, and this machine has no network.
 * The stand-in is the corpus file nearest to it: efficient/biblio ref.bib, 4,307 entries (tugboat:
 * 4,839), 30 @string macros referred to ~1,650 times, 1,033 crossrefs, ~1,100 LaTeX accents. It has
 * fewer fields per entry (~4.5; a Beebe entry has a dozen or more) and less LaTeX: a lighter load.
 * (ContextLab memlab.bib, 5,784 entries, does not build: two real syntax errors; hupili rfc.bib has
 * 9,519 entries and no macros.)
 */
const STAND_IN = 'efficient__biblio/ref.bib';

export const countEntries = (text) => (text.match(/^\s*@(?!string|comment|preamble)/gim) ?? []).length;

/** The named inputs: {key, name, bib, site?, missing?}; `site` copies the .bib's whole folder. */
export function namedInputs({ corpus = path.resolve(ROOT, '../shared/corpus'), tugboat } = {}) {
  const inCorpus = (rel) => path.join(corpus, rel);
  const list = [
    { key: 'example', label: 'example', bib: path.join(ROOT, 'data/example/refs.bib'), site: true },
    { key: 'homepage', label: 'homepage (25sal papers.bib)', bib: inCorpus('25sal__25sal/papers.bib') },
    { key: 'cdl', label: 'cdl.bib', bib: inCorpus('ContextLab__CDL-bibliography/cdl.bib') },
    tugboat
      ? { key: 'tugboat', label: 'tugboat.bib', bib: path.resolve(tugboat) }
      : { key: 'tugboat', label: 'tugboat stand-in: efficient ref.bib', bib: inCorpus(STAND_IN), standIn: true },
  ];
  return list.map((i) => {
    if (!existsSync(i.bib)) return { ...i, name: i.label, missing: `${i.bib} not found${i.key === 'tugboat' && tugboat ? '' : ' (--corpus DIR)'}` };
    const entries = countEntries(readFileSync(i.bib, 'utf8'));
    return { ...i, entries, name: `${i.label}, ${entries.toLocaleString('en')} entries` };
  });
}
