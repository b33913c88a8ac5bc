import path from 'node:path';
import { isFile, resolveInside } from '../load/paths.js';
import type { ProfileInput } from '../model/profile.js';
import { citationAuthors } from './authors.js';
import { bibEntry, citationKey, htmlText } from './bibtex.js';
import { cleanMarkdown } from './kramdown.js';
import { fromOut, frontMatter, listSite, plainText, readSite, reportProblem, str, yamlData } from './source.js';
import type { ImportContext, Imported } from './types.js';

const CONFIG = '_config.yml';
const ABOUT = '_pages/about.md';
const PUBS = '_publications';

/** Whether a folder is an academicpages site: a config with an `author:` block, and `_publications/`. */
export async function isAcademicPages(site: string): Promise<boolean> {
  const config = await readSite(site, CONFIG);
  return config !== undefined && /^author:/m.test(config) && (await listSite(site, PUBS)).length > 0;
}

type Link = NonNullable<ProfileInput['links']>[number];

/** The `author:` keys with a profile link: label, icon, and the address from the value. */
const AUTHOR_LINKS: Record<string, [string, Link['icon'], (v: string) => string]> = {
  googlescholar: ['Google Scholar', 'scholar', (v) => v],
  orcid: ['ORCID', 'orcid', (v) => v],
  github: ['GitHub', 'github', (v) => `https://github.com/${encodeURIComponent(v)}`],
  linkedin: ['LinkedIn', 'linkedin', (v) => `https://www.linkedin.com/in/${encodeURIComponent(v)}`],
  twitter: ['Twitter', 'twitter', (v) => `https://twitter.com/${encodeURIComponent(v)}`],
  researchgate: ['ResearchGate', 'link', (v) => v],
  uri: ['Website', 'home', (v) => v],
};

/** academicpages: the config's `author:` block, the about page, and `_publications/*.md` as refs.bib. */
export async function importAcademicPages(ctx: ImportContext): Promise<Imported> {
  const { report } = ctx;
  const config = yamlData((await readSite(ctx.site, CONFIG, ctx.report)) ?? '');
  reportProblem(config, CONFIG, report);
  const a = (config.data.author ?? {}) as Record<string, unknown>;
  const line = (k: string): number => config.lineOf('author', k);
  const name = str(a.name) ?? str(config.data.name) ?? 'Your Name';
  report.carry(CONFIG, line('name'), `name "${name}"`);
  const profile: ProfileInput = { name };
  const bio = str(a.bio);
  if (bio) (profile.position = plainText(bio)), report.carry(CONFIG, line('bio'), `position "${profile.position}"`, 'from author.bio');
  const employer = str(a.employer);
  if (employer) (profile.affiliation = plainText(employer)), report.carry(CONFIG, line('employer'), `affiliation "${profile.affiliation}"`);
  const description = str(config.data.description);
  if (description) (profile.description = plainText(description)), report.carry(CONFIG, config.lineOf('description'), 'description');
  const avatar = str(a.avatar);
  if (avatar) {
    const rel = `images/${avatar}`;
    if (!/^[a-z]+:/i.test(avatar) && (await isFile(path.join(ctx.site, rel)))) {
      profile.avatar = fromOut(ctx, rel);
      report.carry(CONFIG, line('avatar'), `avatar ${profile.avatar}`);
    } else report.drop(CONFIG, line('avatar'), `avatar ${avatar}`, `${rel} does not exist`);
  }
  const links: Link[] = [];
  const email = str(a.email);
  if (email) {
    // The built-in themes show `email` in the header; a link "Email" as well showed it twice.
    profile.email = email;
    report.carry(CONFIG, line('email'), `email ${email}`, 'shown in the header');
  }
  for (const [k, v] of Object.entries(a)) {
    const value = str(v);
    if (!value || ['name', 'avatar', 'bio', 'email', 'employer'].includes(k)) continue;
    const known = AUTHOR_LINKS[k];
    if (!known) {
      report.drop(CONFIG, line(k), `author.${k}`, 'the profile has no place for it');
      continue;
    }
    // The template's examples are http: addresses; the page links only to https:.
    const url = known[2](value).replace(/^http:\/\//i, 'https://');
    if (!/^https:\/\/[^\s/]+\.[^\s]+/i.test(url)) {
      report.drop(CONFIG, line(k), `author.${k}`, 'not a web address');
      continue;
    }
    links.push({ label: known[0], url, icon: known[1] });
    report.carry(CONFIG, line(k), `link "${known[0]}" ${url}`, `icon ${known[1]}`);
  }
  if (links.length) profile.links = links;

  const about = await readSite(ctx.site, ABOUT, ctx.report);
  if (about !== undefined) {
    const fm = frontMatter(about);
    const text = cleanMarkdown(fm.body, ABOUT, fm.bodyLine, report);
    if (text) (profile.bio = text), report.carry(ABOUT, fm.bodyLine, 'bio', 'the page text as Markdown');
  } else report.drop(ABOUT, 0, 'bio', 'no about page');

  const bib = await publications(ctx, name);
  profile.sections = [{ title: 'Publications', publications: 'all', group_by_year: true }];
  for (const dir of ['_talks', '_teaching', '_portfolio']) {
    const n = (await listSite(ctx.site, dir)).filter((f) => f.endsWith('.md')).length;
    if (n) report.drop(`${dir}/`, 0, `${n} page(s) of ${dir}/`, 'scholar-page makes one page of publications; copy what matters into a section');
  }
  return { profile, bib };
}

/**
 * A `paperurl` or `slidesurl` as the new site links it: an address, on https:; a file of the site
 * (`/files/paper.pdf`, from the site's root as Jekyll serves it) by its path from the profile's
 * folder, as the avatar is, so that it is found wherever `--out` puts the profile.
 */
async function linkOf(ctx: ImportContext, v: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('//')) return v.replace(/^http:\/\//i, 'https://');
  const rel = v.replace(/^\/+/, '');
  const file = rel.split(/[?#]/)[0];
  // Only a file inside the site (links and `..` that leave it are refused, as for every file read).
  const inside = file ? await resolveInside(ctx.site, ctx.site, file) : { problem: 'empty' };
  if ('problem' in inside || !(await isFile(inside.path))) return v;
  return fromOut(ctx, rel);
}

/**
 * The year and month of a front-matter `date`, as Jekyll reads it: a date YAML parsed, or text that
 * starts with a year, then perhaps a month of one or two digits (`2023-5-01`, `2023-05`, `2023`).
 */
function dateOf(v: unknown): { year: string; month?: string } | undefined {
  const m = /^(\d{4})(?:-(\d{1,2})(?!\d))?/.exec(v instanceof Date ? v.toISOString() : (str(v) ?? '').trim());
  if (!m) return undefined;
  const month = m[2] !== undefined && +m[2] >= 1 && +m[2] <= 12 ? String(+m[2]) : undefined;
  return { year: m[1], month };
}

/** `_publications/*.md` front matter as BibTeX entries, in file order. */
async function publications(ctx: ImportContext, owner: string): Promise<string> {
  const taken = new Set<string>();
  const out: string[] = [];
  let pages = 0;
  for (const f of await listSite(ctx.site, PUBS)) {
    if (!/\.(md|markdown)$/.test(f)) continue;
    pages++;
    const file = `${PUBS}/${f}`;
    const fm = frontMatter((await readSite(ctx.site, file, ctx.report)) ?? '');
    if (fm.problem) {
      // Not "no title": the front matter did not parse, and the report says where and why.
      reportProblem(fm, file, ctx.report);
      continue;
    }
    const d = fm.data;
    const title = str(d.title);
    if (!title) {
      ctx.report.drop(file, 1, 'publication', 'no title');
      continue;
    }
    const date = dateOf(d.date);
    const venue = str(d.venue) && htmlText(str(d.venue)!);
    const citation = str(d.citation);
    let author = citation ? citationAuthors(citation) : undefined;
    const fromCitation = author !== undefined;
    if (!author) {
      author = owner;
      ctx.report.drop(file, citation ? fm.lineOf('citation') : 1, 'authors', `no author list in the citation; the site's author "${owner}" is written as the only author: check it`);
    }
    const type = venue ? (d.category === 'conferences' ? 'inproceedings' : 'article') : 'misc';
    const fields: [string, string, boolean?][] = [['author', author], ['title', htmlText(title)]];
    if (venue) fields.push([type === 'inproceedings' ? 'booktitle' : 'journal', venue]);
    if (date) fields.push(['year', date.year], ...(date.month ? [['month', date.month] as [string, string]] : []));
    else ctx.report.drop(file, fm.lineOf('date'), 'year', 'no date: the entry sorts last');
    const paper = str(d.paperurl);
    if (paper) fields.push([/\.pdf$/i.test(paper) ? 'pdf' : 'url', await linkOf(ctx, paper), true]);
    const slides = str(d.slidesurl);
    if (slides) fields.push(['slides', await linkOf(ctx, slides), true]);
    const excerpt = str(d.excerpt);
    if (excerpt) fields.push(['abstract', htmlText(excerpt)]);
    if (str(d.bibtexurl)) ctx.report.drop(file, fm.lineOf('bibtexurl'), 'bibtexurl', 'the page shows each entry\'s BibTeX itself');
    if (fm.body.trim()) ctx.report.drop(file, fm.bodyLine, 'page text', 'an entry has no page of its own; the excerpt is its abstract');
    const key = citationKey(f.replace(/\.(md|markdown)$/, ''), taken);
    out.push(bibEntry(type, key, fields));
    const carried = ['title', venue && 'venue', date && 'date', paper && 'paperurl', slides && 'slidesurl', fromCitation && 'citation authors', excerpt && 'excerpt'];
    ctx.report.carry(file, 1, `entry ${key} (@${type})`, carried.filter(Boolean).join(', '));
  }
  ctx.report.summary.push(`the old site: ${pages} publication pages in ${PUBS}/; the new page: ${out.length} entries of refs.bib in one Publications section`);
  return out.join('\n');
}
