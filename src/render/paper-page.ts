import path from 'node:path';
import { htmlToText } from '../load/sanitize.js';
import { display, type Site } from '../load/site.js';
import type { Reporter } from '../model/diagnostic.js';
import type { LocalFiles } from '../model/local-files.js';
import type { Profile } from '../model/profile.js';
import type { Publication } from '../model/publication.js';
import { safeHref } from '../validate/links.js';
import { entryIds, paperStems } from './entry-ids.js';
import { scriptJson } from './json-ld.js';
import { scholarlyArticle } from './page-meta.js';
import { citationMeta, type CitationMeta } from './paper-meta.js';
import type { PageView, PublicationView } from './view-types.js';
import type { Theme } from './theme.js';

/**
 * One page per entry the page shows, `papers/ID.html` beside it: Google Scholar reads the
 * `citation_*` tags only from a page about one paper. The theme's `paper.hbs` renders it.
 */

/** The paper template's context: the page's view (so partials find every `@root` field) and the paper. */
export interface PaperView extends PageView {
  paper: {
    /** The entry, every author shown, relative links made relative to `papers/`. */
    pub: PublicationView;
    citationMeta: CitationMeta[];
    /** The main page, relative to the paper page (`../index.html`). */
    homeHref: string;
  };
}

/** A file of `papers/`: a page as bytes, or a copy of a file of the site. */
export type PaperFile = { name: string; bytes: Buffer } | { name: string; source: string };

export interface PaperPages {
  files: PaperFile[];
  /** Entries with a PDF of the site that got no `citation_pdf_url`: the profile has no usable `site_url`. */
  pdfsWithoutUrl: number;
}

type PaperInput = { pubs: Publication[]; profile: Profile; localFiles: LocalFiles; pageName: string };

/**
 * The build's paper pages, with what it should know reported: an error when the theme has no
 * `paper.hbs` (undefined then), a note when PDFs get no `citation_pdf_url` for want of `site_url`.
 */
export function renderPapers(theme: Theme, view: PageView, a: PaperInput, site: Site, report: Reporter, cwd: string): PaperFile[] | undefined {
  if (!theme.renderPaper) {
    report.error(display(cwd, path.join(theme.dir, 'paper.hbs')), undefined, { code: 'theme/missing-template', message: 'paper pages are on, but the theme has no paper.hbs (nor does any theme it extends)', hint: 'add paper.hbs, "extends": "default", or turn paper pages off' });
    return undefined;
  }
  const r = paperPages(theme.renderPaper, view, a);
  if (r.pdfsWithoutUrl) {
    const where = site.profileFile ? display(cwd, site.profileFile) : display(cwd, site.bibFile ?? cwd);
    const n = r.pdfsWithoutUrl;
    report.info(where, site.locateInProfile(['site_url']) ?? site.locateInProfile(['paper_pages']), {
      code: 'profile/no-site-url',
      message: `${n} paper page${n === 1 ? ' has' : 's have'} a PDF of the site but no citation_pdf_url: Google Scholar needs the PDF's absolute URL, and the profile has no http(s) site_url`,
      hint: 'set site_url: to the address the page is published at, e.g. https://you.github.io/',
    });
  }
  return r.files;
}

/**
 * Renders the paper page of every entry `view` shows. A relative `pdf` (else `paper`) that is a
 * PDF of the site is also copied to `papers/ID.pdf`: Google reads `citation_pdf_url` only for a
 * PDF in the page's own folder, and only as an absolute URL, made from the profile's `site_url`.
 */
export function paperPages(render: (view: PaperView) => string, view: PageView, a: PaperInput): PaperPages {
  const ids = entryIds(a.pubs);
  const stems = paperStems(ids);
  const byId = new Map([...ids].map(([p, id]) => [id, p]));
  const base = siteBase(a.profile.site_url);
  const homeHref = `../${encodeURIComponent(a.pageName)}`;
  const files: PaperFile[] = [];
  let pdfsWithoutUrl = 0;
  const done = new Set<string>();
  for (const s of view.sections) for (const g of s.groups) for (const shown of g.entries) {
    // One page per entry: a later copy of an entry shown twice has an id of its own (`pub-key--2`,
    // view-model.ts), which names no entry here.
    const p = byId.get(shown.id);
    if (!p || done.has(shown.id)) continue;
    done.add(shown.id);
    const stem = stems.get(p)!;
    const pdf = pdfOf(p, a.localFiles);
    if (pdf && base) files.push({ name: `${stem}.pdf`, source: pdf });
    else if (pdf) pdfsWithoutUrl++;
    const url = (ext: string): string | undefined => base && new URL(`papers/${stem}.${ext}`, base).href;
    const pub = paperPub(shown, homeHref);
    const abstract = pub.abstractHtml ? htmlToText(pub.abstractHtml).replace(/\s+/g, ' ').trim() : '';
    const paper: PaperView = {
      ...view,
      meta: {
        ...view.meta,
        title: `${pub.titleText} – ${view.profile.name}`,
        description: abstract ? cut(abstract, 300) : pub.titleText,
        url: url('html') ?? null,
        jsonLd: scriptJson({ '@context': 'https://schema.org', ...(scholarlyArticle(p, () => false) as object) }),
      },
      paper: { pub, citationMeta: citationMeta(p, pdf ? url('pdf') : undefined), homeHref },
    };
    files.push({ name: `${stem}.html`, bytes: Buffer.from(render(paper)) });
  }
  return { files, pdfsWithoutUrl };
}

/** The entry as its own page shows it: all its authors, and links that work from `papers/`. */
function paperPub(v: PublicationView, homeHref: string): PublicationView {
  return {
    ...v,
    authors: [...v.authors, ...v.moreAuthors],
    moreAuthors: [],
    moreCount: 0,
    href: v.href && fromPapers(v.href, homeHref),
    links: v.links.map((l) => ({ ...l, url: fromPapers(l.url, homeHref) })),
    pageHref: null,
  };
}

/** A link of the main page, from a page one folder down. */
function fromPapers(href: string, homeHref: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return href;
  if (/^[?#]/.test(href)) return `${homeHref}${href}`;
  return `../${href}`;
}

/** The entry's PDF, when it is a file of the site (`pdf`, else `paper`, ending in `.pdf`). */
function pdfOf(p: Publication, files: LocalFiles): string | undefined {
  const own = files.entries.get(p.entry);
  return [own?.pdf, own?.paper].find((f) => f?.source && /\.pdf$/i.test(f.source))?.source;
}

/**
 * The folder the page is published in, from `site_url` (http(s) only): the URL itself when it
 * ends in `/` or in a folder name, its folder when it names a file (`…/index.html`).
 */
export function siteBase(siteUrl: string | undefined): URL | undefined {
  const href = safeHref(siteUrl);
  if (!href || !/^https?:\/\//i.test(href)) return undefined;
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return undefined;
  }
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(u.pathname)) u.pathname += '/';
  return u;
}

/** At most `n` characters, cut at a space, with "…". */
function cut(s: string, n: number): string {
  const chars = Array.from(s);
  if (chars.length <= n) return s;
  const head = chars.slice(0, n).join('');
  const at = head.lastIndexOf(' ');
  return `${(at > n / 2 ? head.slice(0, at) : head).trimEnd()}…`;
}
