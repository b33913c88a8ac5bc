import { randomBytes } from 'node:crypto';
import { targetOf, type PageMap } from './page-map.js';

/**
 * The page as rendered fragments. A partial whose output depends on nothing but its context (see
 * `contextOnly`) is rendered once per context object and kept as bytes; the page template gets a
 * marker in its place, and the page is written as the template's bytes with the kept fragments
 * between them. `watch` keeps a publication's view object while its inputs are unchanged, so a save
 * renders and encodes only the publications that changed, and no 12 MB string is ever built.
 */
/** Starts every marker; never written out (a page with one left in it is rendered again without them). */
const MARK = newMark();

function newMark(): string {
  return `\u0000${randomBytes(8).toString('hex')}:`;
}

/**
 * Bytes a view field stands for: the pipeline's view carries the JSON-LD block as a marker, and the
 * page gets the kept bytes of each article in its place. The marker holds `=`, which Handlebars
 * escapes: the bytes go in only where the template writes the field unescaped (`{{{meta.jsonLd}}}`,
 * which theme.ts allows for that field alone); an escaped use leaves a marker that does not match,
 * and the page is rendered again from the plain text.
 */
export class PageRefs {
  private readonly list: Buffer[][] = [];

  add(chunks: Buffer[]): string {
    this.list.push(chunks);
    return `${MARK}=${this.list.length - 1}\u0000`;
  }

  get(n: number): Buffer[] | undefined {
    return this.list[n];
  }
}

/** A marker in the page that is neither a kept fragment nor a reference written unescaped. */
export class UnresolvedMarker extends Error {}

export class Fragments {
  private kept = new WeakMap<object, { bytes: Buffer; root: unknown[] }>();
  /** The fragments of the page being rendered, by marker number; undefined outside renderPage. */
  private current: Buffer[] | undefined;
  /** The view id of each of them, when its context is a publication view (for a PageMap). */
  private currentIds: (string | undefined)[] = [];

  /**
   * Wraps a compiled partial so that, inside `collect`, it renders each context once. `rootPaths`
   * are the `@root.…` fields it reads (see `contextOnly`): a kept fragment is used again only
   * while they hold the same values.
   */
  wrap(tpl: HandlebarsTemplateDelegate, rootPaths: string[][]): HandlebarsTemplateDelegate {
    return (watched: unknown, options?: Handlebars.RuntimeOptions & { indent?: string; hash?: unknown }) => {
      // An indented standalone partial is indented line by line by Handlebars after it returns,
      // and a hash makes a fresh context object: neither is kept (and a watched view's reads count).
      if (!this.current || !watched || typeof watched !== 'object' || options?.indent || options?.hash) return tpl(watched, options);
      const ctx = targetOf(watched);
      const root = rootPaths.map((parts) => parts.reduce<unknown>((v, k) => (v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), options?.data?.root));
      let kept = this.kept.get(ctx);
      if (!kept || kept.root.some((v, i) => v !== root[i])) {
        const html = tpl(ctx, options);
        // A partial that writes a marker (it reads @root.meta.jsonLd) goes into the page as text,
        // so that `collect` resolves the marker.
        if (html.includes(MARK)) return html;
        kept = { bytes: Buffer.from(html), root };
        this.kept.set(ctx, kept);
      }
      const { bytes } = kept;
      this.current.push(bytes);
      this.currentIds.push(viewId(ctx));
      return `${MARK}${this.current.length - 1}\u0000`;
    };
  }

  /**
   * Runs `render` with markers on; returns the page as byte chunks to write in order. With a `map`,
   * records where each publication's fragments and JSON-LD article lie.
   */
  collect(render: () => string, refs?: PageRefs, map?: PageMap): Buffer[] {
    const frags: Buffer[] = [];
    this.current = frags;
    const ids: (string | undefined)[] = (this.currentIds = []);
    let html: string;
    try {
      html = render();
    } finally {
      this.current = undefined;
      this.currentIds = [];
    }
    // The template's text between the markers is encoded piece by piece: no copy of the page.
    const chunks: Buffer[] = [];
    let bytes = 0;
    const push = (c: Buffer): void => {
      chunks.push(c);
      bytes += c.length;
    };
    let from = 0;
    for (let at = html.indexOf(MARK); at !== -1; at = html.indexOf(MARK, from)) {
      const end = html.indexOf('\u0000', at + MARK.length);
      const ref = html[at + MARK.length] === '=';
      const id = html.slice(at + MARK.length + (ref ? 1 : 0), end);
      const put = !/^\d+$/.test(id) ? undefined : ref ? refs?.get(Number(id)) : frags[Number(id)] && [frags[Number(id)]];
      if (!put) throw new UnresolvedMarker('a marker was written escaped or altered');
      push(Buffer.from(html.slice(from, at)));
      for (const c of put) {
        const viewId = !map ? undefined : ref ? map.articleIds.get(c) : ids[Number(id)];
        if (viewId !== undefined) {
          const range: [number, number] = [bytes, bytes + c.length];
          const ranges = ref ? undefined : map!.fragments.get(viewId);
          if (ref) map!.articles.set(viewId, range);
          else if (ranges) ranges.push(range);
          else map!.fragments.set(viewId, [range]);
        }
        push(c);
      }
      from = end + 1;
    }
    push(Buffer.from(html.slice(from)));
    return chunks;
  }
}

/** A publication view's id (it has a string `id` and `key`), or undefined for any other context. */
function viewId(ctx: object): string | undefined {
  const v = ctx as { id?: unknown; key?: unknown };
  return typeof v.id === 'string' && typeof v.key === 'string' ? v.id : undefined;
}

type Node = { type?: string; data?: boolean; depth?: number; parts?: string[]; name?: Node & { original?: unknown }; original?: unknown };

/**
 * Whether a partial's output depends only on its context and on named `@root` fields: no other
 * `@data` (`@index`, `@first`…), no `../`, no dynamic or block partials, no decorators, and the
 * same for every partial it calls. Returns the `@root` paths it reads, or undefined.
 */
export function contextOnly(name: string, asts: Map<string, unknown>, seen = new Set<string>(), rootPaths: string[][] = []): string[][] | undefined {
  if (seen.has(name)) return rootPaths;
  seen.add(name);
  const ast = asts.get(name);
  if (!ast) return undefined;
  let ok = true;
  const visit = (node: unknown): void => {
    if (!ok || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node;
    if (n.type === 'PathExpression' && n.data) {
      if (n.parts?.[0] === 'root' && n.parts.length > 1 && !n.depth) rootPaths.push(n.parts.slice(1));
      else ok = false;
    } else if (n.type === 'PathExpression' && (n.depth ?? 0) > 0) ok = false;
    else if (n.type === 'PartialBlockStatement' || n.type === 'DecoratorBlock' || n.type === 'Decorator') ok = false;
    else if (n.type === 'PartialStatement') {
      const callee = n.name?.type === 'PathExpression' && !n.name.data && typeof n.name.original === 'string' ? n.name.original : undefined;
      if (!callee || !contextOnly(callee, asts, seen, rootPaths)) ok = false;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  visit(ast);
  return ok ? rootPaths : undefined;
}
