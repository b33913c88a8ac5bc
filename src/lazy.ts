import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A module loaded on its first use rather than at start-up. Heavy modules (the LaTeX converter,
 * sanitize-html, sharp, temml, markdown-it) cost 50–150 ms each to load, and many builds need only
 * some of them. Node ≥ 20.19 can require() ES modules, as long as they have no top-level await.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
