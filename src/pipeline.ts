import path from 'node:path';
import { VERSION } from './version.js';
import { loadSite, display, type Site } from './load/site.js';
import { Reporter, shownDiagnostics } from './model/diagnostic.js';
import { toPublications } from './model/to-publications.js';
import { checkEntries } from './validate/bib-checks.js';
import { checkSite, type CheckedThumbnails } from './validate/site-checks.js';
import { loadTheme, ThemeRenderError, type Theme } from './render/theme.js';
import { buildView, type PageView, type ViewInput } from './render/view-model.js';
import { renderPapers, type PaperFile } from './render/paper-page.js';
import { PageRefs, UnresolvedMarker } from './render/fragments.js';
import { enrichAll } from './enrich/index.js';
import { Cache } from './enrich/cache.js';
import type { EnrichContext } from './enrich/enricher.js';
import type { Options, BuildOptions, Result, BuildResult } from './model/build.js';
import { processImage, readImageFile, ImageError } from './enrich/thumbnail.js';
import { resolveInside } from './load/paths.js';
import { dependsOnFile, inputAt, recordingDeps } from './deps.js';
import { forgetLastBuild, writeStamp } from './write/stamp.js';
import { OutputError, type Written } from './write/atomic.js';
import { writeOutput } from './write/output.js';
import type { Image } from './model/publication.js';
import { between } from './model/per-entry.js';
import { checkLocalFiles } from './validate/local-files.js';
import type { LocalFiles } from './model/local-files.js';
import { linkedFiles } from './write/linked-files.js';
import { bytesRead, type SourceText } from './load/source-text.js';
import type { Publication } from './model/publication.js';
import { PageMap } from './render/page-map.js';
import { dropRecord, recordOf, writeRecord, type PatchRecord } from './patch/record.js';
import { patchBuild, type Alone } from './patch/index.js';

export type { Options, BuildOptions, Result, BuildResult };

export { VERSION };

/**
 * For a process that builds once (the CLI's `build` and `validate`): nothing is kept for a next
 * build (model/per-entry.ts). The page is the same; `watch` keeps them.
 */
export function buildsOnce(): void {
  between.builds = false;
}

/** Load → validate: the part `validate` and `build` share. */
async function check(opts: Options & { strict?: boolean }, report: Reporter, bibSource?: SourceText): Promise<{ site: Site; theme?: Theme; cwd: string; thumbnails: CheckedThumbnails; localFiles: LocalFiles }> {
  const cwd = opts.cwd ?? process.cwd();
  const site = await loadSite({ bib: opts.bib, profile: opts.profile, cacheDir: opts.cacheDir, cwd, bibSource }, report);
  if (site.bib) checkEntries(site.bib.entries, report, { strict: opts.strict });
  const thumbnails = await checkSite(site, report, cwd);
  const localFiles = await checkLocalFiles(site, report, cwd, opts.strict);
  const theme = await loadTheme(opts.theme ?? 'default', cwd, report);
  return { site, theme, cwd, thumbnails, localFiles };
}

const result = (report: Reporter): Result => ({
  diagnostics: shownDiagnostics(report.list),
  errors: report.errorCount,
  warnings: report.warningCount,
});

/** Checks every input and reports every problem; writes nothing. */
export async function validate(opts: Options = {}): Promise<Result> {
  const report = new Reporter();
  const { site } = await check(opts, report);
  await site.saveCache();
  return result(report);
}

/**
 * load → validate → enrich → render → write. Nothing is written unless every stage succeeded.
 * A successful build leaves a stamp of what it read, for `upToDate` (write/stamp.ts).
 */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  // To the microsecond: a file's time has a fraction of a millisecond, and Date.now() would make a
  // file written earlier in the same millisecond look written during the build (then no stamp).
  const startedAt = performance.timeOrigin + performance.now();
  // A one-shot build after an edit of one entry changes that entry's part of the last page alone.
  const patched = !between.builds && !opts.force ? await patchBuild(opts, startedAt, (source) => renderAlone(opts, source)) : undefined;
  forgetLastBuild();
  if (patched) return patched;
  const { result: run, deps } = await recordingDeps(() => buildOnce(opts));
  await run.saveCache();
  const stamped = run.stamp && (await writeStamp(opts, run.result, deps, { startedAt, ...run.stamp }));
  if (stamped) {
    const bibHash = run.record && stamped.stamp.files[run.record.bib]?.hash;
    if (run.record && bibHash && stamped.stamp.output) await writeRecord(stamped.file, { ...run.record, bibHash, page: stamped.stamp.output.hash });
    else await dropRecord(stamped.file);
  }
  return { ...run.result, inputs: { files: [...deps.files].filter((f) => !deps.written.has(f)), folders: [...deps.folders] } };
}

interface Run {
  result: BuildResult;
  saveCache(): Promise<void>;
  /** Present when the build may be stamped: it succeeded and nothing it needed failed to arrive. */
  stamp?: { page: Uint8Array[]; written: Written; validUntil: number | null };
  /** What the next build needs to change one entry of the page alone (src/patch/). */
  record?: Omit<PatchRecord, 'bibHash' | 'page'>;
}

/** What renderSite made: the page and what it was made from. */
interface Rendered {
  pubs: Publication[];
  ctx: EnrichContext;
  page: Buffer[];
  papers?: PaperFile[];
  paperPages: boolean;
}

/**
 * Load → validate → enrich → render, writing nothing: the page as byte chunks, or undefined when a
 * stage failed (the report says why). `bibSource`: the .bib's text as given, not read (src/patch/).
 */
async function renderSite(opts: BuildOptions, report: Reporter, map?: PageMap, bibSource?: SourceText): Promise<{ site: Site; cwd: string; rendered?: Rendered }> {
  const { site, theme, cwd, thumbnails, localFiles } = await check(opts, report, bibSource);
  if (report.errorCount || !theme || !site.bib) return { site, cwd };

  const pubs = toPublications(site.bib.entries);
  const now = Date.now();
  const ctx: EnrichContext = {
    bibDir: site.bibDir,
    siteRoot: site.siteRoot,
    profile: site.profile,
    venues: site.venues,
    report,
    thumbnail: theme.thumbnail,
    thumbnails,
    localFiles,
    cache: await Cache.open(site.cacheDir, report),
    net: { offline: opts.offline ?? false, timeoutMs: opts.netTimeoutMs ?? 10_000, deadline: now + (opts.netBudgetMs ?? 30_000), concurrency: 4, retries: 2, allowPrivateNetwork: opts.allowPrivateNetwork ?? false },
    github: { apiBase: opts.githubApi ?? 'https://api.github.com', token: opts.githubToken },
    strict: opts.strict ?? false,
    stats: { reposFetched: 0, reposCached: 0, reposFailed: 0, reposUnasked: 0, imageBytesIn: 0, imageBytesOut: 0 },
    progress: opts.progress,
    now,
    starsTtlMs: (opts.starsTtlHours ?? 24) * 3_600_000,
    citations: { openalexApi: opts.openalexApi ?? 'https://api.openalex.org', semanticScholarApi: opts.semanticScholarApi ?? 'https://api.semanticscholar.org', inspireApi: opts.inspireApi ?? 'https://inspirehep.net/api', openalexKey: opts.openalexApiKey, ttlMs: (opts.citationsTtlHours ?? 168) * 3_600_000 },
    starCounts: new Map(),
    profileImages: { profile: site.profile, profileFile: site.profileFile, profileDisplay: site.profileFile ? display(cwd, site.profileFile) : '', siteRoot: site.siteRoot, locateInProfile: site.locateInProfile },
  };
  // The avatar is encoded alongside the thumbnails (libvips works off the main thread).
  const [, avatar] = await Promise.all([enrichAll(pubs, ctx), loadAvatar(site, ctx, cwd, theme.avatar)]);
  await ctx.cache.save(report);
  if (report.errorCount) return { site, cwd };

  // Precedence: off < the profile's paper_pages < --paper-pages / --no-paper-pages.
  const paperPages = opts.paperPages ?? site.profile.paper_pages ?? false;
  const input = { profile: site.profile, pubs, css: theme.css, js: theme.js, avatar, epoch: opts.epoch, version: VERSION, starCounts: ctx.starCounts, profileFiles: localFiles.profileLinks, markdownImages: ctx.markdownImages, paperPages };
  const outFile = path.resolve(cwd, opts.out ?? 'dist/index.html');
  try {
    const r = render(theme, input, map);
    const papers = paperPages ? renderPapers(theme, r.view, { pubs, profile: site.profile, localFiles, pageName: path.basename(outFile) }, site, report, cwd) : undefined;
    if (report.errorCount) return { site, cwd };
    return { site, cwd, rendered: { pubs, ctx, page: r.page, papers, paperPages } };
  } catch (err) {
    if (!(err instanceof ThemeRenderError)) throw err;
    report.error(display(cwd, err.file), err.pos, { code: 'theme/render', message: `template failed: ${err.message}` });
    return { site, cwd };
  }
}

/** The page of a .bib text given whole (src/patch/ gives one entry, the others blanked), written nowhere. */
async function renderAlone(opts: BuildOptions, source: SourceText): Promise<Alone> {
  const report = new Reporter();
  const map = new PageMap(true);
  const { rendered } = await renderSite(opts, report, map, source);
  return { report, page: rendered?.page, map, keys: rendered?.pubs.map((p) => p.entry.key) ?? [] };
}

async function buildOnce(opts: BuildOptions): Promise<Run> {
  const report = new Reporter();
  // A one-shot build maps its page for the next one (src/patch/); watch keeps its own state.
  const map = between.builds ? undefined : new PageMap();
  const { site, cwd, rendered } = await renderSite(opts, report, map);
  const failed = (): Run => ({ result: result(report), saveCache: site.saveCache });
  if (!rendered) return failed();
  const { pubs, ctx, page, papers } = rendered;
  const outFile = path.resolve(cwd, opts.out ?? 'dist/index.html');
  const overwritten = await inputAt(outFile);
  if (overwritten) {
    report.error(display(cwd, outFile), undefined, { code: 'io/out-is-input', message: `the page would overwrite ${display(cwd, overwritten)}, which this build reads; nothing was written`, hint: 'give --out another file, e.g. dist/index.html' });
    return failed();
  }
  let written: Written;
  try {
    written = await writeOutput({ outFile, page, linked: linkedFiles(site.profile, pubs, ctx.localFiles!), siteRoot: site.siteRoot, papers, durable: opts.durable });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    report.error(display(cwd, outFile), undefined, {
      code: 'io/cannot-write',
      message: err instanceof OutputError ? err.message : `cannot write the page (${code ?? (err as Error).message})`,
    });
    return failed();
  }
  const writtenAt = performance.now();
  const done: BuildResult = { ...result(report), outFile, bytes: page.reduce((n, c) => n + c.length, 0), entries: pubs.length, paperPages: papers?.filter((f) => f.name.endsWith('.html')).length, stats: ctx.stats, page, writtenAt };
  // Offline, what is missing from the cache stays missing: the result is as final as any.
  const complete = opts.offline || (ctx.stats.reposFailed === 0 && !report.list.some((d) => d.code === 'image/download-failed' || d.code === 'stars/not-asked' || d.code.startsWith('citations/') && d.severity !== 'info'));
  const record = map && !papers && site.bib && site.bibFile ? recordOf(site.bibFile, site.bib, bytesRead(site.bibFile), map, report.list) : undefined;
  return { result: done, saveCache: site.saveCache, stamp: complete ? { page, written, validUntil: starsDueAt(ctx, opts) } : undefined, record };
}

/** The page as byte chunks, and its view; a theme that writes the JSON-LD escaped gets it as plain text. */
function render(theme: Theme, input: ViewInput, map?: PageMap): { page: Buffer[]; view: PageView } {
  const refs = new PageRefs();
  try {
    const view = buildView(input, refs, map);
    return { page: theme.renderPage(view, refs, map), view };
  } catch (err) {
    if (!(err instanceof UnresolvedMarker)) throw err;
    const view = buildView(input);
    return { page: theme.renderPage(view), view };
  }
}

/** When the oldest star or citation count this build used is due to be asked again (never, offline). */
function starsDueAt(ctx: EnrichContext, opts: BuildOptions): number | null {
  if (opts.offline) return null;
  const due = [...ctx.starCounts.keys()].map((repo) => (ctx.cache.getStars(repo)?.fetchedAt ?? 0) + ctx.starsTtlMs);
  if (ctx.citations.dueAt !== undefined) due.push(ctx.citations.dueAt);
  return due.length ? Math.min(...due) : null;
}

async function loadAvatar(site: Site, ctx: EnrichContext, cwd: string, box: Theme['avatar']): Promise<Image | undefined> {
  const { report } = ctx;
  const written = site.profile.avatar;
  if (!written || !site.profileFile) return undefined;
  const file = display(cwd, site.profileFile);
  const pos = site.locateInProfile(['avatar']);
  const inside = await resolveInside(site.siteRoot, path.dirname(site.profileFile), written);
  if ('path' in inside) dependsOnFile(inside.path);
  if ('problem' in inside) {
    report.error(file, pos, { code: 'path/outside-root', message: `avatar: ${inside.problem}` });
    return undefined;
  }
  try {
    const img = await processImage(await readImageFile(inside.path), box, ctx.cache);
    return { src: img.src, width: img.width, height: img.height };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT';
    if (!(err instanceof ImageError) && !code) throw err;
    const message = missing ? 'file not found' : err instanceof ImageError ? err.message : `cannot be read (${code})`;
    report.error(file, pos, { code: missing ? 'profile/missing-avatar' : err instanceof ImageError ? err.diagnostic : 'image/unreadable', message: `avatar "${written}": ${message}` });
    return undefined;
  }
}
