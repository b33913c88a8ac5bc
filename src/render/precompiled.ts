import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { lazyRequire } from '../lazy.js';
import { sha256 } from '../enrich/cache.js';
import { HELPERS } from './helpers.js';

/**
 * Handlebars' runtime: all that a compiled template needs to run, and half of the whole to load
 * (~20 of ~40 ms, with no compiler and no source-map). The whole, with its compiler, loads only
 * for a template that is not precompiled: one of a user's theme, or a built-in one just edited.
 */
export const handlebarsRuntime = lazyRequire<typeof Handlebars>('handlebars/runtime');
const handlebars = lazyRequire<typeof Handlebars>('handlebars');

/** How every template is compiled: the helpers the themes have, and no other; strict lookups. */
const COMPILE_OPTIONS = { knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])), knownHelpersOnly: true, strict: true, noEscape: false };

/** A template compiled: Handlebars' precompiled specification, and the parsed tree it was made from. */
export interface Compiled {
  spec: string;
  ast: hbs.AST.Program;
}

/** The key of a template's compiled form: its source, the compile options and Handlebars' version. */
export const templateKey = (source: string): string => sha256(`${handlebarsRuntime().VERSION}\0${OPTIONS_TEXT}\0${source}`);
const OPTIONS_TEXT = JSON.stringify(COMPILE_OPTIONS);

/** The options for one compile: Handlebars adds its own helpers to the `knownHelpers` it is given. */
const optionsOnce = () => ({ ...COMPILE_OPTIONS, knownHelpers: { ...COMPILE_OPTIONS.knownHelpers } });

/**
 * Compiles a template's source. precompile takes the parsed tree (and applies whitespace control
 * to it, as it would to the text): the tree returned is the one the fragments' analysis reads.
 * `check` sees the tree first, as parsed (theme.ts checks where it writes HTML unescaped).
 */
export function compileSource(source: string, check: (ast: hbs.AST.Program) => boolean = () => true): Compiled & { ok: boolean } {
  const ast = handlebars().parseWithoutProcessing(source);
  const ok = check(ast);
  return { spec: handlebars().precompile(ast, optionsOnce()) as string, ast, ok };
}

let store: Map<string, Compiled> | undefined;

/**
 * The built-in themes' templates as `npm run data` compiled them (data/themes-compiled.json,
 * scripts/precompile-themes.mjs), by key: parsing and compiling them took ~60 ms of every build.
 * The file ships with the tool, like its code; a template whose source changed since has another
 * key, and is compiled when the theme loads, as a user's theme is.
 */
export function precompiled(key: string): Compiled | undefined {
  if (!store) {
    try {
      store = new Map(Object.entries(JSON.parse(readFileSync(new URL('../../data/themes-compiled.json', import.meta.url), 'utf8')) as Record<string, Compiled>));
    } catch {
      store = new Map();
    }
  }
  return store.get(key);
}
