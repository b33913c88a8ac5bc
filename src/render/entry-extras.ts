import type sanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../lazy.js';
import type { Publication } from '../model/publication.js';
import { markdownInline } from './markdown.js';

/** What al-folio shows per entry beyond title, authors and venue: an annotation, more venue text, a video. */
export interface EntryExtras {
  /** al-folio's `annotation` (its popover): sanitized inline HTML, shown behind a disclosure. */
  annotationHtml: string | null;
  /** al-folio's `additional_info`: Markdown, rendered inline and sanitized, shown after the venue. */
  additionalInfoHtml: string | null;
  /** A video preview: muted, looping, inline; `poster` is the entry's thumbnail, if any. */
  video: { src: string; type: string; poster: string | null; label: string } | null;
}

const sanitizer = lazyRequire<typeof sanitizeHtml>('sanitize-html');

/** Inline Markdown output may keep emphasis, code, line breaks and links held to the URL policy. */
const INFO_ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'em', 'strong', 'i', 'b', 'code', 'sup', 'sub', 'br'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

/**
 * `additional_info` as al-folio shows it (`markdownify`, paragraph tags removed). The raw field
 * is read, so URLs keep their `_`, `~` and `%`; BibTeX's protecting braces are dropped, and
 * LaTeX's escapes of special characters (`\&`, `\%`, `\_`) are Markdown's too.
 */
export function additionalInfoHtml(raw: string | undefined): string | null {
  const text = raw?.replace(/(?<!\\)[{}]/g, '').trim();
  if (!text) return null;
  const html = sanitizer()(markdownInline(text), INFO_ALLOWLIST).trim();
  return html || null;
}

export function entryExtras(p: Publication, titleText: string): EntryExtras {
  const note = p.entry.html.annotation?.trim();
  return {
    annotationHtml: note || null,
    additionalInfoHtml: additionalInfoHtml(p.entry.raw.additional_info),
    video: p.video ? { src: p.video.src, type: p.video.mime, poster: p.thumbnail?.src ?? null, label: `Video preview for “${titleText}”` } : null,
  };
}
