// What the .bib says, read apart from the project's load/ code (bibread.mjs), crossref done here.
import { parseBib } from './bibread.mjs';
import { stripLatex, tokens } from './latex.mjs';

/** The entries of a .bib text: `{ key, type, fields }`, field names lower case, crossref applied. */
export function readBib(text) {
  const entries = parseBib(text).entries.filter((e) => e.key);
  const byKey = new Map();
  for (const e of entries) if (!byKey.has(e.key.toLowerCase())) byKey.set(e.key.toLowerCase(), e);
  return entries.map((e) => withCrossref(e, byKey));
}

/** BibTeX crossref: the fields an entry lacks come from its parent (not its title), a few levels deep. */
function withCrossref(entry, byKey, seen = new Set()) {
  const ref = entry.fields.crossref?.trim().toLowerCase();
  const parent = ref && !seen.has(ref) ? byKey.get(ref) : undefined;
  if (!parent) return entry;
  seen.add(ref);
  const full = withCrossref(parent, byKey, seen);
  const fields = { ...entry.fields };
  for (const [name, value] of Object.entries(full.fields)) {
    if (name !== 'title' && name !== 'crossref' && name !== 'key' && !(name in fields)) fields[name] = value;
  }
  return { ...entry, fields };
}

/** A field's value, or undefined when absent or only white space. */
export const field = (e, name) => (e.fields[name]?.trim() ? e.fields[name] : undefined);

/** The names of a name list, split on " and " outside braces. */
export function splitNames(value) {
  const names = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(c)) {
      const m = /^\s+and\s+/i.exec(value.slice(i, i + 12));
      if (m) {
        names.push(value.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(value.slice(start));
  return names.map((n) => n.trim()).filter(Boolean);
}

/**
 * The people an entry credits, its authors else its editors (as the themes show them):
 * `{ text, literal }`, literal for a name braced whole (`{Council on X, Y and Z}`).
 */
export function people(e) {
  const list = field(e, 'author') ?? field(e, 'editor');
  return list ? splitNames(list).map((raw) => ({ text: stripLatex(raw).trim(), literal: /^\{.*\}$/s.test(raw) })) : [];
}

/** "Last, First" or "First Last", as tokens: `{ last, first[] }`. */
export function nameParts(name) {
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length > 1) return { last: tokens(parts[0]).join(''), first: tokens(parts[parts.length - 1]) };
  const words = tokens(name);
  return { last: words.pop() ?? '', first: words };
}

/** A matcher for the owner's names: the last names agree, and the given names or their initials. */
export function ownerMatcher(ownerNames) {
  const owners = ownerNames.map(nameParts).filter((o) => o.last);
  return (name) => {
    const p = nameParts(name);
    return owners.some(
      (o) => o.last === p.last && o.first.every((w, i) => p.first[i] === undefined || p.first[i] === w || (p.first[i].length === 1 && w.startsWith(p.first[i])) || (w.length === 1 && p.first[i].startsWith(w))),
    );
  };
}
