/** The helpers templates may call; anything else fails to compile (knownHelpersOnly). */
export const HELPERS = {
  /** `{{#if (eq a b)}}` */
  eq: (a: unknown, b: unknown): boolean => a === b,
  /** `{{plural n "paper" "papers"}}` */
  plural: (n: unknown, one: unknown, many: unknown): unknown => (n === 1 ? one : many),
};
