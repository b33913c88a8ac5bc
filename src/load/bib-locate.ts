import type { Position } from '../model/diagnostic.js';
import type { SourceText } from './source-text.js';

export interface Located {
  /** Where each field's name is, the first time it appears. */
  positions: Record<string, Position>;
  /** Fields given again in the same entry (BibTeX keeps the first). */
  duplicates: { name: string; pos: Position }[];
  /** Each field's value as written (`feb`, `{Title}`, `"a" # b`), trimmed; the first when repeated. */
  written: Record<string, string>;
}

/**
 * Finds `name = value` at the top brace level of an entry's text (`input`, starting at `offset`
 * in `source`): the position of each field name and the text of its value.
 */
export function locateFields(input: string, offset: number, source: SourceText): Located {
  const positions: Record<string, Position> = {};
  const written: Record<string, string> = {};
  const duplicates: { name: string; pos: Position }[] = [];
  let depth = 0;
  let inQuote = false;
  let open: { name: string; from: number } | undefined;
  const close = (to: number): void => {
    if (open && !(open.name in written)) written[open.name] = input.slice(open.from, to).trim();
    open = undefined;
  };
  const brace = input.indexOf('{');
  const paren = input.indexOf('(');
  // `@misc(key, …)`: the entry's own parentheses count as its outer braces.
  const parens = paren !== -1 && (brace === -1 || paren < brace);
  const afterOpen = (parens ? paren : brace) + 1;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\') { i++; continue; }
    if (c === '{' || (parens && c === '(' && depth === 0)) { depth++; continue; }
    if (c === '}' || (parens && c === ')' && depth === 1 && !inQuote)) {
      if (--depth === 0) close(i);
      continue;
    }
    if (c === '"' && depth === 1) { inQuote = !inQuote; continue; }
    if (depth !== 1 || inQuote) continue;
    if (c === ',' || i === afterOpen) {
      if (c === ',') close(i);
      const m = /^[,\s]*([^\s=,{}"#]+)\s*=/.exec(input.slice(i));
      if (m) {
        const name = m[1].toLowerCase();
        const at = i + m[0].indexOf(m[1]);
        if (!(name in positions)) positions[name] = source.position(offset + at);
        else duplicates.push({ name, pos: source.position(offset + at) });
        open = { name, from: i + m[0].length };
        i += m[0].length - 1;
      }
    }
  }
  close(input.length);
  return { positions, duplicates, written };
}
