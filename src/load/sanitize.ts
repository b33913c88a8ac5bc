import type sanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../lazy.js';
import { ATTRIBUTES, CLASSES, INLINE_TAGS, MATHML_TAGS, PROFILE_ATTRIBUTES, PROFILE_TAGS, STYLE_PROPERTIES, STYLE_VALUE } from './allowlist.js';
import { safeHref } from '../validate/links.js';

/** sanitize-html takes about 100 ms to load; text with no markup characters never needs it. */
const sanitizer = lazyRequire<typeof sanitizeHtml>('sanitize-html');

/** Elements taken off with their content, not only their tags. */
export const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'xmp', 'plaintext'];

/**
 * The allowlist for markup that comes out of LaTeX conversion (allowlist.ts): italics, bold,
 * super/subscript, small caps, line breaks. Everything else is dropped (tags) or escaped (text).
 * Links from \url/\href never survive as elements; their text stays.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: INLINE_TAGS,
  allowedAttributes: { span: ATTRIBUTES.span },
  allowedClasses: { span: CLASSES.span },
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  transformTags: {
    // The parser writes small caps as an inline style; styles are not allowed, a class is.
    span: (tagName, attribs) => {
      const style = attribs.style ?? '';
      const cls = /small-caps/.test(style) ? 'sc' : attribs.class === 'nocase' ? 'nocase' : '';
      const out: Record<string, string> = cls ? { class: cls } : {};
      return { tagName: 'span', attribs: out };
    },
  },
  parser: { decodeEntities: true },
};

/**
 * Sanitizes converter output into safe inline HTML. Text with no `<`, `>` or `&` comes out of
 * sanitize-html unchanged (test/load/sanitize.test.ts checks every code point), so it skips it.
 */
export function sanitizeInline(html: string): string {
  if (!/[<>&]/.test(html)) return html;
  return sanitizeStrict(html);
}

/** sanitize-html with the allowlist, always (the reference for the shortcut above). */
export function sanitizeStrict(html: string): string {
  return sanitizer()(html, OPTIONS).replace(/<span>([^<]*)<\/span>/g, '$1');
}

const MATH_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: MATHML_TAGS,
  allowedAttributes: Object.fromEntries(MATHML_TAGS.map((t) => [t, ATTRIBUTES[t]])),
  allowedClasses: Object.fromEntries(MATHML_TAGS.map((t) => [t, CLASSES[t]])),
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [STYLE_VALUE]])) },
  allowedSchemes: [],
  disallowedTagsMode: 'discard',
  parser: { decodeEntities: true },
};

/** temml's MathML through the same kind of allowlist: MathML elements, no links, tame styles. */
export function sanitizeMath(mathml: string): string {
  return sanitizer()(mathml, MATH_OPTIONS);
}

const DATA_IMAGE = /^data:image\/[a-z+.-]+[;,]/i;

/**
 * The profile's Markdown, rendered (render/markdown.ts), through its allowlist (allowlist.ts,
 * PROFILE_TAGS): a link keeps its `href` only if it passes the link policy, an image only if it is
 * a `data:image/` URI (the page loads nothing; enrichment made it from a local file), `<code>` only
 * a `language-…` class. `dropped` collects the tags taken off, for validate.
 */
function profileOptions(dropped?: Set<string>): sanitizeHtml.IOptions {
  return {
    allowedTags: PROFILE_TAGS,
    allowedAttributes: PROFILE_ATTRIBUTES,
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    transformTags: {
      a: (tagName, attribs) => {
        const href = safeHref(attribs.href);
        return { tagName, attribs: { ...attribs, href: href ?? '' } };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !DATA_IMAGE.test(frame.attribs.src ?? ''),
    onOpenTag: dropped && ((name, attribs) => {
      if (!PROFILE_TAGS.includes(name) || (name === 'img' && !DATA_IMAGE.test(attribs.src ?? ''))) dropped.add(name);
      // `a<b and c>d` is a tag `<b>` with attributes "and" and "c" (CommonMark reads it so): the
      // tag stays, but its words are lost. Said as "b and c".
      else {
        const words = Object.keys(attribs).filter((k) => attribs[k] === '' && !PROFILE_ATTRIBUTES[name]?.includes(k));
        if (words.length) dropped.add(`${name} ${words.join(' ')}`);
      }
    }),
    parser: { decodeEntities: true },
  };
}

/** Rendered profile Markdown, with only allowlisted markup (profileOptions). */
export function sanitizeProfile(html: string): string {
  return sanitizer()(html, profileOptions()).replace(/<a href="">/g, '<a>');
}

/** The tags of rendered profile Markdown that sanitizeProfile takes off, sorted. */
export function droppedTags(html: string): string[] {
  const dropped = new Set<string>();
  sanitizer()(html, profileOptions(dropped));
  return [...dropped].sort();
}

const TEXT_ONLY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: NON_TEXT_TAGS };

/**
 * Plain text of a sanitized inline HTML string (for attributes, JSON-LD, meta tags). Text with no
 * tag and no entity but the few decoded below (what our own escaping writes) needs no parser: the
 * result is the same (test/load/sanitize.test.ts), and sanitize-html stays unloaded.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  if (html.includes('<br')) html = html.replace(/<br \/>/g, ' '); // a line break is a space in text
  if (!html.includes('<') && !/&(?!(amp|lt|gt|quot|#39|#x27);)/.test(html)) return decodeEntities(html);
  return htmlToTextStrict(html);
}

/** htmlToText through sanitize-html, always (the reference for the shortcuts above). */
export function htmlToTextStrict(html: string): string {
  return decodeEntities(sanitizer()(html.replace(/<br \/>/g, ' '), TEXT_ONLY));
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? _,
  );
}

/**
 * A function that writes each character `chars` matches as `table` gives it, in one pass; text with
 * none of them is returned as it is, without a copy (most text).
 */
export function charEscaper(chars: RegExp, table: Record<string, string>): (s: string) => string {
  const all = new RegExp(chars.source, 'g');
  return (s) => (chars.test(s) ? s.replace(all, (c) => table[c]) : s);
}

/** Escapes text for HTML element content or attribute values. */
export const escapeHtml = charEscaper(/[&<>"']/, { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });

/**
 * Escapes text for HTML element content only (never an attribute value): quotes need no escape
 * there, and a BibTeX entry written with `"…"` values would carry ten bytes of `&quot;` per field.
 */
export const escapeText = charEscaper(/[&<>]/, { '&': '&amp;', '<': '&lt;', '>': '&gt;' });
