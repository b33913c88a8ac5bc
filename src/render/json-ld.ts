/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are written as JSON
 * escapes, so no value (a `</script>` in a title, say) can close the element early.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
