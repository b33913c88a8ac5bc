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
    const was = kept.get(e.raw);
    if (was && was.arg === arg) return was.value;
    const value = fn(e, arg);
    kept.set(e.raw, { arg, value });
    return value;
  };
}
