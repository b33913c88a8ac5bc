import { withoutTrailingSlashes } from '../enrich/link-targets.js';

/** Control characters and bidi overrides: they make a link read differently from where it goes. */
const BIDI_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** URL policy: only http(s) and mailto links reach the page; relative paths stay relative. */
export function checkLink(url: string): string | undefined {
  if (url === '') return 'empty link';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, ''));
  if (scheme) {
    const s = scheme[1].toLowerCase();
    if (s === 'http' || s === 'https' || s === 'mailto') {
      if (BIDI_OR_CONTROL.test(url)) return 'link contains invisible or direction-changing characters';
      return /[\s<>"`]/.test(url) ? 'link contains spaces or quotes' : undefined;
    }
    return `link scheme "${s}:" is not allowed; use http(s): or mailto:`;
  }
  if (/^[\\/]{2}/.test(url)) return 'protocol-relative links are not allowed; write https://';
  if (/[\s<>"`]/.test(url) || BIDI_OR_CONTROL.test(url)) return 'link contains spaces, quotes or control characters';
  // a scheme spelled with look-alike letters ("jаvascript:" with a Cyrillic а) is no scheme a browser knows
  if (/^[^/?#]*:/.test(url) && /[^\x00-\x7f]/.test(url.split(':')[0])) return 'link starts with a look-alike scheme';
  return undefined;
}

/** A safe href, or undefined when the link must not reach the page. */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const u = url.trim();
  return checkLink(u) ? undefined : u;
}

/** `owner/name` from `owner/name` or a github.com URL; undefined otherwise. */
export function parseRepo(value: string): { owner: string; name: string } | undefined {
  const v = withoutTrailingSlashes(value.trim().replace(/\.git$/, ''));
  const m = /^(?:https?:\/\/(?:www\.)?github\.com\/)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(v);
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { owner: m[1], name: m[2] };
}
