/** The helpers templates may call; anything else fails to compile (knownHelpersOnly). */
export const HELPERS = {
  /** `{{#if (eq a b)}}` */
  eq: (a: unknown, b: unknown): boolean => a === b,
  /** `{{plural n "paper" "papers"}}` */
  plural: (n: unknown, one: unknown, many: unknown): unknown => (n === 1 ? one : many),
  /** `{{#each (chunks entries 24)}}`: the list in runs of `size` (a long list is laid out a run at a time). */
  chunks: (list: unknown, size: unknown): unknown[][] => {
    if (!Array.isArray(list) || list.length === 0) return [];
    const n = typeof size === 'number' && Number.isInteger(size) && size > 0 ? size : list.length;
    const out: unknown[][] = [];
    for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
    return out;
  },
};
