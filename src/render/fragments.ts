import { randomBytes } from 'node:crypto';

/**
 * The page as rendered fragments. A partial whose output depends on nothing but its context (see
 * `contextOnly`) is rendered once per context object and kept as bytes; the page template gets a
 * marker in its place, and the page is written as the template's bytes with the kept fragments
 * between them. `watch` keeps a publication's view object while its inputs are unchanged, so a save
 * renders and encodes only the publications that changed, and no 12 MB string is ever built.
 */
export class Fragments {
  /** Never written out: a marker that survived into the page would be a bug, not content. */
  private readonly nonce = `\u0000${randomBytes(8).toString('hex')}:`;
  private kept = new WeakMap<object, { bytes: Buffer; root: unknown[] }>();
  /** The fragments of the page being rendered, by marker number; undefined outside renderPage. */
  private current: Buffer[] | undefined;

  /**
   * Wraps a compiled partial so that, inside `collect`, it renders each context once. `rootPaths`
   * are the `@root.…` fields it reads (see `contextOnly`): a kept fragment is used again only
   * while they hold the same values.
   */
  wrap(tpl: HandlebarsTemplateDelegate, rootPaths: string[][]): HandlebarsTemplateDelegate {
    return (ctx: unknown, options?: Handlebars.RuntimeOptions & { indent?: string; hash?: unknown }) => {
      // An indented standalone partial is indented line by line by Handlebars after it returns,
      // and a hash makes a fresh context object: neither is kept.
      if (!this.current || !ctx || typeof ctx !== 'object' || options?.indent || options?.hash) return tpl(ctx, options);
      const root = rootPaths.map((parts) => parts.reduce<unknown>((v, k) => (v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), options?.data?.root));
      let kept = this.kept.get(ctx);
      if (!kept || kept.root.some((v, i) => v !== root[i])) {
        kept = { bytes: Buffer.from(tpl(ctx, options)), root };
        this.kept.set(ctx, kept);
      }
      const { bytes } = kept;
      this.current.push(bytes);
      return `${this.nonce}${this.current.length - 1}\u0000`;
    };
  }

  /** Runs `render` with markers on; returns the page as byte chunks to write in order. */
  collect(render: () => string): Buffer[] {
    const frags: Buffer[] = [];
    this.current = frags;
    let html: string;
    try {
      html = render();
    } finally {
      this.current = undefined;
    }
    if (!frags.length) return [Buffer.from(html)];
    // The template's text between the markers is encoded piece by piece: no copy of the page.
    const chunks: Buffer[] = [];
    let from = 0;
    for (let at = html.indexOf(this.nonce); at !== -1; at = html.indexOf(this.nonce, from)) {
      const end = html.indexOf('\u0000', at + this.nonce.length);
      chunks.push(Buffer.from(html.slice(from, at)), frags[Number(html.slice(at + this.nonce.length, end))]);
      from = end + 1;
    }
    chunks.push(Buffer.from(html.slice(from)));
    return chunks;
  }
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
