// What a link-carrying field value points at, as people write it in a .bib: LaTeX escapes, `\url{}`
// wrappers, "DOI: …" prefixes, arXiv and other eprint ids. Pure functions; the link policy
// (validate/links.ts) still decides what reaches the page.

/** `\url{x}` or `\href{x}{text}` anywhere in a value ("URL: \url{…}"): the x. */
const WRAPPED = /\\(?:url|href)\s*\{([^{}]*)\}/;

/** Undoes what a .bib writes around a URL: padding, `\url{}`, `{\_}`, `\%`, `\~{}`, `{\textasciitilde}`. */
export function unescapeUrl(value: string): string {
  let v = value.trim();
  const wrapped = WRAPPED.exec(v);
  // url.sty ignores spaces inside \url{}: `\url{http:// www.w3.org/ pub/}` is one address
  if (wrapped) v = wrapped[1].replace(/\s+/g, '');
  return v
    .replace(/^\{([^{}]*)\}$/, '$1')
    .replace(/\{\\textasciitilde\}|\\textasciitilde(?:\{\}|\s*)|\{\\~(?:\{\})?\}|\\~(?:\{\})?|\{~\}/g, '~')
    .replace(/\{\\([_%&#$])\}/g, '$1')
    .replace(/\{([_%&#$])\}/g, '$1')
    .replace(/\\([_%&#$])/g, '$1')
    .trim();
}

/** An address with a scheme and `//`: `https://…`, `ftp://…`. */
const SCHEME_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The URLs of a `url`-like value: one, or several when it holds several `scheme://` URLs separated by
 * white space (Mendeley writes `url = {http://a http://b}`).
 */
export function urlsOf(value: string): string[] {
  const v = unescapeUrl(value);
  const parts = v.split(/\s+/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => SCHEME_URL.test(p)) ? parts : v ? [spacesEncoded(v)] : [];
}

/**
 * An http(s) address written with spaces, as Mendeley writes a file's name
 * (`https://…/Volume 9/Issue 2/7 Berenstein.pdf`), with each run of white space as `%20`: one
 * space, as BibTeX reads a value, sent the way a browser sends it. Any other value is as it is
 * (the link policy, validate/links.ts, still refuses quotes and control characters).
 */
export function spacesEncoded(url: string): string {
  if (!/^https?:\/\/[^\s]/i.test(url) || !/\s/.test(url)) return url;
  // Several addresses (`pdf = {https://a.pdf https://b.pdf}`) are not one with spaces: left as
  // written, the link policy refuses them (only `url` takes several, urlsOf).
  const parts = url.split(/\s+/).filter(Boolean);
  return parts.slice(1).some((p) => SCHEME_URL.test(p)) ? url : url.replace(/\s+/g, '%20');
}

/**
 * The addresses a link field gives, as the page links them (and as validate checks them): `url`
 * may hold several (urlsOf); `pdf`, `code`… hold one, spaces in it as spacesEncoded makes them.
 */
export function fieldUrls(name: string, value: string): string[] {
  if (name === 'url') return urlsOf(value);
  const v = unescapeUrl(value);
  return v ? [spacesEncoded(v)] : [];
}

/** A URL found in `\url{…}`/`\href{…}{…}` inside a text field (`howpublished`), else undefined. */
export function wrappedUrl(value: string): string | undefined {
  const m = WRAPPED.exec(value);
  const url = m ? unescapeUrl(m[0]) : undefined;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/**
 * Percent-encodes what cannot stand in a URL path (`<`, `>`, `#`, `?`, spaces, non-ASCII…), keeping
 * `/`, the other reserved characters and escapes already written (`%3A`).
 */
export function encodePath(s: string): string {
  return s.replace(/%(?![0-9a-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gi, (c) => encodeURIComponent(c));
}

/** "10.1000/x" from a DOI as written: bare, `doi:`, "DOI 10…", "DOI: 10…", a (dx.)doi.org URL. */
export function bareDoi(value: string): string | undefined {
  // the prefix taken off first: `doi\s*:?\s*` in one pattern backtracked over a run of spaces
  let v = unescapeUrl(value);
  const prefix = /^(?:doi\s*:|doi\s|(?:https?:\/\/)?(?:dx\.)?doi\.org\/)/i.exec(v);
  if (prefix) v = v.slice(prefix[0].length).trimStart();
  return /^10\.\d{3,}\/\S+$/.test(v) ? v : undefined;
}

/** The href of a `doi` field: `https://doi.org/…` (encoded), a URL as it is, else undefined. */
export function doiHref(value: string): string | undefined {
  const bare = bareDoi(value);
  if (bare) return `https://doi.org/${encodePath(bare)}`;
  const v = unescapeUrl(value).replace(/^doi:\s*/i, '');
  if (!v || /\s/.test(v)) return undefined;
  return /^https?:/i.test(v) ? v : `https://doi.org/${encodePath(v)}`;
}

/** An arXiv id, new style (`2101.00001v2`) or old style (`hep-th/9901001`, `math.GT/0309136`). */
const ARXIV_ID = /^(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?)$/i;

/** The arXiv abs URL of an id (`arXiv:` prefix allowed) or of an arxiv.org URL; undefined otherwise. */
export function arxivHref(value: string): string | undefined {
  const v = unescapeUrl(value);
  if (/^https?:\/\/(?:www\.|export\.)?arxiv\.org\//i.test(v)) return v;
  const id = ARXIV_ID.exec(v)?.[1];
  return id ? `https://arxiv.org/abs/${id}` : undefined;
}

/** Eprint types we can link, by biblatex's `eprinttype`/`archiveprefix` names. */
const EPRINTS: Record<string, { label: string; href: (id: string) => string | undefined }> = {
  arxiv: { label: 'arXiv', href: arxivHref },
  pubmed: { label: 'PubMed', href: (id) => (/^\d{1,10}$/.test(id) ? `https://pubmed.ncbi.nlm.nih.gov/${id}/` : undefined) },
  hdl: { label: 'Handle', href: (id) => (/^\d[\d.]*\/\S+$/.test(id) ? `https://hdl.handle.net/${encodePath(id)}` : undefined) },
  jstor: { label: 'JSTOR', href: (id) => (/^\d{1,12}$/.test(id) ? `https://www.jstor.org/stable/${id}` : undefined) },
};
EPRINTS.handle = EPRINTS.hdl;

/**
 * The link an `eprint` field makes, by `archiveprefix`/`eprinttype`; without either, only an id
 * that looks like arXiv's. Unknown types make none.
 */
export function eprintLink(eprint: string, type: string | undefined): { kind: string; label: string; url: string } | undefined {
  const kind = (type ?? '').trim().toLowerCase().replace(/^arxiv\.org$/, 'arxiv');
  const id = unescapeUrl(eprint);
  const known = kind ? EPRINTS[kind] : ARXIV_ID.test(id) ? EPRINTS.arxiv : undefined;
  const url = known?.href(id);
  return known && url ? { kind: kind || 'arxiv', label: known.label, url } : undefined;
}

/** Two hrefs that lead to the same page: http/https, `dx.doi.org`, host case and a final `/` aside. */
export function sameTarget(a: string, b: string): boolean {
  const norm = (u: string) =>
    withoutTrailingSlashes(u.trim().replace(/^https?:\/\/([^/?#]*)/i, (_, host: string) => `//${host.toLowerCase().replace(/^dx\.doi\.org$/, 'doi.org')}`));
  return norm(a) === norm(b);
}

/** The text without the slashes it ends in, by a loop: `\/+$` backtracks over a run of them (test/redos.test.ts). */
export function withoutTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}
