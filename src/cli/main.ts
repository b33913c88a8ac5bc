import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import { VERSION } from '../version.js';
import type { BuildOptions, BuildResult } from '../model/build.js';
import { github, human, json, oneLine, progressLine, summary, visible, type Format } from './format.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { epochFromEnv, parseHours, parsePort } from './args.js';

/** Exit codes: 0 success, 1 bad input (diagnostics), 2 usage error. */
const EXIT = { ok: 0, input: 1, usage: 2 } as const;

function print(list: Diagnostic[], format: Format, errors: number, warnings: number): void {
  const cwd = process.cwd();
  if (format === 'json') process.stdout.write(`${json(list, errors, warnings)}\n`);
  else if (format === 'github') {
    if (list.length) process.stdout.write(`${github(list)}\n`);
  } else {
    const color = process.stderr.isTTY === true && !process.env.NO_COLOR;
    if (list.length) process.stderr.write(`${human(list, { color, cwd })}\n`);
  }
}

/** The one build of this process (nothing is kept for a next one). */
async function onlyBuild(opts: BuildOptions): Promise<BuildResult> {
  const lib = await import('../pipeline.js');
  lib.buildsOnce();
  return lib.build(opts);
}

interface BuildFlags {
  profile?: string; theme: string; out: string; githubApi: string; openalexApi: string; semanticScholarApi: string; inspireApi: string; citationsTtl: number; offline?: boolean; allowPrivateNetwork?: boolean;
  cacheDir?: string; starsTtl: number; strict?: boolean; force?: boolean; paperPages?: boolean;
}

const kb = (n: number): string => `${Math.round(n / 1024)} KB`;

/** The one-line summary that ends a build. */
function buildSummary(r: BuildResult): string {
  const s = r.stats!;
  const parts = [
    `built ${r.entries} entries`,
    `repos ${s.reposFetched} fetched, ${s.reposCached} cached, ${s.reposFailed} failed${s.reposUnasked ? `, ${s.reposUnasked} not asked (--offline)` : ''}`,
    `images ${kb(s.imageBytesIn)} → ${kb(s.imageBytesOut)}`,
    `page ${kb(r.bytes!)}`,
  ];
  if (r.paperPages !== undefined) parts.push(`${r.paperPages} paper page${r.paperPages === 1 ? '' : 's'} in papers/`);
  return withWarnings(parts, r);
}

/** The line that ends a build that rebuilt one edited entry (src/patch/): the last build's figures would be stale. */
function patchedSummary(r: BuildResult): string {
  return withWarnings([`built 1 of ${r.entries} entries: one entry edited, its part of the page replaced (--force builds all)`, `page ${kb(r.bytes!)}`], r);
}

/** The line that ends a build that found nothing changed: what it did is nothing, so no stale figures. */
function upToDateSummary(r: BuildResult): string {
  return withWarnings(['up to date: nothing changed since the last build (--force builds anyway)', `${r.entries} entries`, `page ${kb(r.bytes!)}`], r);
}

function withWarnings(parts: string[], r: BuildResult): string {
  if (r.warnings) parts.push(summary(0, r.warnings).split(', ')[1]);
  return parts.join(' · ');
}

export function program(): Command {
  const cmd = new Command('scholar-page')
    .description('Turn a BibTeX file and a profile.yaml into a self-contained academic homepage.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .exitOverride();

  cmd
    .command('build')
    .description('build the page: one self-contained HTML file')
    .argument('[refs.bib]', 'the .bib file (default: the one profile.yaml names)')
    .option('-p, --profile <file>', 'profile file (default: profile.yaml beside the .bib)')
    .option('-t, --theme <name|dir>', 'built-in theme name or theme folder', 'default')
    .option('-o, --out <file>', 'output file', 'dist/index.html')
    .option('--github-api <url>', 'GitHub API base URL (env SCHOLAR_PAGE_GITHUB_API)', process.env.SCHOLAR_PAGE_GITHUB_API || 'https://api.github.com')
    .option('--openalex-api <url>', 'OpenAlex API base URL, for citation counts (env SCHOLAR_PAGE_OPENALEX_API)', process.env.SCHOLAR_PAGE_OPENALEX_API || 'https://api.openalex.org')
    .option('--semantic-scholar-api <url>', 'Semantic Scholar API base URL, the fallback for citation counts (env SCHOLAR_PAGE_SEMANTIC_SCHOLAR_API)', process.env.SCHOLAR_PAGE_SEMANTIC_SCHOLAR_API || 'https://api.semanticscholar.org')
    .option('--inspire-api <url>', 'INSPIRE-HEP API base URL, for citation counts of HEP papers (env SCHOLAR_PAGE_INSPIRE_API)', process.env.SCHOLAR_PAGE_INSPIRE_API || 'https://inspirehep.net/api')
    .option('--offline', 'use the cache only; make no network request')
    .option('--allow-private-network', 'thumbnail URLs may point at private addresses (an intranet); by default only public https: ones are fetched')
    .option('--cache-dir <dir>', 'cache folder (default: .scholar-cache beside the profile)')
    .option('--stars-ttl <hours>', 'use cached star counts younger than this without asking', parseHours, 24)
    .option('--citations-ttl <hours>', 'use cached citation counts younger than this without asking', parseHours, 168)
    .option('--strict', 'duplicate keys and failed enrichments (stars, downloads) are errors, not warnings')
    .option('--paper-pages', 'also write one page per entry, papers/ID.html beside the page, with the citation_* meta tags Google Scholar reads (profile: paper_pages: true)')
    .option('--no-paper-pages', 'write no paper pages, even if the profile asks for them (and remove those an earlier build wrote)')
    .option('--force', 'build every entry, even when nothing or one entry changed since the last build')
    .option('--verbose', 'show stack traces of internal errors')
    .action(async (bib: string | undefined, o: BuildFlags) => {
      const tty = process.stderr.isTTY === true;
      const epoch = epochFromEnv();
      if (typeof epoch === 'object') {
        process.stderr.write(`${oneLine(epoch)}\nbuild failed: ${summary(1, 0)}; nothing was written\n`);
        process.exitCode = EXIT.input;
        return;
      }
      const opts: BuildOptions = {
        bib, profile: o.profile, theme: o.theme, out: o.out, epoch,
        githubApi: o.githubApi, openalexApi: o.openalexApi, semanticScholarApi: o.semanticScholarApi, inspireApi: o.inspireApi, citationsTtlHours: o.citationsTtl, openalexApiKey: process.env.OPENALEX_API_KEY || undefined, githubToken: process.env.GITHUB_TOKEN || process.env.GH_TOKEN || undefined,
        offline: o.offline, allowPrivateNetwork: o.allowPrivateNetwork, cacheDir: o.cacheDir, starsTtlHours: o.starsTtl, strict: o.strict, paperPages: o.paperPages, force: o.force,
        progress: tty ? progressLine((t) => process.stderr.write(t)) : undefined,
      };
      // Nothing changed since the last build: replay its report without loading the pipeline.
      const { upToDate } = await import('../write/stamp.js');
      const r = (!o.force && (await upToDate(opts))) || (await onlyBuild(opts));
      for (const d of r.diagnostics) process.stderr.write(`${oneLine(d)}\n`);
      if (!r.outFile) {
        process.stderr.write(`build failed: ${summary(r.errors, r.warnings)}; nothing was written\n`);
        process.exitCode = EXIT.input;
        return;
      }
      process.stderr.write(`${r.upToDate ? upToDateSummary(r) : r.patched ? patchedSummary(r) : buildSummary(r)}\n`);
      process.stdout.write(`${visible(r.outFile)}\n`);
    });

  cmd
    .command('validate')
    .description('check the .bib, the profile and the theme; report every problem as file:line:col')
    .argument('[refs.bib]', 'the .bib file (default: the one profile.yaml names)')
    .option('-p, --profile <file>', 'profile file (default: profile.yaml beside the .bib)')
    .option('-t, --theme <name|dir>', 'built-in theme name or theme folder', 'default')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['human', 'json', 'github']).default('human'))
    .option('--strict', 'warnings count as errors for the exit code')
    .option('--verbose', 'show stack traces of internal errors')
    .action(async (bib: string | undefined, o: { profile?: string; theme: string; format: Format; strict?: boolean }) => {
      const { validate, buildsOnce } = await import('../pipeline.js');
      buildsOnce();
      const r = await validate({ bib, profile: o.profile, theme: o.theme, strict: o.strict });
      print(r.diagnostics, o.format, r.errors, r.warnings);
      if (o.format === 'human') process.stderr.write(`${summary(r.errors, r.warnings)}\n`);
      process.exitCode = r.errors || (o.strict && r.warnings) ? EXIT.input : EXIT.ok;
    });
  for (const name of ['watch', 'serve']) {
    cmd
      .command(name)
      .description(name === 'watch' ? 'build, serve on 127.0.0.1 with live reload, rebuild on every change' : 'the same as watch')
      .argument('[refs.bib]', 'the .bib file (default: the one profile.yaml names)')
      .option('-p, --profile <file>', 'profile file (default: profile.yaml beside the .bib)')
      .option('-t, --theme <name|dir>', 'built-in theme name or theme folder', 'default')
      .option('-o, --out <file>', 'output file', 'dist/index.html')
      .option('--port <n>', 'port on 127.0.0.1 (0: any free port; the URL is printed)', parsePort, 4000)
      .option('--offline', 'use the cache only; make no network request')
      .action(async (bib: string | undefined, o: { profile?: string; theme: string; out: string; port: number; offline?: boolean }) => {
        const { serve, PortError } = await import('../watch/serve.js');
        const w = await serve({
          bib, profile: o.profile, theme: o.theme, out: o.out, port: o.port, offline: o.offline,
          githubApi: process.env.SCHOLAR_PAGE_GITHUB_API || undefined, githubToken: process.env.GITHUB_TOKEN || process.env.GH_TOKEN || undefined,
          openalexApi: process.env.SCHOLAR_PAGE_OPENALEX_API || undefined, semanticScholarApi: process.env.SCHOLAR_PAGE_SEMANTIC_SCHOLAR_API || undefined,
          inspireApi: process.env.SCHOLAR_PAGE_INSPIRE_API || undefined, openalexApiKey: process.env.OPENALEX_API_KEY || undefined,
          onBuild: (r) => {
            for (const d of r.diagnostics) process.stderr.write(`${oneLine(d)}\n`);
            process.stderr.write(r.outFile ? `${buildSummary(r)}\n` : `build failed: ${summary(r.errors, r.warnings)}; the last good page stays up\n`);
          },
        }).catch((err: unknown) => {
          if (!(err instanceof PortError)) throw err;
          process.stderr.write(`scholar-page: ${err.message}; use --port 0 for any free port, or another --port\n`);
          process.exitCode = EXIT.usage;
        });
        if (!w) return;
        process.stdout.write(`${w.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = (): void => void w.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
  }

  cmd
    .command('init')
    .description('start a site: profile.yaml, refs.bib, a sample thumbnail, a GitHub Pages workflow, .gitignore')
    .argument('[dir]', 'folder to create the site in', '.')
    .option('--force', 'overwrite files that exist')
    .action(async (dir: string, o: { force?: boolean }) => {
      const { init } = await import('../init/scaffold.js');
      const r = await init(path.resolve(dir), o.force);
      if (r.existing.length && !o.force) {
        for (const f of r.existing) {
          const d: Diagnostic = { severity: 'error', code: 'init/exists', file: path.join(dir, f), line: 0, column: 0, message: 'file exists; nothing was written (use --force to overwrite)' };
          process.stderr.write(`${oneLine(d)}\n`);
        }
        process.exitCode = EXIT.input;
        return;
      }
      for (const f of r.written) process.stdout.write(`${path.join(dir, f)}\n`);
      const where = r.site === '.' ? '' : ` (at the repository's root, working in ${r.site}/)`;
      process.stderr.write(`next: cd ${dir} && npx scholar-page@${VERSION} build   (then open dist/index.html)\n`);
      process.stderr.write(`publish: set the repository's Settings → Pages → Source to "GitHub Actions", then push; the workflow${where} builds and deploys\n`);
    });
  cmd
    .command('import')
    .description('turn an al-folio, academicpages or Hugo Blox site into profile.yaml (and refs.bib), with a migration report')
    .argument('<site-dir>', 'the folder of the site to import (only read)')
    .option('-o, --out <dir>', 'folder to write profile.yaml into; it must hold the site folder', '.')
    .addOption(new Option('--from <kind>', 'kind of site (default: recognized)').choices(['al-folio', 'academicpages', 'hugo-blox']))
    .option('--force', 'overwrite files that exist')
    .action(async (site: string, o: { out: string; from?: 'al-folio' | 'academicpages' | 'hugo-blox'; force?: boolean }) => {
      const { importSite } = await import('../import/import-site.js');
      const { formatReport } = await import('../import/report.js');
      const r = await importSite({ site: path.resolve(site), out: path.resolve(o.out), kind: o.from, force: o.force });
      const fail = (file: string, code: string, message: string): void => {
        process.stderr.write(`${oneLine({ severity: 'error', code, file, line: 0, column: 0, message })}\n`);
        process.exitCode = EXIT.input;
      };
      if (!r.kind) return fail(site, 'import/unknown-site', 'not an al-folio site (_config.yml with _pages/about.md or _bibliography/papers.bib) nor an academicpages site (_config.yml with author:, and _publications/) nor a Hugo Blox site (content/authors/admin/ and content/publication/); use --from');
      if (r.outsideSite) return fail(o.out, 'import/out-outside-site', `--out must be the site folder or a folder holding it, so that the profile can name its files; nothing was written`);
      if (r.existing.length && !o.force) {
        for (const f of r.existing) fail(path.join(o.out, f), 'import/exists', 'file exists; nothing was written (use --force to overwrite)');
        return;
      }
      process.stdout.write(formatReport(r.report, r.kind).split('\n').map(visible).join('\n'));
      for (const f of r.written) process.stdout.write(`wrote ${path.join(o.out, f)}\n`);
      process.stderr.write(`next: cd ${o.out} && scholar-page validate && scholar-page build\n`);
    });
  return cmd;
}

/**
 * Ends the process once `main` is done, without the clean-up of a natural exit, in which Node frees
 * the heap piece by piece and waits for sharp's threads: 30–80 ms after a large build. Every file
 * was written by then; stdout and stderr are flushed first (pipes are asynchronous on macOS).
 */
export async function exitNow(): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))));
  process.exit();
}

/** The one place that turns failures into exit codes. */
export async function main(argv: string[]): Promise<void> {
  const verbose = argv.includes('--verbose');
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    process.stderr.write(`scholar-page: internal error: ${visible((err as Error).message ?? String(err))}\n`);
    if (verbose) process.stderr.write(`${(err as Error).stack}\n`);
    else process.stderr.write('(run again with --verbose for the stack trace, and please report it)\n');
    process.exitCode = EXIT.input;
  }
}
