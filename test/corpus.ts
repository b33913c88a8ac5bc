import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/corpus/, the real-world .bib files beside the repository (tests that use it skip without it). */
export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/corpus');

/** Every .bib file below `dir`. */
export function bibFiles(dir = CORPUS): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? bibFiles(p) : p.endsWith('.bib') ? [p] : [];
  });
}
