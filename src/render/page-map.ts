/**
 * Where each entry lies in a rendered page, for a later build that changes one entry only
 * (src/patch/): the byte ranges of its fragments (by the view id they carry) and of its JSON-LD
 * article, what the rest of the page reads of it (its footprint), and whether the page's template
 * read any publication view outside that view's own fragment (then no fragment can be replaced
 * alone). Filled by buildView and Fragments.collect when the pipeline passes one.
 */
export class PageMap {
  /** `footprints`: compute each entry's footprint (render/footprint.ts); only src/patch/ compares them. */
  constructor(readonly footprints = false) {}

  /** Byte ranges of the fragments of each publication view, by the view's id. */
  readonly fragments = new Map<string, [number, number][]>();
  /** Byte range of each JSON-LD article, by the id of its publication's first view. */
  readonly articles = new Map<string, [number, number]>();
  /** Fields of publication views read outside their own fragment, by name. */
  readonly outsideReads = new Set<string>();
  /** The ids of each entry's views, and (with `footprints`) what the page outside its fragments reads of it, by entry index. */
  readonly entries = new Map<number, { footprint?: string; ids: string[] }>();
  /** JSON-LD article bytes → the id it is recorded under (filled by buildView, read by collect). */
  readonly articleIds = new Map<Buffer, string>();

  /**
   * A publication view, watched: a read of one of its fields outside a fragment rendering it is
   * recorded. Fragments are rendered from the view itself (`targetOf`), so their reads are not.
   */
  watch<V extends object>(view: V): V {
    const reads = this.outsideReads;
    const proxy = new Proxy(view, {
      get(target, name, receiver) {
        if (typeof name === 'string') reads.add(name);
        return Reflect.get(target, name, receiver);
      },
      ownKeys(target) {
        reads.add('*');
        return Reflect.ownKeys(target);
      },
    });
    targets.set(proxy, view);
    return proxy;
  }
}

const targets = new WeakMap<object, object>();

/** The view behind a watched one (PageMap.watch), or the object itself. */
export function targetOf<T>(ctx: T): T {
  return (ctx && typeof ctx === 'object' && (targets.get(ctx) as T | undefined)) || ctx;
}
