import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Modules handed over already loaded, by the specifier their users ask for (see `provide`). */
const provided = new Map<string, unknown>();

/**
 * A module loaded on its first use rather than at start-up. Heavy modules (the LaTeX converter,
 * sanitize-html, sharp, temml, markdown-it) cost 50–150 ms each to load, and many builds need only
 * some of them. Node ≥ 20.19 can require() ES modules, as long as they have no top-level await.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (provided.get(specifier) as T | undefined) ?? (require(specifier) as T));
}

/**
 * Hands a module over already loaded: the start-up snapshot (src/cli/snapshot.ts) loads the
 * heavy modules while it is built, so that a build started from it finds them in its heap.
 */
export function provide(specifier: string, mod: unknown): void {
  provided.set(specifier, mod);
}
