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
  'venue_short', 'hidden',
  // al-folio fields that carry data we do not show; known, so not flagged as typos.
  'altmetric', 'dimensions', 'google_scholar_id', 'inspirehep_id', 'codecoming',
]);

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
