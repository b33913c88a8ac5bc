import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { resolveInside } from '../load/paths.js';
import type { Reporter } from '../model/diagnostic.js';
import { HELPERS } from './helpers.js';

export const BUILTIN_THEMES_DIR = fileURLToPath(new URL('../../themes/', import.meta.url));

export interface ThemeManifest {
  name: string;
  description?: string;
  extends?: string;
  thumbnail?: { width: number; height: number };
}

/** A theme ready to render: the page template compiled, CSS and JS concatenated down the chain. */
export interface Theme {
  name: string;
  dir: string;
  thumbnail: { width: number; height: number };
  render(view: unknown): string;
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

/** `NAME` picks a built-in theme; anything with a slash or a leading dot is a folder. */
export function themeDir(spec: string, cwd: string): string {
  return /[\\/]/.test(spec) || spec.startsWith('.') ? path.resolve(cwd, spec) : path.join(BUILTIN_THEMES_DIR, spec);
}

/** Loads a theme and its `extends` chain, compiling templates in a fresh, locked-down Handlebars. */
export async function loadTheme(spec: string, cwd: string, report: Reporter): Promise<Theme | undefined> {
  const layers: Layer[] = [];
  let dir = themeDir(spec, cwd);
  for (let depth = 0; depth < 8; depth++) {
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
  const hb = Handlebars.create();
  const options = { knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])), knownHelpersOnly: true, strict: true, noEscape: false };
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  let ok = true;
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, t] of merged) {
    if (!checkTripleStash(t.source, t.file, report)) ok = false;
    try {
      // precompile parses now, so syntax errors surface here with their line, not at render time
      hb.precompile(t.source, options);
      compiled.set(name, hb.compile(t.source, options));
    } catch (err) {
      ok = false;
      const m = /line (\d+)/i.exec((err as Error).message);
      report.error(t.file, m ? { line: Number(m[1]), column: 1 } : undefined, {
        code: 'theme/compile',
        message: `template does not compile: ${(err as Error).message.split('\n').filter(Boolean).pop()}`,
      });
    }
  }
  for (const [name, tpl] of compiled) if (name !== 'page') hb.registerPartial(name, tpl);
  if (!ok) return undefined;
  const pageTpl = compiled.get('page')!;
  return {
    name: top.manifest.name,
    dir: top.dir,
    thumbnail: layers.reduce((t, l) => l.manifest.thumbnail ?? t, DEFAULT_THUMB),
    render: (view) => pageTpl(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
    css: layers.map((l) => l.css).join('\n'),
    js: layers.map((l) => l.js).join('\n'),
  };
}

async function loadLayer(dir: string, report: Reporter): Promise<Layer | undefined> {
  const manifestFile = path.join(dir, 'theme.json');
  let manifest: ThemeManifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as ThemeManifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    report.error(manifestFile, undefined, {
      code: missing ? 'theme/not-found' : 'theme/bad-manifest',
      message: missing ? `no theme at ${dir} (expected a theme.json there)` : `theme.json is not valid JSON: ${(err as Error).message}`,
      hint: missing ? 'Built-in themes: default, minimal, cards.' : undefined,
    });
    return undefined;
  }
  const templates = new Map<string, { file: string; source: string }>();
  const files = [
    ...(await readdir(dir).catch(() => [] as string[])).filter((f) => f === 'page.hbs'),
    ...(await readdir(path.join(dir, 'partials')).catch(() => [] as string[])).filter((f) => f.endsWith('.hbs')).map((f) => `partials/${f}`),
  ];
  for (const rel of files) {
    const inside = await resolveInside(dir, dir, rel);
    if ('problem' in inside) {
      report.error(path.join(dir, rel), undefined, { code: 'path/outside-root', message: `theme file ${inside.problem}` });
      return undefined;
    }
    // A partial's final newline would put a space wherever it is used inline ("Xu , He").
    const source = (await readFile(inside.path, 'utf8')).replace(/\r?\n$/, '');
    templates.set(path.basename(rel, '.hbs'), { file: path.join(dir, rel), source });
  }
  const optional = async (f: string): Promise<string> => {
    const inside = await resolveInside(dir, dir, f);
    return 'path' in inside ? readFile(inside.path, 'utf8').catch(() => '') : '';
  };
  return { dir, manifest, templates, css: await optional('style.css'), js: await optional('script.js') };
}

/** `{{{x}}}` skips escaping, so it is allowed only on view fields named `…Html` (sanitized) or on `css`/`js`/`jsonLd`. */
function checkTripleStash(source: string, file: string, report: Reporter): boolean {
  let ok = true;
  const re = /\{\{\{\s*([^}]*?)\s*\}\}\}/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const name = m[1].split('.').pop() ?? '';
    if (/Html$/.test(name) || ['css', 'js', 'jsonLd'].includes(name)) continue;
    ok = false;
    const line = source.slice(0, m.index).split('\n').length;
    report.error(file, { line, column: m.index - source.lastIndexOf('\n', m.index - 1) }, {
      code: 'theme/unsafe-triple-stash',
      message: `{{{${m[1]}}}} outputs unescaped text; only fields ending in "Html" are sanitized for that`,
    });
  }
  return ok;
}
