import { cleanMarkdown } from './kramdown.js';
import { frontMatter, listSite, readSite, reportProblem, str } from './source.js';
import type { ImportContext } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2015-10-22 15:59:00-0400` → its calendar day as written (no time zone shift), or undefined. */
function day(v: unknown): { sort: string; text: string } | undefined {
  const s = v instanceof Date ? v.toISOString() : str(v);
  const m = s && /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m || +m[2] < 1 || +m[2] > 12) return undefined;
  return { sort: m[0], text: `${MONTHS[+m[2] - 1]} ${+m[3]}, ${m[1]}` };
}

/**
 * Jekyll news items (`_news/*.md`: front matter `date`, `title`, `inline`) as the Markdown of a dated
 * list, newest first. An inline item's text is kept; an item with its own page keeps its title.
 */
export async function news(ctx: ImportContext, dir: string): Promise<string | undefined> {
  const items: { sort: string; line: string }[] = [];
  for (const f of await listSite(ctx.site, dir)) {
    if (!/\.(md|markdown)$/.test(f)) continue;
    const file = `${dir}/${f}`;
    const fm = frontMatter((await readSite(ctx.site, file, ctx.report)) ?? '');
    reportProblem(fm, file, ctx.report);
    const date = day(fm.data.date) ?? day(f);
    if (!date) {
      ctx.report.drop(file, fm.lineOf('date'), 'news item', 'no date (front matter `date` or a YYYY-MM-DD file name)');
      continue;
    }
    const inline = fm.data.inline === true || !str(fm.data.title);
    const text = inline ? cleanMarkdown(fm.body, file, fm.bodyLine, ctx.report).split('\n').map((l) => l.trim()).filter(Boolean).join(' ') : cleanMarkdown(str(fm.data.title)!, file, fm.lineOf('title'), ctx.report);
    if (!text) {
      ctx.report.drop(file, fm.bodyLine, 'news item', 'empty');
      continue;
    }
    if (!inline && fm.body.trim()) ctx.report.drop(file, fm.bodyLine, 'news post body', 'only the title is carried; the post had a page of its own');
    items.push({ sort: date.sort, line: `- **${date.text}** — ${text}` });
    ctx.report.carry(file, fm.lineOf('date'), `news item of ${date.text}`);
  }
  if (!items.length) return undefined;
  items.sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : 0));
  ctx.report.summary.push(`${items.length} news items in a News section`);
  return items.map((i) => i.line).join('\n');
}
