import type MarkdownIt from 'markdown-it';
import { lazyRequire } from '../lazy.js';
import { checkLink } from '../validate/links.js';
import { droppedTags, escapeHtml, sanitizeProfile } from '../load/sanitize.js';
import type { Image } from '../model/publication.js';

const markdownIt = lazyRequire<typeof MarkdownIt>('markdown-it');

let md: MarkdownIt | undefined;
function parser(): MarkdownIt {
  if (md) return md;
  md = new (markdownIt())({ html: true, linkify: false, typographer: false, breaks: false });
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
 * Markdown from the profile, rendered with links held to the URL policy. Images come from `images`
 * (by their source as written), made in enrichment; any other is left as its text. Raw HTML (a bio
 * pasted from a Jekyll or Hugo site is full of it) is kept through an allowlist
 * (load/sanitize.ts, sanitizeProfile); a text with no `<` has none, and needs no sanitizer.
 */
export function markdown(text: string, images?: ReadonlyMap<string, Image>): string {
  const source = stripComments(text);
  const html = parser().render(source, { images });
  return source.includes('<') ? sanitizeProfile(html) : html;
}

/** The tags of a profile Markdown text that the page leaves off (validate says which). */
export function droppedMarkup(text: string): string[] {
  const source = stripComments(text);
  return source.includes('<') ? droppedTags(parser().render(source, {})) : [];
}

/**
 * The text without its HTML comments (`<!-- … -->`; one never closed stays as text), each
 * replaced by the line breaks it held so that lines keep their numbers: a paragraph its author
 * commented out stays out of the page, and out of the HTML markdown-it would write.
 */
export function stripComments(text: string): string {
  let out = '';
  let at = 0;
  for (const [i, stop] of htmlComments(text)) {
    out += text.slice(at, i) + '\n'.repeat(text.slice(i, stop).split('\n').length - 1);
    at = stop;
  }
  return at ? out + text.slice(at) : text;
}

/**
 * Where the HTML comments of a Markdown text are, as [start, end) offsets: closed ones only, and
 * not in a code span or a fenced code block, where `<!--` is code, shown as written.
 */
export function htmlComments(text: string): [number, number][] {
  const found: [number, number][] = [];
  if (!text.includes('<!--')) return found;
  let i = 0;
  while (i < text.length) {
    const fence = lineStart(text, i) ? /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(i, i + 200)) : null;
    if (fence) {
      i = fenceEnd(text, i, fence[1]);
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 0x60 /* ` */) {
      i = codeSpanEnd(text, i);
      continue;
    }
    if (c === 0x3c /* < */ && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      // Unclosed, it is no comment in CommonMark either: shown as text.
      if (end === -1) break;
      found.push([i, end + 3]);
      i = end + 3;
      continue;
    }
    i++;
  }
  return found;
}

const lineStart = (text: string, i: number): boolean => i === 0 || text.charCodeAt(i - 1) === 0x0a;

/** Where a fenced code block opened at `i` ends: after its closing fence, or at the end of the text. */
function fenceEnd(text: string, i: number, fence: string): number {
  const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  let line = text.indexOf('\n', i);
  while (line !== -1) {
    const next = text.indexOf('\n', line + 1);
    if (close.test(text.slice(line + 1, next === -1 ? undefined : next))) return next === -1 ? text.length : next + 1;
    line = next;
  }
  return text.length;
}

/** Where a run of backticks at `i` ends: after the span it opens (a run of the same length), or after the run alone. */
function codeSpanEnd(text: string, i: number): number {
  let n = i;
  while (text.charCodeAt(n) === 0x60) n++;
  const run = n - i;
  // A span ends with its paragraph: not past a blank line.
  const para = /\n[ \t]*\n/g;
  para.lastIndex = n;
  const limit = para.exec(text)?.index ?? text.length;
  for (let j = text.indexOf('`', n); j !== -1 && j < limit; j = text.indexOf('`', j)) {
    let k = j;
    while (text.charCodeAt(k) === 0x60) k++;
    if (k - j === run) return k;
    j = k;
  }
  return n;
}

/** One line of Markdown (al-folio's `additional_info`): no paragraph around it, and no images. */
export function markdownInline(text: string): string {
  const source = stripComments(text);
  const html = parser().renderInline(source, {});
  return source.includes('<') ? sanitizeProfile(html) : html;
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
