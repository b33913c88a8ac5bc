import { charEscaper } from '../load/sanitize.js';

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are written as JSON
 * escapes, so no value (a `</script>` in a title, say) can close the element early; so are U+2028
 * and U+2029, which older JavaScript parsers took for line ends. One pass, and none when the JSON
 * has none of them (most articles).
 */
export function scriptJson(value: unknown): string {
  return scriptSafe(JSON.stringify(value));
}
const scriptSafe = charEscaper(/[<>&\u2028\u2029]/, { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' });
