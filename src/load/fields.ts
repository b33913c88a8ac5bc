/** Field vocabulary: which fields are standard BibTeX, which are ours, which are read verbatim. */

/** Standard BibTeX/BibLaTeX data fields: the ones kept in the BibTeX shown on the page. */
export const STANDARD_FIELDS = new Set([
  'address', 'author', 'booktitle', 'chapter', 'doi', 'edition', 'editor', 'eprint', 'eprinttype',
  'archiveprefix', 'primaryclass', 'howpublished', 'institution', 'isbn', 'issn', 'journal',
  'journaltitle', 'month', 'note', 'number', 'organization', 'pages', 'publisher', 'school',
  'series', 'title', 'subtitle', 'type', 'url', 'urldate', 'volume', 'year', 'date', 'location',
  'eventtitle', 'issue', 'language', 'langid', 'key', 'crossref', 'editora', 'editorb',
  'translator', 'venue', 'maintitle', 'pagetotal', 'version', 'addendum', 'annote',
  // BibLaTeX data and special fields (biblatex manual, §2.2.2 and §2.2.3)
  'volumes', 'sorttitle', 'sortname', 'sortkey', 'sortyear', 'shorthand', 'shorttitle', 'shortauthor',
  'shortjournal', 'shortseries', 'origdate', 'eventdate', 'eprintclass', 'pagination', 'bookpagination',
  'indextitle', 'indexsorttitle', 'titleaddon', 'booktitleaddon', 'maintitleaddon', 'mainsubtitle',
  'booksubtitle', 'journalsubtitle', 'issuetitle', 'issuesubtitle', 'origlocation', 'origpublisher',
  'origtitle', 'origlanguage', 'related', 'relatedtype', 'relatedstring', 'relatedoptions',
  'entrysubtype', 'execute', 'ids', 'options', 'presort', 'xref', 'xdata', 'label', 'gender',
  'hyphenation', 'library', 'isan', 'ismn', 'isrn', 'iswc', 'part', 'reprinttitle', 'urlyear',
  'urlmonth', 'bookauthor', 'editortype', 'editoratype', 'editorbtype', 'commentator', 'annotator',
  'introduction', 'foreword', 'afterword', 'holder', 'nameaddon', 'eid', 'howpublished', 'month',
]);

/** Custom fields this tool reads, with al-folio's names (see README "Field reference"). */
export const LINK_FIELDS: Record<string, string> = {
  pdf: 'Paper',
  paper: 'Paper',
  html: 'Page',
  project: 'Project',
  website: 'Project',
  code: 'Code',
  video: 'Video',
  slides: 'Slides',
  poster: 'Poster',
  dataset: 'Dataset',
  supp: 'Supplement',
  blog: 'Blog',
};

export const CUSTOM_FIELDS = new Set([
  ...Object.keys(LINK_FIELDS),
  'thumbnail', 'preview', 'abbr', 'award', 'award_name', 'selected', 'repo', 'stars',
  'abstract', 'keywords', 'arxiv', 'links', 'bibtex_show', 'annotation', 'additional_info',
  'venue_short', 'hidden', 'citations',
  // al-folio fields that carry data we do not show; known, so not flagged as typos.
  'altmetric', 'dimensions', 'google_scholar_id', 'inspirehep_id', 'codecoming',
]);

/**
 * Fields other tools write, which carry their data and are not typos: known, so `validate` does not
 * ask "did you mean". By tool, so the next one is a line here. Checked after a biblatex data
 * annotation suffix (`author+an`, `title+an:name`) is taken off.
 */
export const OTHER_TOOLS_FIELDS: Record<string, string[]> = {
  zotero: ['file', 'urldate', 'shorttitle', 'copyright', 'language', 'langid', 'keywords', 'abstract', 'annotation', 'extra'],
  jabref: ['timestamp', 'owner', 'groups', 'file', 'ranking', 'readstatus', 'priority', 'qualityassured', 'printed', 'relevance'],
  mendeley: ['mendeley-groups', 'mendeley-tags', 'file', 'keywords', 'annote'],
  dblp: ['timestamp', 'biburl', 'bibsource', 'ee', 'cdrom', 'crossref'],
  'google scholar': ['google_scholar_id', 'publisher'],
  arxiv: ['eprinttype', 'archiveprefix', 'primaryclass', 'eprint', 'eprintclass'],
  bibdesk: ['date-added', 'date-modified', 'bdsk-url-1', 'bdsk-url-2', 'bdsk-file-1', 'bdsk-file-2'],
  'web of science / scopus': ['unique-id', 'affiliation', 'affiliations', 'keywords-plus', 'research-areas', 'web-of-science-categories', 'number-of-cited-references', 'times-cited', 'journal-iso', 'doc-delivery-number', 'da', 'art_number', 'note', 'source', 'document_type', 'pubmedid', 'pmid', 'pmcid'],
  'al-folio': [
    'html', 'bibtex_show', 'award', 'award_name', 'annotation', 'additional_info', 'video', 'blog', 'website',
    'altmetric', 'dimensions', 'inspirehep_id', 'google_scholar_id', 'hal', 'pmid', 'codecoming', 'preview', 'abbr', 'selected',
  ],
};
const OTHER_TOOLS = new Set(Object.values(OTHER_TOOLS_FIELDS).flat());

/** A field name no one should be asked about: standard, ours, another tool's, or annotated (`x+an`). */
export function isKnownField(name: string): boolean {
  const at = name.search(/\+an(?::|$)/);
  const base = at === -1 ? name : name.slice(0, at);
  return STANDARD_FIELDS.has(base) || CUSTOM_FIELDS.has(base) || OTHER_TOOLS.has(base);
}

/**
 * Fields left out of the BibTeX shown on the page: what is there only for this page or another
 * tool's bookkeeping (local files, owners, time stamps), and biblatex data annotations. Everything
 * else is shown as written.
 */
export function hiddenFromBibtex(name: string): boolean {
  return CUSTOM_FIELDS.has(name) || BOOKKEEPING.has(name) || /\+an(?::|$)|^bdsk-/.test(name);
}
const BOOKKEEPING = new Set(['crossref', 'file', 'owner', 'timestamp', 'groups', 'mendeley-groups', 'mendeley-tags', 'date-added', 'date-modified', 'readstatus', 'ranking', 'priority', 'qualityassured', 'printed', 'relevance']);

/** Fields whose text is a path or URL: never sent through the LaTeX converter (% and ~ survive). */
export const VERBATIM_FIELDS = new Set([
  ...Object.keys(LINK_FIELDS), 'thumbnail', 'preview', 'repo', 'links', 'url', 'doi', 'arxiv',
  'eprint', 'file', 'stars', 'selected', 'bibtex_show', 'hidden', 'keywords',
]);

/** Fields converted to rich text (HTML) for display. Others stay raw. */
export const TEXT_FIELDS = new Set([
  'title', 'booktitle', 'journal', 'journaltitle', 'abstract', 'note', 'abbr', 'venue', 'award',
  'award_name', 'annotation', 'additional_info', 'series', 'publisher', 'school', 'institution',
  'organization', 'howpublished', 'address', 'volume', 'number', 'pages', 'year', 'month',
  'edition', 'subtitle', 'eventtitle', 'type', 'chapter', 'location',
]);
