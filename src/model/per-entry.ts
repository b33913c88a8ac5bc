import type { Entry } from './entry.js';

/**
 * A value computed from one entry alone, kept as long as the entry's fields object lives. `watch`
 * keeps the fields object of every entry it did not parse again (load/bib.ts), so after a save only
 * the changed entries are computed again, and the kept values are the same objects as last time
 * (which lets render/view-memo.ts compare them by identity). `fn` must read nothing but the entry
 * and `arg` (compared with ===); the values are shared between builds and must not be mutated.
 */
export function perEntry<T, A = undefined>(fn: (e: Entry, arg: A) => T): (e: Entry, arg: A) => T {
  const kept = new WeakMap<object, { arg: A; value: T }>();
  return (e, arg) => {
    if (!between.builds) return fn(e, arg);
    const was = kept.get(e.raw);
    if (was && was.arg === arg) return was.value;
    const value = fn(e, arg);
    kept.set(e.raw, { arg, value });
    return value;
  };
}

/**
 * Whether values are kept for a next build in this process (perEntry, render/view-memo.ts). On by
 * default, for `watch` and library callers; the CLI's one-shot `build` and `validate` turn it off:
 * no build follows, and filling the weak maps cost 5–10% of a large build (time and GC).
 */
export const between = { builds: true };
