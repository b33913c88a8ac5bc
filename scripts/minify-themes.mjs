// Writes each built-in theme's style.min.css and script.min.js (run by `npm run data`): the same
// CSS and script, minified by lightningcss and oxc-minify, under a first line naming the SHA-256
// of the source they were made from. The theme loader (src/render/theme.ts) inlines a .min file
// only when that hash is the source's, so an edited style.css is never hidden by a stale copy;
// test/render/theme-min.test.ts checks that these files are what this script writes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Features, transform } from 'lightningcss';
import { minifySync } from 'oxc-minify';
// The header line is the loader's own (npm run data compiles dist-lib/ first).
import { minifiedHeader } from '../dist-lib/render/theme.js';

export const THEMES = fileURLToPath(new URL('../themes/', import.meta.url));
/** The source and minified file names of a theme folder. */
export const PAIRS = [
  ['style.css', 'style.min.css'],
  ['script.js', 'script.min.js'],
];

/**
 * The oldest browsers the themes are written for (lightningcss's version encoding: major << 16).
 * With them named, lightningcss keeps the syntax they read, such as `(max-width: 640px)` rather than
 * the range syntax `(width<=640px)` that Safari reads only since 16.4, and adds the prefixes they
 * need; it is not to rewrite for light-dark() nor widen the system-ui font list. The script's
 * output likewise uses no syntax newer than they read.
 */
const TARGETS = { chrome: 90 << 16, firefox: 90 << 16, safari: 14 << 16, ios_saf: 14 << 16, edge: 90 << 16 };

/** The .min file for `source` (the text of `name`): its header line, then the minified text. */
export function minified(name, source) {
  const code = name.endsWith('.css')
    ? transform({ filename: name, code: Buffer.from(source), minify: true, targets: TARGETS, exclude: Features.LightDark | Features.FontFamilySystemUi }).code.toString()
    : minifySync(name, source, { compress: { target: ['chrome90', 'firefox90', 'safari14', 'edge90'] }, mangle: true, codegen: { removeWhitespace: true } }).code;
  return `${minifiedHeader(name, source)}\n${code.trim()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const theme of readdirSync(THEMES)) {
    for (const [src, min] of PAIRS) {
      const file = path.join(THEMES, theme, src);
      if (existsSync(file)) writeFileSync(path.join(THEMES, theme, min), minified(src, readFileSync(file, 'utf8')));
    }
  }
}
