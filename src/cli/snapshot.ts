/**
 * The start-up snapshot's entry. `scripts/snapshot.mjs` bundles this module with everything it
 * imports into one script and has Node build a V8 heap snapshot of it (`node --build-snapshot`):
 * every module a build may need, already loaded, with the heavy ones handed to `lazyRequire`.
 * `bin/scholar-page` then starts Node from that snapshot (`--snapshot-blob`) instead of loading
 * ~300 module files, when the snapshot was built by the same Node for the same folder.
 * Never run directly: the verbatim parser below is resolved only by the bundler.
 */
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import temml from 'temml';
import sanitizeHtml from 'sanitize-html';
import MarkdownIt from 'markdown-it';
import * as parser from '@retorquere/bibtex-parser';
// @ts-expect-error: resolved by scripts/snapshot.mjs, as the parser's export map leaves it out
import * as verbatim from 'scholar-page:verbatim';
import { exitNow, main } from './main.js';
import { madeFrom } from './made-from.js';
import { provide } from '../lazy.js';
import { PARSER_MAIN, PARSER_VERBATIM } from '../load/bibtex-parser.js';
import { warmThemes } from '../render/theme.js';
import { warmVenues } from '../enrich/venue-badge.js';
import { convertAll } from '../load/latex/index.js';
import { markdown } from '../render/markdown.js';
import '../pipeline.js';
import '../write/stamp.js';
import '../init/scaffold.js';

provide('temml', temml);
provide('sanitize-html', sanitizeHtml);
provide('markdown-it', MarkdownIt);
provide(PARSER_MAIN, parser);
provide(PARSER_VERBATIM, verbatim);
void warmThemes(); // Node runs the event loop dry before it takes the snapshot
// First uses compile: run each path of the conversion once, so that the snapshot holds it compiled.
warmVenues();
convertAll([{ type: 'article', raw: {
  title: 'On $\\frac{a}{b}$, {\\em x}, H$_2$O and \\textsc{Caf\\\'e} -- {BibTeX}',
  author: 'M{\\"u}ller, J{\\o}rn and van der Berg, Jr, Anna and {Google Research}',
  abstract: 'Plain text with {\\em emphasis}, 5\\% and $x^2$.',
  journal: 'Proceedings of the IEEE', year: '2020', month: 'jan', url: 'https://example.org/a%20b',
} }]);
markdown('Some *text* with [a link](https://example.org).');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  // Taken by scripts/snapshot.mjs before it bundled the code (a later compile must not look bundled).
  const made = process.env.SCHOLAR_PAGE_MADE_FROM ?? madeFrom(ROOT);
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // Compiled or installed again since (tsc alone, npm update): this heap holds the old code.
    // Exit code 14 is Node's own for a snapshot it cannot use; bin/scholar-page then starts
    // without one (or, with SCHOLAR_PAGE_SNAPSHOT=require, says so and fails).
    if (madeFrom(ROOT) !== made) {
      process.exitCode = 14;
      return;
    }
    // process.argv here is [node, ...arguments]: there is no script name.
    void main([process.argv[0] ?? 'node', 'scholar-page', ...process.argv.slice(1)], true).then(exitNow);
  });
}
