import path from 'node:path';
import { isFile } from '../load/paths.js';
import type { ProfileInput } from '../model/profile.js';
import { countEntries, hasSelected } from './bibtex.js';
import { cleanMarkdown } from './kramdown.js';
import { fromOut, frontMatter, listSite, plainText, readSite, reportProblem, str, trimChars, yamlData } from './source.js';
import { LIMITS } from '../load/read-input.js';
import { isSocialKey, socialLink } from './socials.js';
import { news } from './news.js';
import { importVenues } from './al-folio-venues.js';
import { coauthors } from './coauthors.js';
import type { ImportContext, Imported } from './types.js';

const CONFIG = '_config.yml';
const ABOUT = '_pages/about.md';
const SOCIALS = '_data/socials.yml';
const BIB = '_bibliography/papers.bib';

/** Whether a folder is an al-folio site. */
export async function isAlFolio(site: string): Promise<boolean> {
  return (await readSite(site, CONFIG)) !== undefined && ((await readSite(site, BIB, undefined, LIMITS.bib)) !== undefined || (await readSite(site, ABOUT)) !== undefined);
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map(str).filter((s): s is string => !!s);

/** An al-folio site: `_config.yml`, the about page, socials, news and `papers.bib` (used where it is). */
export async function importAlFolio(ctx: ImportContext): Promise<Imported> {
  const { report } = ctx;
  const config = yamlData((await readSite(ctx.site, CONFIG, ctx.report)) ?? '');
  reportProblem(config, CONFIG, report);
  const c = config.data;
  const name = [c.first_name, c.middle_name, c.last_name].map(str).filter(Boolean).join(' ') || str(c.title) || 'Your Name';
  report.carry(CONFIG, config.lineOf('first_name'), `name "${name}"`);
  const profile: ProfileInput = { name };

  const scholar = (c.scholar ?? {}) as Record<string, unknown>;
  // al-folio compares given names exactly; here an initial matches any name that starts with it, so
  // a given name of initials alone ("B.") would bold every B. Taylor. A full given name already
  // matches its initials ("Adrien" matches "A." and "A. B."), so initials alone are left out.
  const written = list(scholar.first_name);
  const initialsOnly = (f: string): boolean => f.split(/[\s.-]+/).filter(Boolean).every((w) => [...w].length === 1);
  const full = written.filter((f) => !initialsOnly(f));
  const firsts = full.length ? full : written;
  const lasts = list(scholar.last_name);
  if (lasts.length) {
    profile.owner = lasts.flatMap((l) => (firsts.length ? firsts.map((f) => `${f} ${l}`) : [l]));
    const left = written.filter((f) => !firsts.includes(f));
    report.carry(CONFIG, config.lineOf('scholar', 'last_name'), `owner names ${profile.owner.map((o) => `"${o}"`).join(', ')} (scholar.first_name × scholar.last_name${left.length ? `; initials alone left out, ${left.map((f) => `"${f}"`).join(', ')}: the full given names match them, and alone they would bold other people` : ''})`);
  } else report.drop(CONFIG, config.lineOf('scholar'), 'owner names', 'no scholar.last_name; the page bolds "name" only');

  const description = str(c.description);
  if (description) {
    profile.description = plainText(description);
    report.carry(CONFIG, config.lineOf('description'), 'description', 'as plain text');
  }
  const url = str(c.url);
  if (url && /^https:/i.test(url)) {
    profile.site_url = `${url.replace(/\/$/, '')}${str(c.baseurl) ?? ''}`;
    report.carry(CONFIG, config.lineOf('url'), `site_url ${profile.site_url}`);
  }
  const lang = str(c.lang);
  if (lang) profile.lang = lang;
  // al-folio shows this many authors before "and K more"; left blank, all of them.
  if ('max_author_limit' in c) {
    const limit = c.max_author_limit;
    const at = config.lineOf('max_author_limit');
    if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 1) {
      profile.max_authors = limit;
      report.carry(CONFIG, at, `max_authors ${limit}`, 'from max_author_limit');
    } else if (limit === null || limit === '') {
      profile.max_authors = 1000;
      report.carry(CONFIG, at, 'max_authors 1000', 'max_author_limit is blank: every author is shown');
    } else report.drop(CONFIG, at, 'max_author_limit', 'not a whole number');
  }

  await about(ctx, profile);
  await socials(ctx, profile, c, config.lineOf);
  await coauthors(ctx, profile, (rel) => fromOut(ctx, rel));

  const bib = await readSite(ctx.site, BIB, ctx.report, LIMITS.bib);
  const sections: NonNullable<ProfileInput['sections']> = [];
  const newsMarkdown = await news(ctx, '_news');
  if (newsMarkdown) sections.push({ title: 'News', markdown: newsMarkdown });
  if (bib !== undefined) {
    profile.bibliography = fromOut(ctx, BIB);
    report.carry(BIB, 0, `bibliography: ${profile.bibliography}`, 'used where it is, not copied');
    const entries = countEntries(bib);
    if (hasSelected(bib)) {
      sections.push({ title: 'Selected publications', publications: { selected: true } });
      report.carry(ABOUT, 0, 'section "Selected publications"', 'entries with selected = {true}, as the about page shows them');
    }
    const page = await publicationsPage(ctx);
    sections.push({ title: 'Publications', ...(page.intro ? { intro: page.intro } : {}), publications: page.years ? { years: page.years } : 'all', group_by_year: true });
    report.carry(page.found ? PUBS_PAGE : BIB, 0, 'section "Publications"', page.years ? `the years ${page.years.from} to ${page.years.to}, as the page's years: list shows them, grouped by year` : 'all entries, grouped by year');
    report.summary.push(`the old site: ${entries} entries in ${BIB}; the new page: ${page.years ? `those of ${page.years.from} to ${page.years.to}` : `the same ${entries} entries`}, in ${sections.length} sections`);
  } else report.drop(BIB, 0, 'publications', 'no _bibliography/papers.bib');
  if (sections.length) profile.sections = sections;

  await importVenues(ctx, profile, (rel) => fromOut(ctx, rel));
  for (const page of await listSite(ctx.site, '_pages')) {
    if (/\.(md|markdown|html)$/.test(page) && !['about.md', 'publications.md'].includes(page)) {
      report.drop(`_pages/${page}`, 0, `page ${page}`, 'scholar-page makes one page; copy what matters into a section');
    }
  }
  return { profile };
}

const PUBS_PAGE = '_pages/publications.md';

/**
 * al-folio's publications page: the text above its list (a citation policy, a link to Scholar) is
 * the section's intro; its `years:` list (al-folio shows only those years) becomes a range. The
 * list itself (`{% bibliography %}` in Liquid) is what the section is.
 */
async function publicationsPage(ctx: ImportContext): Promise<{ found: boolean; intro?: string; years?: { from: number; to: number } }> {
  const text = await readSite(ctx.site, PUBS_PAGE, ctx.report);
  if (text === undefined) return { found: false };
  const fm = frontMatter(text);
  const lines = fm.body.split('\n');
  // The intro ends where the list begins: the first line of HTML (not a comment) or Liquid.
  const stop = lines.findIndex((l) => /^\s*(<(?!!--)|\{%)/.test(l));
  const introText = (stop === -1 ? lines : lines.slice(0, stop)).join('\n');
  const intro = introText.trim() ? cleanMarkdown(introText, PUBS_PAGE, fm.bodyLine, ctx.report).trim() : '';
  if (intro) ctx.report.carry(PUBS_PAGE, fm.bodyLine, 'intro of section "Publications"', 'the text above the list');
  const rest = stop === -1 ? '' : lines.slice(stop).join('\n');
  // Text around the list: what is left without its Liquid (the loop, `{% bibliography %}`) and tags.
  const after = plainText(withoutLiquid(rest)).trim();
  if (after) ctx.report.drop(PUBS_PAGE, fm.bodyLine + (stop === -1 ? 0 : stop), 'page text around the list', 'copy what matters into the section\'s intro');
  const years = (Array.isArray(fm.data.years) ? (fm.data.years as unknown[]) : []).filter((y): y is number => Number.isSafeInteger(y));
  return { found: true, intro: intro || undefined, years: years.length ? { from: Math.min(...years), to: Math.max(...years) } : undefined };
}

/** Text without its Liquid tags and output (`{% … %}`, `{{ … }}`); one never closed ends the text. Linear. */
function withoutLiquid(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const tag = text.indexOf('{%', at);
    const output = text.indexOf('{{', at);
    const open = tag === -1 ? output : output === -1 ? tag : Math.min(tag, output);
    if (open === -1) return out + text.slice(at);
    out += `${text.slice(at, open)} `;
    const close = text.indexOf(open === tag ? '%}' : '}}', open + 2);
    if (close === -1) return out;
    at = close + 2;
  }
}

/** The about page: bio, avatar, position and affiliation. */
async function about(ctx: ImportContext, profile: ProfileInput): Promise<void> {
  const { report } = ctx;
  const text = await readSite(ctx.site, ABOUT, ctx.report);
  if (text === undefined) {
    report.drop(ABOUT, 0, 'bio and avatar', 'no about page');
    return;
  }
  const fm = frontMatter(text);
  reportProblem(fm, ABOUT, report);
  const p = (fm.data.profile ?? {}) as Record<string, unknown>;
  const image = str(p.image);
  if (image) {
    const rel = `assets/img/${image}`;
    if (await isFile(path.join(ctx.site, rel))) {
      profile.avatar = fromOut(ctx, rel);
      report.carry(ABOUT, fm.lineOf('profile', 'image'), `avatar ${profile.avatar}`);
    } else report.drop(ABOUT, fm.lineOf('profile', 'image'), `avatar ${image}`, `${rel} does not exist`);
  }
  const subtitle = str(fm.data.subtitle);
  if (subtitle) {
    profile.position = plainText(subtitle);
    report.carry(ABOUT, fm.lineOf('subtitle'), `position "${profile.position}"`, 'from subtitle, as plain text');
  }
  const more = str(p.more_info);
  if (more) {
    profile.affiliation = trimChars(plainText(more.replace(/<\/p>|<br\s*\/?>/gi, ', ')), ', ', 'end');
    report.carry(ABOUT, fm.lineOf('profile', 'more_info'), `affiliation "${profile.affiliation}"`, 'from profile.more_info, as plain text');
  }
  const bio = cleanMarkdown(fm.body, ABOUT, fm.bodyLine, report);
  if (bio) {
    profile.bio = bio;
    report.carry(ABOUT, fm.bodyLine, 'bio', 'the page text as Markdown');
  }
}

/** Socials: `_data/socials.yml`, else the social keys of `_config.yml` (older al-folio). */
async function socials(ctx: ImportContext, profile: ProfileInput, c: Record<string, unknown>, configLine: (...k: string[]) => number): Promise<void> {
  const text = await readSite(ctx.site, SOCIALS, ctx.report);
  const src = text !== undefined ? yamlData(text) : undefined;
  const file = src ? SOCIALS : CONFIG;
  const entries = src ? Object.entries(src.data) : Object.entries(c).filter(([k]) => isSocialKey(k));
  const lineOf = (k: string): number => (src ? src.lineOf(k) : configLine(k));
  const email = str(c.email);
  const links: NonNullable<ProfileInput['links']> = [];
  if (email && !src?.data.email) entries.unshift(['email', email]);
  for (const [k, v] of entries) {
    const link = socialLink(k, v);
    if (!link) continue;
    const where = k === 'email' && !src?.data.email ? CONFIG : file;
    const line = where === CONFIG ? configLine(k) : lineOf(k);
    if (typeof link === 'string') {
      ctx.report.drop(where, line, `social ${k}`, link);
      continue;
    }
    if (k === 'email') {
      // The built-in themes show `email` in the header; a link "Email" as well showed it twice.
      profile.email = link.url.slice('mailto:'.length);
      ctx.report.carry(where, line, `email ${profile.email}`, 'shown in the header');
      continue;
    }
    links.push(link);
    ctx.report.carry(where, line, `link "${link.label}" ${link.url}`, `icon ${link.icon}`);
  }
  if (links.length) profile.links = links;
}
