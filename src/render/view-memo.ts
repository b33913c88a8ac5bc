import type { Profile } from '../model/profile.js';
import type { Publication } from '../model/publication.js';
import { between } from '../model/per-entry.js';

interface Kept {
  inputs: unknown[];
  /** The publication's view (render/view-model.ts's PublicationView; generic here to keep imports one-way). */
  view?: unknown;
  /** The JSON-LD article, script-safe JSON as UTF-8 bytes. */
  article?: Buffer;
  /** Whether the owner is among its authors or editors. */
  owners?: boolean;
}

/**
 * Publication views (and their JSON-LD) kept between builds in one process. `watch` builds the
 * same file again on every save; an entry whose inputs are all the same objects and values as last
 * time gets the same view object back, which the theme's fragment cache (render/fragments.ts)
 * then does not render again. A one-shot build only fills it.
 */
export interface ViewMemo<V> {
  /** `id`: the publication's HTML id on this page (render/entry-ids.ts), an input of its view; so is its paper page. */
  view(p: Publication, id: string, make: () => V, pageHref?: string | null): V;
  article(p: Publication, make: () => Buffer): Buffer;
  /** Whether it names the page's owner (its authors and editors are inputs of the slot; the profile, of the memo). */
  namesOwner(p: Publication, make: () => boolean): boolean;
}

let memo: { profile: string; kept: WeakMap<object, Kept> } | undefined;

export function viewMemo<V>(profile: Profile): ViewMemo<V> {
  const kept = between.builds ? keptFor(profile) : undefined;
  // Within one build a publication shown twice is one view, whether or not anything is kept.
  const thisBuild = new Map<Publication, Kept>();
  const slot = (p: Publication, id?: string, pageHref?: string | null): Kept => {
    const now = thisBuild.get(p);
    if (now) return now;
    const s = kept ? keptSlot(kept, p, id, pageHref) : { inputs: [] };
    thisBuild.set(p, s);
    return s;
  };
  return {
    view: (p, id, make, pageHref) => (slot(p, id, pageHref).view ??= make()) as ReturnType<typeof make>,
    article: (p, make) => (slot(p).article ??= make()),
    namesOwner: (p, make) => (slot(p).owners ??= make()),
  };
}

/** What the last builds kept, for this profile (another profile starts afresh). */
function keptFor(profile: Profile): WeakMap<object, Kept> {
  const key = JSON.stringify(profile);
  if (memo?.profile !== key) memo = { profile: key, kept: new WeakMap() };
  return memo.kept;
}

/** The publication's slot from the last build while its inputs are the same; else a new one, kept. */
function keptSlot(kept: WeakMap<object, Kept>, p: Publication, id: string | undefined, pageHref: string | null | undefined): Kept {
  const inputs = inputsOf(p, id, pageHref, scratch);
  const was = kept.get(p.entry.raw);
  if (was !== undefined && sameInputs(was.inputs, inputs)) return was;
  const s = { inputs: inputs.slice() };
  kept.set(p.entry.raw, s);
  return s;
}

/** Where each build writes a publication's inputs to compare them: a kept slot costs no new array. */
const scratch: unknown[] = [];

/**
 * Everything a publication's view is made from, written into `out`. Objects are compared by
 * identity: a loaded entry's fields, HTML and creator lists are new objects whenever it was parsed
 * again, and so are its links and keywords (kept per entry, model/per-entry.ts). The id depends on
 * the other keys of the file (render/entry-ids.ts), so it is an input of its own, and so is the
 * paper page's href (made from the id; null when paper pages are off).
 */
function inputsOf(p: Publication, id: string | undefined, pageHref: string | null | undefined, out: unknown[]): unknown[] {
  const e = p.entry;
  const { badge, stars, thumbnail, citations } = p;
  out[0] = e.raw; out[1] = e.html; out[2] = e.authors; out[3] = e.editors;
  out[4] = e.key; out[5] = e.type; out[6] = id; out[7] = pageHref;
  out[8] = p.year; out[9] = p.bibtex; out[10] = p.selected; out[11] = badge?.label;
  out[12] = badge?.award; out[13] = badge?.color; out[14] = badge?.textColor; out[15] = badge?.url;
  out[16] = stars?.repo; out[17] = stars?.url; out[18] = stars?.count; out[19] = thumbnail?.src;
  out[20] = thumbnail?.width; out[21] = thumbnail?.height; out[22] = citations?.count; out[23] = citations?.source;
  out[24] = citations?.fetchedAt; out[25] = p.links; out[26] = p.keywords; out[27] = p.video?.src;
  out.length = 28;
  return out;
}

function sameInputs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
