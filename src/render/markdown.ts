import type MarkdownIt from 'markdown-it';
import { lazyRequire } from '../lazy.js';
import { checkLink } from '../validate/links.js';
import { escapeHtml } from '../load/sanitize.js';
import type { Image } from '../model/publication.js';

const markdownIt = lazyRequire<typeof MarkdownIt>('markdown-it');

let md: MarkdownIt | undefined;
function parser(): MarkdownIt {
  if (md) return md;
  md = new (markdownIt())({ html: false, linkify: false, typographer: false, breaks: false });
  md.validateLink = (url: string) => checkLink(url) === undefined;
  // The page is self-contained: an image is the data: URI enrichment made of a local file
  // (enrich/profile-images.ts), or only its text. Never a request.
  md.renderer.rules.image = (tokens, idx, options, env: { images?: ReadonlyMap<string, Image> }, self) => {
    const token = tokens[idx];
    const alt = escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
    const img = env.images?.get(token.attrGet('src') ?? '');
    if (!img || !img.src.startsWith('data:image/')) return alt;
    // Encoded at twice the size it is shown at, as thumbnails are.
    const size = img.width && img.height ? ` width="${Math.ceil(img.width / 2)}" height="${Math.ceil(img.height / 2)}"` : '';
    return `<img src="${escapeHtml(img.src)}"${size} alt="${alt}">`;
  };
  return md;
}

/**
 * Markdown from the profile, rendered with raw HTML off and links held to the URL policy. Images
 * come from `images` (by their source as written), made in enrichment; any other is left as its text.
 */
export function markdown(text: string, images?: ReadonlyMap<string, Image>): string {
  return parser().render(stripComments(text), { images });
}

/**
 * The text without its HTML comments (`<!-- … -->`; one never closed stays as text), each
 * replaced by the line breaks it held so that lines keep their numbers. Raw HTML is not rendered, so
 * a comment would show as text: a paragraph its author commented out, for everyone to read.
 */
export function stripComments(text: string): string {
  let out = '';
  let at = 0;
  for (let i = text.indexOf('<!--'); i !== -1; i = text.indexOf('<!--', at)) {
    const end = text.indexOf('-->', i + 4);
    // Unclosed, it is no comment in CommonMark either: shown as text.
    if (end === -1) break;
    const stop = end + 3;
    out += text.slice(at, i) + '\n'.repeat(text.slice(i, stop).split('\n').length - 1);
    at = stop;
  }
  return at ? out + text.slice(at) : text;
}

/** One line of Markdown (al-folio's `additional_info`): no paragraph around it, and no images. */
export function markdownInline(text: string): string {
  return parser().renderInline(stripComments(text), {});
}

/** The images a Markdown text asks for: their source, and the line of the text (from 0) it is on. */
export function markdownImages(text: string): { src: string; line: number }[] {
  const found: { src: string; line: number }[] = [];
  for (const block of parser().parse(stripComments(text), {})) {
    const walk = (tokens: typeof block.children): void => {
      for (const t of tokens ?? []) {
        if (t.type === 'image') found.push({ src: t.attrGet('src') ?? '', line: block.map?.[0] ?? 0 });
        walk(t.children);
      }
    };
    walk(block.children);
  }
  return found;
}
