#!/usr/bin/env node
// Builds the start-up snapshot (see src/cli/snapshot.ts and docs/performance.md):
//   1. bundles dist-lib/cli/snapshot.js and every module it imports into dist-snap/scholar-page.cjs
//      (esbuild; sharp stays outside: a native addon cannot be in a snapshot);
//   2. runs `node --build-snapshot` on it: dist-snap/scholar-page.blob, a V8 heap with them loaded;
//   3. writes dist-snap/built-for: the Node binary (its inode and size) and the package folder the
//      blob is good for, which bin/scholar-page compares before it uses the blob.
// What the code was made from (src/cli/made-from.ts) is taken before bundling and kept in the blob.
// Run by `npm run build` (and so by `npm install` in a checkout). It never fails the install:
// without a snapshot, bin/scholar-page loads the modules as usual.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { asciiOnly } from './ascii-bundle.mjs';

const ROOT = realpathSync(fileURLToPath(new URL('..', import.meta.url)));
const OUT = path.join(ROOT, 'dist-snap');
const require = createRequire(path.join(ROOT, 'package.json'));

function say(msg) {
  process.stderr.write(`snapshot: ${msg}\n`);
}

/**
 * In a bundle there is no import.meta: each module's own URL (its path in dist-lib, from which it
 * finds themes/, data/ and package.json) and resolve() are given by the banner below, from the
 * package folder the snapshot is built in (and is only used in).
 */
const ownModules = {
  name: 'scholar-page-modules',
  setup(b) {
    b.onResolve({ filter: /^scholar-page:verbatim$/ }, () => {
      const main = fileURLToPath(import.meta.resolve('@retorquere/bibtex-parser'));
      return { path: path.join(path.dirname(main), 'verbatim.js') };
    });
    b.onLoad({ filter: /[\\/]dist-lib[\\/].*\.js$/ }, (args) => {
      const rel = path.relative(ROOT, args.path).split(path.sep).join('/');
      const src = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', `__scholarUrl(${JSON.stringify(rel)})`)
        .replaceAll('import.meta.resolve(', '__scholarResolve(');
      return { contents: src, loader: 'js' };
    });
  },
};

const banner = `const __scholarRoot = ${JSON.stringify(ROOT)};
const __scholarUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__scholarRoot, rel)).href;
const __scholarResolve = (spec) => require('node:url').pathToFileURL(require('node:module').createRequire(require('node:path').join(__scholarRoot, 'package.json')).resolve(spec)).href;`;

async function main() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    say('esbuild is not installed (a development dependency); no snapshot, scholar-page starts without one');
    return;
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const { madeFrom } = await import(pathToFileURL(path.join(ROOT, 'dist-lib/cli/made-from.js')).href);
  const made = madeFrom(ROOT);
  const bundle = path.join(OUT, 'scholar-page.cjs');
  const built = await esbuild.build({
    entryPoints: [path.join(ROOT, 'dist-lib/cli/snapshot.js')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    conditions: ['import'],
    mainFields: ['module', 'main'],
    external: ['sharp'],
    plugins: [ownModules],
    banner: { js: banner },
    logLevel: 'error',
  }).then(() => true, (err) => {
    say(`bundling failed; scholar-page starts without a snapshot\n${err.message}`);
    rmSync(OUT, { recursive: true, force: true });
    return false;
  });
  if (!built) return;
  const kept = asciiOnly(bundle);
  if (kept) say(`the bundle keeps its non-ASCII characters (${kept}); the snapshot is ~4 MB larger`);
  const blob = path.join(OUT, 'scholar-page.blob');
  const tmp = `${blob}.tmp`;
  try {
    execFileSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot', bundle], {
      cwd: OUT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SCHOLAR_PAGE_MADE_FROM: made },
    });
  } catch (err) {
    rmSync(OUT, { recursive: true, force: true });
    say(`node --build-snapshot failed; scholar-page starts without a snapshot\n${String(err.stderr ?? err.message).trim()}`);
    return;
  }
  renameSync(tmp, blob);
  // Two lines, read by bin/scholar-page with the shell's `read`: this Node binary as `ls -iLn`
  // shows it (inode and size: another Node, or this one upgraded in place, differs), this folder.
  const node = statSync(process.execPath);
  writeFileSync(path.join(OUT, 'built-for'), `${node.ino} ${node.size}\n${ROOT}\n`);
  say(`${path.relative(ROOT, blob)} for ${process.execPath} (${process.version})`);
}

await main();
