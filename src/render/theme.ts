import { readdir } from 'node:fs/promises';
import { InputFileError, LIMITS, readInput } from '../load/read-input.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import { resolveInside } from '../load/paths.js';
import { Reporter } from '../model/diagnostic.js';
import { HELPERS } from './helpers.js';
import { compileSource, handlebarsRuntime, precompiled, templateKey } from './precompiled.js';
import { dependsOnFolder } from '../deps.js';
import { sha256 } from '../enrich/cache.js';
import { contextOnly, Fragments, type PageRefs } from './fragments.js';
import type { PageMap } from './page-map.js';

export const BUILTIN_THEMES_DIR = fileURLToPath(new URL('../../themes/', import.meta.url));

export interface ThemeManifest {
  name: string;
  description?: string;
  extends?: string;
  thumbnail?: { width: number; height: number };
  /** The avatar's display size, CSS pixels; without it, a `thumbnail.height` square. */
  avatar?: { width: number; height: number };
}

/** A theme ready to render: the page template compiled, CSS and JS concatenated down the chain. */
export interface Theme {
  name: string;
  dir: string;
  thumbnail: { width: number; height: number };
  avatar: { width: number; height: number };
  render(view: unknown): string;
  /**
   * The same page as byte chunks to write in order; unchanged publications are not rendered
   * again, and fields that stand for bytes in `refs` get them (render/fragments.ts).
   */
  renderPage(view: unknown, refs?: PageRefs, map?: PageMap): Buffer[];
  /** A paper page (`paper.hbs`, render/paper-page.ts); undefined when no theme of the chain has one. */
  renderPaper?: (view: unknown) => string;
  css: string;
  js: string;
}

interface Layer {
  dir: string;
  manifest: ThemeManifest;
  templates: Map<string, { file: string; source: string }>;
  css: string;
  js: string;
}

const DEFAULT_THUMB = { width: 200, height: 125 };
/** The paper page template's name: no partial can have it (a file name holds no `/`). */
const PAPER = '/paper';
const MAX_EXTENDS = 8;

export class ThemeRenderError extends Error {
  constructor(readonly file: string, readonly pos: { line: number; column: number } | undefined, message: string) {
    super(message);
  }
}

/** Handlebars puts positions in `lineNumber`/`column`, or in the message ("on line 3", "- 3:4"). */
function errorPosition(err: unknown): { line: number; column: number } | undefined {
  const e = err as { lineNumber?: number; column?: number; message?: string };
  if (typeof e.lineNumber === 'number') return { line: e.lineNumber, column: (e.column ?? 0) + 1 };
  const m = / - (\d+):(\d+)$/m.exec(e.message ?? '') ?? /line (\d+)/i.exec(e.message ?? '');
  return m ? { line: Number(m[1]), column: m[2] !== undefined ? Number(m[2]) + 1 : 1 } : undefined;
}

/** Theme files are shown relative to where the command runs, like every other path. */
function relativeTo(cwd: string, report: Reporter): Reporter {
  const wrap = Object.create(report) as Reporter;
  wrap.error = (file, pos, init) => report.error(path.relative(cwd, file) || file, pos, init);
  wrap.warn = (file, pos, init) => report.warn(path.relative(cwd, file) || file, pos, init);
  return wrap;
}

/** `NAME` picks a built-in theme; anything with a slash or a leading dot is a folder. */
export function themeDir(spec: string, cwd: string): string {
  return /[\\/]/.test(spec) || spec.startsWith('.') ? path.resolve(cwd, spec) : path.join(BUILTIN_THEMES_DIR, spec);
}

/** Loads a theme and its `extends` chain, compiling templates in a fresh, locked-down Handlebars. */
export async function loadTheme(spec: string, cwd: string, outer: Reporter): Promise<Theme | undefined> {
  const report = relativeTo(cwd, outer);
  const layers: Layer[] = [];
  let dir = themeDir(spec, cwd);
  const seen = new Set<string>();
  for (;;) {
    if (seen.has(dir) || seen.size >= MAX_EXTENDS) {
      report.error(path.join(layers[0].dir, 'theme.json'), undefined, {
        code: 'theme/extends-loop',
        message: seen.has(dir) ? `"extends" leads back to ${dir}: themes cannot extend themselves` : `"extends" chain is deeper than ${MAX_EXTENDS} themes`,
      });
      return undefined;
    }
    seen.add(dir);
    const layer = await loadLayer(dir, report);
    if (!layer) return undefined;
    layers.unshift(layer);
    if (!layer.manifest.extends) break;
    dir = themeDir(layer.manifest.extends, layer.dir);
  }
  const merged = new Map<string, { file: string; source: string }>();
  for (const l of layers) for (const [k, v] of l.templates) merged.set(k, v);
  const top = layers[layers.length - 1];
  const page = merged.get('page');
  if (!page) {
    report.error(path.join(top.dir, 'page.hbs'), undefined, { code: 'theme/missing-template', message: 'theme has no page.hbs (nor does any theme it extends)' });
    return undefined;
  }
  const key = JSON.stringify(layers.map((l) => [l.dir, l.manifest, [...l.templates], l.css, l.js]));
  const same = compiledThemes.get(key);
  if (same) return same;
  const hb = handlebarsRuntime().create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  let ok = true;
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const asts = new Map<string, unknown>();
  for (const [name, t] of merged) {
    try {
      // Compiled here, once, so errors surface with their line, not at render time (a built-in
      // template, as `npm run data` compiled it: render/precompiled.ts). hb.compile would compile a
      // second time on the first call, so the precompiled specification, Handlebars' own output,
      // is made a template the documented way.
      const done = precompiled(templateKey(t.source)) ?? compileSource(t.source, (ast) => checkUnescaped(ast, t.file, report));
      if ('ok' in done && !done.ok) ok = false;
      asts.set(name, done.ast);
      compiled.set(name, hb.template(new Function(`return ${done.spec};`)() as Parameters<typeof hb.template>[0]));
    } catch (err) {
      ok = false;
      report.error(t.file, errorPosition(err), {
        code: 'theme/compile',
        message: `template does not compile: ${(err as Error).message.split('\n').filter(Boolean).pop()!.replace(/ - \d+:\d+$/, '')}`,
      });
    }
  }
  if (!ok) return undefined;
  const fragments = new Fragments();
  const kept = compiled.has('publication') ? contextOnly('publication', asts) : undefined;
  for (const [name, tpl] of compiled) {
    if (name !== 'page' && name !== PAPER) hb.registerPartial(name, name === 'publication' && kept ? fragments.wrap(tpl, kept) : tpl);
  }
  const renderer = (name: string) => {
    const tpl = compiled.get(name)!;
    const file = merged.get(name)!.file;
    return (view: unknown): string => {
      try {
        return tpl(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (err) {
        // strict mode: a template asking for a field the view model does not have
        throw new ThemeRenderError(file, errorPosition(err), (err as Error).message.split('\n')[0]);
      }
    };
  };
  const render = renderer('page');
  const thumbnail = layers.reduce((t, l) => sizeBox(l.manifest.thumbnail) ?? t, DEFAULT_THUMB);
  const theme: Theme = {
    name: top.manifest.name,
    dir: top.dir,
    thumbnail,
    avatar: layers.reduce((a, l) => sizeBox(l.manifest.avatar) ?? a, { width: thumbnail.height, height: thumbnail.height }),
    render,
    renderPage: (view, refs, map) => fragments.collect(() => render(view), refs, map),
    renderPaper: compiled.has(PAPER) ? renderer(PAPER) : undefined,
    css: layers.map((l) => l.css).join('\n'),
    js: layers.map((l) => l.js).join('\n'),
  };
  if (compiledThemes.size >= 4) compiledThemes.delete(compiledThemes.keys().next().value!);
  compiledThemes.set(key, theme);
  return theme;
}

/** A display box from theme.json, if it is one: whole CSS pixels, 1 to 2000 each way. */
function sizeBox(v: unknown): { width: number; height: number } | undefined {
  const b = v as { width?: unknown; height?: unknown } | undefined;
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 2000;
  return b && typeof b === 'object' && ok(b.width) && ok(b.height) ? { width: b.width as number, height: b.height as number } : undefined;
}

/**
 * Themes compiled in this process, by their files' contents (watch builds again and again with
 * the same theme; keeping it keeps its rendered fragments too).
 */
const compiledThemes = new Map<string, Theme>();

async function loadLayer(dir: string, report: Reporter): Promise<Layer | undefined> {
  dependsOnFolder(dir);
  const manifestFile = path.join(dir, 'theme.json');
  let manifest: ThemeManifest;
  try {
    manifest = JSON.parse((await readInput(manifestFile, LIMITS.theme)).toString('utf8')) as ThemeManifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    report.error(manifestFile, undefined, {
      code: missing ? 'theme/not-found' : err instanceof InputFileError ? 'theme/unreadable' : 'theme/bad-manifest',
      message: missing ? `no theme at ${dir} (expected a theme.json there)` : err instanceof InputFileError ? `theme.json: ${err.message}` : `theme.json is not valid JSON: ${(err as Error).message}`,
      hint: missing ? 'Built-in themes: default, minimal, cards.' : undefined,
    });
    return undefined;
  }
  const templates = new Map<string, { file: string; source: string }>();
  const [top, partials] = await Promise.all([dir, path.join(dir, 'partials')].map((d) => readdir(d).catch(() => [] as string[])));
  const files = [
    ...top.filter((f) => f === 'page.hbs' || f === 'paper.hbs'),
    ...partials.filter((f) => f.endsWith('.hbs') && f !== 'page.hbs').map((f) => `partials/${f}`),
  ];
  const text = (file: string): Promise<string> => readInput(file, LIMITS.theme).then((b) => b.toString('utf8'));
  // A missing style.css or script.js is none; one that cannot be read is reported.
  const optional = async (f: string): Promise<{ rel: string; source: string } | { rel: string; error: unknown }> => {
    const inside = await resolveInside(dir, dir, f);
    if (!('path' in inside)) return { rel: f, source: '' };
    return text(inside.path).then((source) => ({ rel: f, source }), (error: unknown) => ((error as NodeJS.ErrnoException).code === 'ENOENT' ? { rel: f, source: '' } : { rel: f, error }));
  };
  const src = (r: Awaited<ReturnType<typeof optional>>): string => ('source' in r ? r.source : '');
  // A minified copy that cannot be read (a folder, a pipe, too large…) is no copy: the source is inlined.
  const copy = (f: string): Promise<string> => optional(f).then(src);
  // Read at once, not one after the other (a dozen small files): the first problem, in order, is reported.
  const [read, css, js, cssMin, jsMin] = await Promise.all([
    Promise.all(files.map(async (rel) => {
      const inside = await resolveInside(dir, dir, rel);
      if ('problem' in inside) return { rel, problem: inside.problem };
      return text(inside.path).then((source) => ({ rel, source }), (error: unknown) => ({ rel, error }));
    })),
    optional('style.css'),
    optional('script.js'),
    copy('style.min.css'),
    copy('script.min.js'),
  ]);
  for (const r of [...read, css, js]) {
    if ('problem' in r) {
      report.error(path.join(dir, r.rel), undefined, { code: 'path/outside-root', message: `theme file ${r.problem}` });
      return undefined;
    }
    if ('error' in r) {
      const e = r.error as NodeJS.ErrnoException;
      report.error(path.join(dir, r.rel), undefined, { code: 'theme/unreadable', message: e instanceof InputFileError ? e.message : `cannot read the theme file (${e.code ?? e.message})` });
      return undefined;
    }
    if (r === css || r === js) continue;
    // A partial's final newline would put a space wherever it is used inline ("Xu , He").
    templates.set(r.rel === 'paper.hbs' ? PAPER : path.basename(r.rel, '.hbs'), { file: path.join(dir, r.rel), source: templateSource(r.source) });
  }
  return { dir, manifest, templates, css: minifiedOf('style.css', src(css), cssMin), js: minifiedOf('script.js', src(js), jsMin) };
}

/**
 * What a theme's `name` (style.css, script.js) inlines: its minified copy (style.min.css,
 * script.min.js, as scripts/minify-themes.mjs writes them for the built-in themes) when the copy's
 * first line names the SHA-256 of this very source, else the source. A theme copied and edited
 * keeps its old .min file: that copy no longer matches, and the edit shows.
 */
export function minifiedOf(name: string, source: string, min: string): string {
  const nl = min.indexOf('\n');
  if (!source || nl < 0) return source;
  return min.slice(0, nl) === minifiedHeader(name, source) ? min.slice(nl + 1) : source;
}

/** A template file's text as it is compiled: without the line break that ends the file. */
export const templateSource = (text: string): string => text.replace(/\r?\n$/, '');

/** The first line of a minified copy of `source` (the text of `name`): scripts/minify-themes.mjs writes it. */
export function minifiedHeader(name: string, source: string): string {
  return `/*! scholar-page: ${name} minified, sha256 ${sha256(source)} */`;
}

/**
 * `{{{x}}}` and `{{& x}}` skip escaping, so they are allowed only on view fields named `…Html`
 * (sanitized) and on `css`, `js`, `jsonLd`. The parsed template is walked, so no spelling escapes it.
 */
export function checkUnescaped(ast: hbs.AST.Program, file: string, report: Reporter): boolean {
  let ok = true;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; path?: { original?: unknown }; params?: unknown[]; loc?: hbs.AST.SourceLocation };
    if (n.type === 'MustacheStatement' && n.escaped === false) {
      const original = typeof n.path?.original === 'string' ? n.path.original : '';
      const name = original.split('.').pop() ?? '';
      if (n.params?.length || !(/Html$/.test(name) || ['css', 'js', 'jsonLd'].includes(name))) {
        ok = false;
        report.error(file, n.loc ? { line: n.loc.start.line, column: n.loc.start.column + 1 } : undefined, {
          code: 'theme/unsafe-triple-stash',
          message: `{{{${original || '…'}}}} outputs unescaped text; only fields ending in "Html" are sanitized for that`,
        });
      }
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') Array.isArray(v) ? v.forEach(visit) : visit(v);
  };
  visit(ast);
  return ok;
}
