// The links an entry's fields promise, and whether a page's hrefs keep them.
import { field } from './source.mjs';

/** Fields whose value is one link (a URL or a path beside the .bib). */
export const LINK_FIELDS = ['url', 'pdf', 'paper', 'code', 'html', 'slides', 'poster', 'supp', 'website', 'project', 'video', 'blog', 'dataset'];

const ARXIV_ID = /^(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?)$/i;

/**
 * Undoes what people write around a URL in a .bib: padding, `\url{}` (anywhere: "URL: \url{…}"),
 * outer braces, `\_` and `{\_}`-style escapes (Mendeley), `\~{}` and `{\textasciitilde}` for `~`.
 */
export function cleanUrl(value) {
  let v = value.trim();
  // url.sty ignores spaces inside \url{}
  const wrapped = /\\(?:url|href)\s*\{([^}]*)\}/.exec(v);
  if (wrapped) v = wrapped[1].replace(/\s+/g, '');
  return v
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/\{?\\textasciitilde(?:\{\})?\}?|\{?\\~(?:\{\})?\}?/g, '~')
    .replace(/\{\\?([_%&#$~])\}/g, '$1')
    .replace(/\\([_%&#~$])/g, '$1')
    .trim();
}

/**
 * The links expected on the page: `{ field, value, match(href) }`. Only http(s), mailto and
 * relative values count: the project refuses other schemes on purpose.
 */
export function expectedLinks(e) {
  const out = [];
  for (const name of LINK_FIELDS) {
    const raw = field(e, name);
    if (raw === undefined) continue;
    const parts = cleanUrl(raw).split(/\s+/).filter(Boolean);
    // Several addresses, or one http(s) address with spaces in it (a file name): then one link, its
    // spaces sent as a browser sends them (sameUrl compares decoded).
    const one = parts.length > 1 && /^https?:\/\//i.test(parts[0]) && !parts.slice(1).some((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p));
    for (const v of one ? [parts.join(' ')] : parts) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(v) && !/^(https?|mailto):/i.test(v)) continue;
      const doi = doiOf(v);
      // a doi.org URL is kept by any link to the same DOI
      if (doi && /^https?:/i.test(v)) out.push({ field: name, value: v, match: (h) => sameUrl(h, v) || doiOf(h)?.toLowerCase() === doi.toLowerCase() });
      else if (/^(https?|mailto):/i.test(v)) out.push({ field: name, value: v, match: (h) => sameUrl(h, v) });
      else {
        const rel = v.replace(/^\.\//, '');
        out.push({ field: name, value: v, match: (h) => sameUrl(h, v) || decode(h).endsWith(`/${rel}`) || decode(h) === rel });
      }
    }
  }
  // a URL written as `\url{…}` or `\href{…}{…}` in howpublished is a link too
  const how = field(e, 'howpublished');
  const wrapped = how && /\\(?:url|href)\s*\{\s*(https?:\/\/[^}]*)\}/i.exec(how);
  if (wrapped) {
    const v = cleanUrl(wrapped[0]);
    out.push({ field: 'howpublished', value: v, match: (h) => sameUrl(h, v) });
  }
  const doi = field(e, 'doi') && cleanUrl(field(e, 'doi'));
  if (doi) {
    const bare = doiOf(doi);
    // not a DOI: a URL is itself; any other word is taken as the project takes it (doi.org/value)
    if (bare) out.push({ field: 'doi', value: `https://doi.org/${bare}`, match: (h) => doiOf(h)?.toLowerCase() === bare.toLowerCase() });
    else if (/^https?:/i.test(doi)) out.push({ field: 'doi', value: doi, match: (h) => sameUrl(h, doi) });
    else if (!/\s/.test(doi)) out.push({ field: 'doi', value: doi, match: (h) => decode(h).endsWith(`/${doi}`) || decodeAll(h).endsWith(`/${doi}`) });
  }
  for (const name of ['arxiv', 'eprint']) {
    const v = field(e, name) && cleanUrl(field(e, name));
    if (!v) continue;
    const type = (field(e, 'archiveprefix') ?? field(e, 'eprinttype') ?? '').trim().toLowerCase();
    if (name === 'eprint' && type !== 'arxiv' && !(type === '' && ARXIV_ID.test(v))) continue;
    const id = ARXIV_ID.exec(v)?.[1]?.toLowerCase();
    if (id) out.push({ field: name, value: `https://arxiv.org/abs/${id}`, match: (h) => /arxiv\.org\//i.test(h) && decode(h).toLowerCase().includes(id) });
    else if (/^https?:/i.test(v)) out.push({ field: name, value: v, match: (h) => sameUrl(h, v) });
  }
  return out;
}

function decode(u) {
  try {
    return decodeURI(u.trim());
  } catch {
    return u.trim();
  }
}

/** A DOI's href percent-encodes `?`, `#`, `%`…: all of it decoded. */
function decodeAll(u) {
  try {
    return decodeURIComponent(u.trim());
  } catch {
    return u.trim();
  }
}

// http: and https: of one address are the same link (a page may well upgrade it)
const bareUrl = (u) => decode(u).replace(/\/+$/, '').replace(/^https?:\/\/([^/]*)/i, (_, host) => `//${host.toLowerCase()}`);
const sameUrl = (a, b) => bareUrl(a) === bareUrl(b);

/**
 * "10.1000/x" from a DOI written bare, as `doi:` or as a doi.org URL (DOIs are case-blind: compare
 * lower case). A DOI is one opaque string: an href must percent-encode its `#`, `?`, `<`, `>`.
 */
function doiOf(v) {
  let d;
  try {
    d = decodeURIComponent(v.trim());
  } catch {
    d = v.trim();
  }
  const m = /^(?:doi:?\s*|(?:https?:\/\/)?(?:dx\.)?doi\.org\/)?(10\.\d{3,}\/\S+)$/i.exec(d);
  return m?.[1];
}
