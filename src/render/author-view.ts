import { escapeHtml } from '../load/sanitize.js';
import type { Person } from '../model/entry.js';
import type { Publication } from '../model/publication.js';
import { personName } from './owner.js';
import type { AuthorView, PublicationView } from './view-types.js';

type Authors = Pick<PublicationView, 'authors' | 'moreAuthors' | 'moreCount' | 'editorLabel'> & { names: string[] };

/** The name as HTML, with the author's own emphasis from the .bib (`\textbf`, `\emph`). */
function nameHtml(p: Person, name: string): string {
  let html = escapeHtml(name);
  if (p.emphasis?.italic) html = `<em>${html}</em>`;
  if (p.emphasis?.bold) html = `<b>${html}</b>`;
  return html;
}

/**
 * The author line: the first `max` names, and the rest to collapse behind "and K more". The owner
 * never disappears into the rest: a kept name shows while the rest is collapsed, as
 * "A, B, C, …, Owner, … and K more". An editor-only work shows its editors, marked as such.
 */
export function authorsView(p: Publication, isOwner: (x: Person) => boolean, max: number, linkOf: (x: Person) => string | undefined = () => undefined): Authors {
  const editorsOnly = p.entry.authors.length === 0 && p.entry.editors.length > 0;
  const people = editorsOnly ? p.entry.editors : p.entry.authors;
  const names = people.map(personName);
  const all = people.map((a, i): AuthorView => {
    const owner = isOwner(a);
    return { nameHtml: nameHtml(a, names[i]), isOwner: owner, url: owner ? null : linkOf(a) ?? null, marks: a.marks, last: i === people.length - 1, keep: false, gapBefore: false, gapAfter: false };
  });
  let head = all.length > max + 1 ? max : all.length;
  while (head < all.length && all[head].isOwner) head++; // an owner right after the head joins it
  const rest = all.slice(head);
  for (let i = 0; i < rest.length; i++) {
    if (!rest[i].isOwner) continue;
    rest[i].keep = true;
    rest[i].gapBefore = i > 0 && !rest[i - 1].isOwner;
    rest[i].gapAfter = i < rest.length - 1 && !rest[i + 1].isOwner;
  }
  const hidden = rest.filter((a) => !a.keep).length;
  const editorLabel = editorsOnly ? (people.length > 1 ? 'Eds.' : 'Ed.') : null;
  // Hiding fewer than two names saves nothing.
  if (hidden < 2) return { authors: all.map((a) => ({ ...a, keep: false })), moreAuthors: [], moreCount: 0, editorLabel, names };
  return { authors: all.slice(0, head), moreAuthors: rest, moreCount: hidden, editorLabel, names };
}
