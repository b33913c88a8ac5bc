// Entry by entry: does the page show what the .bib says?
import { mathAlphabetLetters, stripLatex, tokens } from './latex.mjs';
import { field, ownerMatcher, people } from './source.mjs';
import { expectedLinks } from './links.mjs';
import { slugKey } from './page.mjs';

/** The kinds of loss, in the order the report lists them. */
export const KINDS = ['audit error', 'build failed', 'entry missing', 'title words', 'abstract end', 'math lost', 'stray chars', 'markup shown', 'author count', 'owner not bold', 'owner hidden', 'link missing', 'duplicate id'];

/** How many of an abstract's last word tokens must appear. */
const ABSTRACT_TAIL = 5;
const STRAY = ['¡', '¿', '\\', '{', '}'];
const MARKUP = /<\/?(?:a|p|div|span|font|b|i|em|strong|sup|sub|br)(?:\s[^<>]*)?\/?>/i;

/**
 * Audits a page against the entries of its .bib. `owner`: the profile's owner names (none: the
 * owner is not checked). `everyEntry`: the page shows every entry (no profile sections pick
 * some), so a missing one is a loss. Returns `{ entries, checked, losses: [{ key, kind, expected, found }] }`.
 */
export function auditPage(entries, blocks, { owner = [], everyEntry = true } = {}) {
  const isOwner = owner.length ? ownerMatcher(owner) : undefined;
  const losses = [];
  let checked = 0;
  const groups = new Map();
  for (const e of entries) {
    if (!groups.has(e.key)) groups.set(e.key, []);
    groups.get(e.key).push(e);
  }
  for (const [key, group] of groups) {
    const free = [...(blocks.get(key) ?? blocks.get(slugKey(key)) ?? [])];
    for (const e of distinct(group)) {
      const b = bestBlock(e, free);
      if (!b) {
        if (everyEntry) losses.push({ key, kind: 'entry missing', expected: `an element with data-key="${key}"`, found: 'none' });
        continue;
      }
      free.splice(free.indexOf(b), 1);
      checked++;
      for (const l of auditEntry(e, b, isOwner)) losses.push({ key, ...l });
    }
  }
  // one entry's toggle must not close another's: every entry's id is its own
  const ids = new Map();
  for (const [key, list] of blocks) for (const b of list) if (b.id) ids.set(b.id, [...(ids.get(b.id) ?? []), key]);
  for (const [id, keys] of ids) if (keys.length > 1) for (const key of keys.slice(1)) losses.push({ key, kind: 'duplicate id', expected: `an id of its own`, found: `id="${id}", also on "${keys[0]}"` });
  return { entries: entries.length, checked, losses };
}

/** Entries under one key that are identical in every field are one entry. */
function distinct(group) {
  const seen = new Set();
  return group.filter((e) => {
    const id = JSON.stringify([e.type, Object.entries(e.fields).map(([k, v]) => [k, v.trim()]).sort()]);
    return !seen.has(id) && seen.add(id);
  });
}

/** Of the blocks under a key, the one whose title shares the most words with the entry's. */
function bestBlock(e, blocks) {
  const want = new Set(tokens(stripLatex(field(e, 'title') ?? '')));
  // entries under one key without titles (duplicates) are told apart by their authors and year
  const rest = new Set(tokens(stripLatex(`${field(e, 'author') ?? ''} ${field(e, 'editor') ?? ''} ${field(e, 'year') ?? ''}`)));
  const authors = (field(e, 'author') ?? '').split(/\s+and\s+/).filter((a) => a.trim()).length;
  let best;
  let score = -Infinity;
  for (const b of blocks) {
    const text = new Set(tokens(b.text));
    const s = 1000 * tokens(b.titleText).filter((t) => want.has(t)).length + 10 * [...rest].filter((t) => text.has(t)).length - Math.min(9, Math.abs(b.authors.length - authors));
    if (s > score) [best, score] = [b, s];
  }
  return best;
}

/** The losses of one entry: `{ kind, expected, found }`. */
export function auditEntry(e, b, isOwner) {
  const out = [];
  const loss = (kind, expected, found) => out.push({ kind, expected, found });

  const title = field(e, 'title');
  if (title) {
    const want = tokens(stripLatex(title));
    const have = tokens(b.titleText);
    const missing = want.filter((t) => !have.includes(t));
    if (missing.length && !have.join('').includes(want.join(''))) loss('title words', stripLatex(title).trim(), `${b.titleText.trim()} (missing: ${missing.join(' ')})`);
  }

  const abstract = field(e, 'abstract');
  const tail = abstract ? tokens(stripLatex(abstract)).slice(-ABSTRACT_TAIL) : [];
  if (tail.length) {
    const have = tokens(b.abstractText ?? b.text).join('');
    if (!have.includes(tail.join(''))) loss('abstract end', `…${tail.join(' ')}`, b.abstractText === null ? '(no abstract shown)' : `…${tailText(b.abstractText)}`);
  }

  for (const [name, shown, math] of [['title', b.titleText, b.mathIn.title], ['abstract', b.abstractText ?? '', b.mathIn.abstract]]) {
    const src = field(e, name);
    if (!src || math) continue;
    for (const { font, letter } of mathAlphabetLetters(src)) {
      const want = stripLatex(`$\\${font}{${letter}}$`);
      // the letter of any math alphabet will do (𝓡 for ℛ): not the plain letter
      const fancy = [...shown].some((ch) => ch !== letter && ch.normalize('NFKD') === letter);
      if (!fancy) loss('math lost', `\\${font}{${letter}} as ${want} or MathML in the ${name}`, name === 'title' ? shown.trim() : `a plain ${letter}`);
    }
  }

  const source = Object.values(e.fields).map(stripLatex).join(' ');
  for (const c of STRAY) {
    const at = b.text.indexOf(c);
    if (at >= 0 && !source.includes(c)) loss('stray chars', `no ${c}`, `…${b.text.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ')}…`);
  }

  // A tag of the source shown as text: `<a href="…">`, `</p>` on the page (al-folio sites write
  // them in titles, awards and abstracts; their sites show them as HTML).
  const tag = MARKUP.exec(b.text);
  if (tag) loss('markup shown', 'the text of the markup, not its tags', `…${b.text.slice(Math.max(0, tag.index - 30), tag.index + 40).replace(/\s+/g, ' ')}…`);

  const credited = people(e);
  const names = credited.map((p) => p.text);
  if (names.length) {
    // a literal name's own commas split it on the page as they would any list
    const commas = credited.reduce((n, p) => n + (p.literal ? p.text.split(', ').length - 1 : 0), 0);
    if (b.authors.length !== names.length && b.authors.length !== names.length + commas) {
      loss('author count', `${names.length} (${short(names.join('; '))})`, `${b.authors.length} (${short(b.authors.map((a) => a.text).join('; '))})`);
    }
  }

  if (isOwner && names.some(isOwner)) {
    // the owner's items by the name shown; when the name shown is garbled, by position
    let owners = b.authors.filter((a) => isOwner(a.text));
    if (owners.length < names.filter(isOwner).length && b.authors.length === names.length) owners = b.authors.filter((a, i) => isOwner(a.text) || isOwner(names[i]));
    if (owners.length < names.filter(isOwner).length) loss('owner not bold', names.filter(isOwner).join('; '), 'not among the shown authors');
    for (const a of owners) {
      if (!a.bold) loss('owner not bold', `<strong>${a.text}</strong>`, a.text);
      if (a.rest && b.collapsed) loss('owner hidden', `${a.text} among the authors shown`, 'behind "and K more"');
    }
  }

  for (const l of expectedLinks(e)) if (!b.hrefs.some(l.match)) loss('link missing', `${l.field}: ${l.value}`, b.hrefs.length ? short(b.hrefs.join(' ')) : 'no links');
  return out;
}

const short = (s, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const tailText = (s) => s.trim().replace(/\s+/g, ' ').slice(-60);
