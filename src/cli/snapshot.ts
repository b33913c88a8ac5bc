/**
 * The start-up snapshot's entry. `scripts/snapshot.mjs` bundles this module with everything it
 * imports into one script and has Node build a V8 heap snapshot of it (`node --build-snapshot`):
 * every module a build may need, already loaded, with the heavy ones handed to `lazyRequire`.
 * `bin/scholar-page` then starts Node from that snapshot (`--snapshot-blob`) instead of loading
 * ~300 module files, when the snapshot was built by the same Node for the same folder.
 * Never run directly: the verbatim parser below is resolved only by the bundler.
 */
import v8 from 'node:v8';
import temml from 'temml';
import sanitizeHtml from 'sanitize-html';
import MarkdownIt from 'markdown-it';
import * as parser from '@retorquere/bibtex-parser';
// @ts-expect-error: resolved by scripts/snapshot.mjs, as the parser's export map leaves it out
import * as verbatim from 'scholar-page:verbatim';
import { main } from './main.js';
import { provide } from '../lazy.js';
import { PARSER_MAIN, PARSER_VERBATIM } from '../load/bibtex-parser.js';
import { warmThemes } from '../render/theme.js';
import '../pipeline.js';
import '../write/stamp.js';
import '../init/scaffold.js';

provide('temml', temml);
provide('sanitize-html', sanitizeHtml);
provide('markdown-it', MarkdownIt);
provide(PARSER_MAIN, parser);
provide(PARSER_VERBATIM, verbatim);
void warmThemes(); // Node runs the event loop dry before it takes the snapshot

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  // process.argv here is [node, ...arguments]: there is no script name.
  v8.startupSnapshot.setDeserializeMainFunction(() => void main([process.argv[0] ?? 'node', 'scholar-page', ...process.argv.slice(1)], true));
}
