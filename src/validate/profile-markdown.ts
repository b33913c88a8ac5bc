import type { Position, Reporter } from '../model/diagnostic.js';
import type { Profile } from '../model/profile.js';
import { droppedMarkup, htmlComments } from '../render/markdown.js';
import { NON_TEXT_TAGS } from '../load/sanitize.js';

type Locate = (path: (string | number)[]) => Position | undefined;

/** Every Markdown text of the profile, with its path in the YAML. */
function texts(profile: Profile): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [];
  if (profile.bio) out.push([['bio'], profile.bio]);
  (profile.sections ?? []).forEach((s, i) => {
    if (s.intro) out.push([['sections', i, 'intro'], s.intro]);
    if (s.markdown) out.push([['sections', i, 'markdown'], s.markdown]);
    (s.projects ?? []).forEach((p, j) => p.description && out.push([['sections', i, 'projects', j, 'description'], p.description]));
  });
  return out;
}

const JEKYLL: [RegExp, string][] = [
  [/\{::?/, 'kramdown syntax'],
  [/\{%/, 'a Liquid tag'],
  [/\{\{/, 'Liquid output'],
];

/**
 * Markdown brought from Jekyll (al-folio, academicpages): kramdown attribute lists and Liquid tags
 * show as text on the page, so they are warned about; HTML comments are left off the page, which a
 * note says. One diagnostic of each kind per line. Raw HTML outside the allowlist (a `<div>` is
 * kept, an `<iframe>` or a `<script>` is not) is warned about once per tag and text.
 */
export function checkProfileMarkdown(profile: Profile, file: string, locate: Locate, report: Reporter): void {
  for (const [at, text] of texts(profile)) {
    const pos = locate(at) ?? { line: 1, column: 1 };
    const lines = text.split('\n');
    // A text of several lines is a block scalar: its first line is the one after the key.
    const where = (i: number, col: number): Position => (lines.length > 1 ? { line: pos.line + 1 + i, column: 1 } : { line: pos.line, column: pos.column + col });
    const comments = htmlComments(text);
    let offset = 0;
    lines.forEach((l, i) => {
      const start = offset;
      offset += l.length + 1;
      for (const [re, what] of JEKYLL) {
        const m = re.exec(l);
        if (m) {
          report.warn(file, where(i, m.index), {
            code: 'profile/jekyll-syntax',
            message: `${at.join('.')}: ${what} ("${l.slice(m.index, m.index + 40)}") is Jekyll-only and shows as text on the page`,
            hint: 'Remove it; `scholar-page import` drops such syntax and lists what it dropped.',
          });
        }
      }
      // The comments render/markdown.ts leaves off: closed, and not in code.
      const c = (comments.find(([s]) => s >= start && s < offset)?.[0] ?? start - 1) - start;
      if (c >= 0) report.info(file, where(i, c), { code: 'profile/html-comment', message: `${at.join('.')}: an HTML comment; it is left off the page` });
    });
    // Raw HTML is kept through an allowlist (render/markdown.ts): say what is not, where it first is.
    for (const dropped of droppedMarkup(text)) {
      const [tag, ...words] = dropped.split(' ');
      if (words.length) {
        const start = `<${tag} ${words[0]}`;
        const i = Math.max(0, lines.findIndex((l) => l.toLowerCase().includes(start)));
        report.warn(file, where(i, Math.max(0, lines[i].toLowerCase().indexOf(start))), {
          code: 'profile/html-dropped',
          message: `${at.join('.')}: "<${dropped}>" is read as an HTML tag <${tag}>, and the words ${words.map((w) => `"${w}"`).join(', ')} are left off the page`,
          hint: 'Write a < that is text as &lt; (or put the text in `code`).',
        });
        continue;
      }
      const i = Math.max(0, lines.findIndex((l) => tagAt(l, tag) >= 0));
      report.warn(file, where(i, Math.max(0, tagAt(lines[i], tag))), {
        code: 'profile/html-dropped',
        message: `${at.join('.')}: <${tag}> is left off the page${NON_TEXT_TAGS.includes(tag) ? ', with its content' : tag === 'img' ? '' : ' (its text stays)'}; the page keeps text markup, links, lists, tables and images`,
        hint: tag === 'img' ? 'Write it as Markdown, ![text](file.png): a local image is then put in the page.' : 'Write it as Markdown, or leave it out.',
      });
    }
  }
}

/** Where `<tag` opens in a line (followed by white space, `/` or `>`, in any case), or -1. */
function tagAt(line: string, tag: string): number {
  const lower = line.toLowerCase();
  for (let at = lower.indexOf(`<${tag}`); at !== -1; at = lower.indexOf(`<${tag}`, at + 1)) {
    const next = lower[at + tag.length + 1];
    if (next === undefined || next === '/' || next === '>' || /\s/.test(next)) return at;
  }
  return -1;
}
