// Writes data/themes-compiled.json (run by `npm run data`): every template of the built-in themes,
// compiled by Handlebars as the theme loader compiles it, under the key of its source and the
// compile options (src/render/precompiled.ts). The loader uses an entry only for a template whose
// source has that key, so an edited template is compiled at load time, never hidden by a stale
// entry; test/render/precompiled.test.ts checks that the file is what this script writes.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The loader's own functions (npm run data compiles dist-lib/ first).
import { compileSource, templateKey } from '../dist-lib/render/precompiled.js';
import { checkUnescaped, templateSource } from '../dist-lib/render/theme.js';
import { Reporter } from '../dist-lib/model/diagnostic.js';

const THEMES = fileURLToPath(new URL('../themes/', import.meta.url));
export const OUT = fileURLToPath(new URL('../data/themes-compiled.json', import.meta.url));

/** The built-in templates' files. */
export function templateFiles() {
  const files = [];
  for (const theme of readdirSync(THEMES).sort()) {
    for (const dir of [path.join(THEMES, theme), path.join(THEMES, theme, 'partials')]) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) files.push(path.join(dir, f));
    }
  }
  return files;
}

/** The file's text: each template that passes the loader's checks, by key, in key order. */
export function compiledThemes() {
  const entries = {};
  for (const file of templateFiles()) {
    const source = templateSource(readFileSync(file, 'utf8'));
    const report = new Reporter();
    const { spec, ast, ok } = compileSource(source, (tree) => checkUnescaped(tree, file, report));
    if (ok && !report.errorCount) entries[templateKey(source)] = { spec, ast };
  }
  const sorted = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
  // The trees without their source positions: only the fragments' analysis reads them, and it reads no `loc`.
  return `${JSON.stringify(sorted, (k, v) => (k === 'loc' ? undefined : v))}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUT, compiledThemes());
  console.log(`${OUT}: ${templateFiles().length} templates`);
}
