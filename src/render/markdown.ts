import type MarkdownIt from 'markdown-it';
import { lazyRequire } from '../lazy.js';
import { checkLink } from '../validate/links.js';

const markdownIt = lazyRequire<typeof MarkdownIt>('markdown-it');

let md: MarkdownIt | undefined;

/** Markdown from the profile, rendered with raw HTML off and links held to the URL policy. */
export function markdown(text: string, inline = false): string {
  if (!md) {
    md = new (markdownIt())({ html: false, linkify: false, typographer: false, breaks: false });
    md.validateLink = (url: string) => checkLink(url) === undefined;
  }
  return inline ? md.renderInline(text) : md.render(text);
}
