// What the page shows, entry by entry, read with htmlparser2.
import { parseDocument } from 'htmlparser2';

/**
 * The entry blocks of a page: `Map<key, Block[]>`. An entry's root carries `data-key` (every
 * built-in theme); a theme without it is read by its `id="pub-<slug>"`, matched through `slugKey`.
 */
export function readPage(html) {
  const doc = parseDocument(html);
  const roots = [];
  walk(doc, (el) => {
    if (el.attribs['data-key'] !== undefined || (/^pub-/.test(el.attribs.id ?? '') && el.attribs['data-year'] !== undefined)) {
      roots.push(el);
      return false;
    }
    return true;
  });
  const blocks = new Map();
  for (const el of roots) {
    const key = el.attribs['data-key'] ?? `#${el.attribs.id}`;
    if (!blocks.has(key)) blocks.set(key, []);
    blocks.get(key).push(block(el));
  }
  return blocks;
}

/** The id an old theme gives a key (`pub-` and a slug of it): the fallback for pages without data-key. */
export const slugKey = (key) => `#pub-${key.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

const hasClass = (el, re) => (el.attribs?.class ?? '').split(/\s+/).some((c) => re.test(c));
/** Not shown as the entry's text: the BibTeX source, buttons, scripts. */
const hiddenText = (el) => el.name === 'button' || el.name === 'script' || el.name === 'style' || el.name === 'template' || (el.name === 'pre' && hasClass(el, /bibtex/));

function block(root) {
  const title = find(root, (el) => hasClass(el, /-title$/));
  const abstract = find(root, (el) => hasClass(el, /abstract/));
  const authors = find(root, (el) => hasClass(el, /^pub-authors$|^authors$/));
  const hrefs = [];
  walk(root, (el) => {
    if (el.name === 'a' && el.attribs.href !== undefined) hrefs.push(el.attribs.href);
    return true;
  });
  return {
    id: root.attribs.id ?? null,
    text: textOf(root),
    titleText: title ? textOf(title) : textOf(root),
    abstractText: abstract ? textOf(abstract, (el) => el.name === 'summary') : null,
    mathIn: { title: !!(title && find(title, (el) => el.name === 'math')), abstract: !!(abstract && find(abstract, (el) => el.name === 'math')) },
    authors: authors ? authorItems(authors) : [],
    collapsed: !!(authors && find(authors, (el) => hasClass(el, /^authors-rest$/))),
    hrefs,
  };
}

/**
 * The author list as items (split on ", "), each with its text, whether it is bold, and whether
 * it sits in the collapsed rest of the list (behind "and K more").
 */
function authorItems(list) {
  const items = [];
  let cur = { text: '', bold: false, rest: false };
  const visit = (node, bold, rest) => {
    if (node.type === 'text') {
      const parts = node.data.split(', ');
      parts.forEach((part, i) => {
        if (i > 0) {
          items.push(cur);
          cur = { text: '', bold: false, rest: false };
        }
        if (part.trim()) {
          cur.text += part;
          cur.bold ||= bold;
          cur.rest ||= rest;
        }
      });
      return;
    }
    if (!node.children || hiddenText(node) || node.name === 'sup') return;
    const b = bold || node.name === 'strong' || node.name === 'b' || hasClass(node, /owner/);
    // the rest of a collapsed list is hidden, but for the authors it keeps in view (the owner)
    const r = (rest || hasClass(node, /^authors-rest$/)) && !hasClass(node, /^author-kept$/);
    for (const c of node.children) visit(c, b, r);
  };
  for (const c of list.children) visit(c, false, false);
  if (cur.text.trim()) items.push(cur);
  // an item with no letter or digit ("…" between the first authors and the owner) is no author
  return items.map((it) => ({ ...it, text: it.text.trim() })).filter((it) => /[\p{L}\p{N}]/u.test(it.text));
}

/** The text of an element as a reader sees it, without the BibTeX block and buttons. */
export function textOf(node, skip = () => false) {
  if (node.type === 'text') return node.data;
  if (!node.children || (node.type === 'tag' && (hiddenText(node) || skip(node)))) return '';
  const inner = node.children.map((c) => textOf(c, skip)).join('');
  return node.name === 'br' || node.name === 'p' || node.name === 'div' || node.name === 'li' ? ` ${inner} ` : inner;
}

function walk(node, visit) {
  for (const c of node.children ?? []) {
    if (c.type !== 'tag' && c.type !== 'script' && c.type !== 'style') continue;
    if (visit(c) !== false) walk(c, visit);
  }
}

function find(node, test) {
  let found;
  walk(node, (el) => {
    if (found) return false;
    if (test(el)) found = el;
    return !found;
  });
  return found;
}
