import path from 'node:path';
import { isFile, resolveInside } from '../load/paths.js';
import type { ProfileInput } from '../model/profile.js';
import { bibEntry, citationKey, countEntries, htmlText, texValue, urlValue } from './bibtex.js';
import { cleanMarkdown } from './kramdown.js';
import { fromOut, frontMatter, listSite, plainText, readSite, reportProblem, str, trimChars, yamlData, type YamlData } from './source.js';
import type { ImportContext, Imported } from './types.js';

const AUTHOR = 'content/authors/admin/_index.md';
const PUBS = 'content/publication';

/** Whether a folder is a Hugo Blox (Wowchemy) site: an admin author, or authors in data/, and publication bundles. */
export async function isHugoBlox(site: string): Promise<boolean> {
  const author = (await readSite(site, AUTHOR)) !== undefined || (await listSite(site, 'data/authors')).some((f) => /\.ya?ml$/.test(f));
  return author && (await listSite(site, PUBS)).length > 0;
}

type Link = NonNullable<ProfileInput['links']>[number];

/** Hugo Blox social icons → the profile's. */
const ICONS: Record<string, Link['icon']> = { envelope: 'email', 'graduation-cap': 'scholar', 'google-scholar': 'scholar', github: 'github', orcid: 'orcid', twitter: 'twitter', x: 'twitter', linkedin: 'linkedin', cv: 'cv', 'house': 'home' };

const LABELS: Record<NonNullable<Link['icon']>, string> = { email: 'Email', scholar: 'Google Scholar', github: 'GitHub', orcid: 'ORCID', twitter: 'Twitter', linkedin: 'LinkedIn', cv: 'CV', home: 'Home', group: 'Group', link: 'Link' };

/** `url_*` fields of a publication bundle → BibTeX link fields. */
const URL_FIELDS: Record<string, string> = { url_pdf: 'pdf', url_code: 'code', url_dataset: 'dataset', url_poster: 'poster', url_project: 'project', url_slides: 'slides', url_video: 'video', url_source: 'html' };

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname || 'Link';
  } catch {
    return 'Link';
  }
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Hugo Blox: the admin author (or data/authors/*.yaml) as the profile; the publication bundles as refs.bib. */
export async function importHugoBlox(ctx: ImportContext): Promise<Imported> {
  const { report } = ctx;
  let file = AUTHOR;
  let text = await readSite(ctx.site, AUTHOR, ctx.report);
  let src: YamlData & { body?: string; bodyLine?: number };
  if (text !== undefined) src = frontMatter(text);
  else {
    file = `data/authors/${(await listSite(ctx.site, 'data/authors')).find((f) => /\.ya?ml$/.test(f))}`;
    text = (await readSite(ctx.site, file, ctx.report)) ?? '';
    src = yamlData(text);
  }
  reportProblem(src, file, report);
  const d = src.data;
  const n = d.name && typeof d.name === 'object' ? (d.name as Record<string, unknown>) : {};
  const name = str(d.title) ?? str(n.display) ?? ([str(n.given), str(n.family)].filter(Boolean).join(' ') || (str(d.name) ?? 'Your Name'));
  report.carry(file, src.lineOf(d.title ? 'title' : 'name'), `name "${name}"`);
  const profile: ProfileInput = { name, owner: [name] };
  const role = str(d.role);
  if (role) (profile.position = plainText(role)), report.carry(file, src.lineOf('role'), `position "${profile.position}"`);
  const orgs = list(d.organizations ?? d.affiliations).map((o) => str((o as Record<string, unknown>)?.name)).filter(Boolean);
  if (orgs.length) (profile.affiliation = orgs.join(', ')), report.carry(file, src.lineOf(d.organizations ? 'organizations' : 'affiliations'), `affiliation "${profile.affiliation}"`);
  const email = str(d.email);
  if (email) (profile.email = email), report.carry(file, src.lineOf('email'), 'email');
  for (const img of ['avatar.jpg', 'avatar.png', 'avatar.webp']) {
    const p = `${path.dirname(file)}/${img}`;
    if (file === AUTHOR && (await isFile(path.join(ctx.site, p)))) {
      profile.avatar = fromOut(ctx, p);
      report.carry(p, 0, `avatar ${profile.avatar}`);
      break;
    }
  }
  const links: Link[] = [];
  const socialKey = d.social ? 'social' : 'links';
  list(d.social ?? d.links).forEach((s, i) => {
    const o = (s ?? {}) as Record<string, unknown>;
    const url = str(o.link) ?? str(o.url);
    const icon = str(o.icon) ?? '';
    if (!url || !/^(https:|mailto:)/i.test(url)) {
      report.drop(file, src.lineOf(socialKey, i), `social ${icon || i}`, url ? 'not an https: or mailto: address' : 'no link');
      return;
    }
    const mapped = ICONS[icon.replace(/^(brands|solid|regular|academicons|hero)\//, '')] ?? 'link';
    // The profile's own address is shown in the header already (a link as well showed it twice).
    if (profile.email && url.toLowerCase() === `mailto:${profile.email}`.toLowerCase()) {
      report.carry(file, src.lineOf(socialKey, i), `link to ${url}`, 'the email, shown in the header');
      return;
    }
    const label = str(o.label) ?? (mapped === 'link' ? hostOf(url) : LABELS[mapped!]);
    links.push({ label, url, icon: mapped });
    report.carry(file, src.lineOf(socialKey, i), `link "${label}" ${url}`, `icon ${mapped}`);
  });
  if (links.length) profile.links = links;
  const body = src.body !== undefined ? cleanMarkdown(src.body, file, src.bodyLine ?? 1, report) : '';
  const bio = body || (str(d.bio) && cleanMarkdown(str(d.bio)!, file, src.lineOf('bio'), report));
  if (bio) (profile.bio = bio), report.carry(file, body ? (src.bodyLine ?? 1) : src.lineOf('bio'), 'bio');

  const sections: NonNullable<ProfileInput['sections']> = [];
  const interests = list(d.interests).map(str).filter(Boolean);
  if (interests.length) {
    sections.push({ title: 'Interests', markdown: interests.map((i) => `- ${i}`).join('\n') });
    report.carry(file, src.lineOf('interests'), `section "Interests" (${interests.length})`);
  }
  const edu = d.education as Record<string, unknown> | unknown[] | undefined;
  const courses = Array.isArray(edu) ? edu : list((edu as Record<string, unknown> | undefined)?.courses);
  const eduLines = courses.map((c) => {
    const o = (c ?? {}) as Record<string, unknown>;
    const year = str(o.year) ?? str(o.date_end)?.slice(0, 4);
    return `- ${[str(o.course) ?? str(o.area) ?? str(o.degree), str(o.institution)].filter(Boolean).join(', ')}${year ? ` (${year})` : ''}`;
  });
  if (eduLines.length) {
    sections.push({ title: 'Education', markdown: eduLines.join('\n') });
    report.carry(file, src.lineOf('education'), `section "Education" (${eduLines.length})`);
  }
  sections.push({ title: 'Publications', publications: 'all', group_by_year: true });
  profile.sections = sections;
  return { profile, bib: await publications(ctx, name) };
}

/** Adds fields to the one entry of a cite.bib, before its closing brace. */
function addFields(bib: string, fields: [string, string][]): string {
  const end = bib.lastIndexOf('}');
  const head = trimChars(trimChars(bib.slice(0, end), ' \t\r\n', 'end'), ',', 'end');
  // An abstract is text (its braces and LaTeX specials escaped); the rest are addresses and paths.
  return `${head},\n${fields.map(([k, v]) => `  ${k} = {${k === 'abstract' ? texValue(v) : urlValue(v)}},`).join('\n')}\n}\n`;
}

/**
 * Each publication: a bundle `content/publication/<name>/index.md` with its cite.bib (else its
 * front matter), its featured image as the thumbnail, its `<name>.pdf` and url_* as links; or a
 * page of its own, `content/publication/<name>.md` (older Academic sites), from its front matter.
 */
async function publications(ctx: ImportContext, owner: string): Promise<string> {
  const taken = new Set<string>();
  const out: string[] = [];
  let pages = 0;
  for (const name of await listSite(ctx.site, PUBS)) {
    const flat = /\.(md|markdown)$/i.test(name);
    if (flat && /^_index\./i.test(name)) continue; // the section's own page
    const bundle = flat ? name.replace(/\.(md|markdown)$/i, '') : name;
    const dir = flat ? PUBS : `${PUBS}/${bundle}`;
    const index = flat ? `${PUBS}/${name}` : `${dir}/index.md`;
    const text = await readSite(ctx.site, index, ctx.report);
    if (text === undefined) continue;
    pages++;
    const fm = frontMatter(text);
    const d = fm.data;
    const extra: [string, string][] = [];
    const files = flat ? [] : await listSite(ctx.site, dir);
    // A cite.bib stands alone; without one, front matter that does not parse is said to, not "no title".
    if (fm.problem && !files.includes('cite.bib')) reportProblem(fm, index, ctx.report);
    const featured = files.find((f) => /^featured\.(png|jpe?g|gif|webp)$/i.test(f));
    if (featured) extra.push(['thumbnail', fromOut(ctx, `${dir}/${featured}`)]);
    // Hugo Blox links a PDF named after its bundle (page_links.html), with no url_pdf.
    const ownPdf = files.find((f) => f.toLowerCase() === `${bundle.toLowerCase()}.pdf`);
    if (ownPdf && !str(d.url_pdf)) extra.push(['pdf', fromOut(ctx, `${dir}/${ownPdf}`)]);
    for (const [k, field] of Object.entries(URL_FIELDS)) {
      const v = str(d[k]);
      // "#" is the template's placeholder: no link (as a file it was a broken one).
      if (!v || v === '#') continue;
      if (/^https:/i.test(v)) extra.push([field, v]);
      else if (/^[a-z]+:/i.test(v)) ctx.report.drop(index, fm.lineOf(k), k, 'not an https: address');
      else {
        // A file of the bundle: never one outside the site (`..`, an absolute path, a link out).
        const inside = await resolveInside(ctx.site, path.join(ctx.site, dir), v.split(/[?#]/)[0]);
        if ('problem' in inside) ctx.report.drop(index, fm.lineOf(k), k, inside.problem);
        else extra.push([field, fromOut(ctx, `${dir}/${v}`)]);
      }
    }
    // A page of its own has no cite.bib: one in content/publication/ is no page's (the section's own).
    const cite = flat ? undefined : await readSite(ctx.site, `${dir}/cite.bib`, ctx.report);
    const entries = cite === undefined ? 0 : countEntries(cite);
    if (cite !== undefined && entries === 1) {
      // The site shows the front matter's DOI and abstract even when cite.bib has none.
      for (const [k, has] of [['doi', /^[ \t]*doi[ \t]*=/im], ['abstract', /^[ \t]*abstract[ \t]*=/im]] as const) {
        const v = str(d[k]);
        if (v && !has.test(cite)) extra.push([k, k === 'abstract' ? htmlText(v) : v]);
      }
      out.push(extra.length ? addFields(cite, extra) : cite.trimEnd() + '\n');
      ctx.report.carry(`${dir}/cite.bib`, 1, `entry of ${bundle}`, extra.length ? `with ${extra.map(([k]) => k).join(', ')} from ${index}` : 'as it is');
      continue;
    }
    if (cite !== undefined) ctx.report.drop(`${dir}/cite.bib`, 1, 'cite.bib', `${entries} entries, not one: the front matter is used instead`);
    const title = str(d.title);
    if (!title) {
      if (!fm.problem) ctx.report.drop(index, 1, 'publication', 'no title and no cite.bib');
      continue;
    }
    const authors = list(d.authors).map(str).filter(Boolean).map((a) => (a === 'admin' ? owner : a!));
    const date = /^(\d{4})/.exec(d.date instanceof Date ? d.date.toISOString() : (str(d.date) ?? ''));
    const venue = str(d.publication) && htmlText(str(d.publication)!.replace(/\*/g, ''));
    const fields: [string, string, boolean?][] = [['author', authors.join(' and ') || owner], ['title', htmlText(title)]];
    if (venue) fields.push(['journal', venue]);
    if (date) fields.push(['year', date[1]]);
    if (str(d.doi)) fields.push(['doi', str(d.doi)!, true]);
    if (str(d.abstract)) fields.push(['abstract', htmlText(str(d.abstract)!)]);
    for (const [k, v] of extra) fields.push([k, v, true]);
    out.push(bibEntry(venue ? 'article' : 'misc', citationKey(bundle, taken), fields));
    ctx.report.carry(index, 1, `entry of ${bundle}`, 'from the front matter (no cite.bib)');
  }
  ctx.report.summary.push(`the old site: ${pages} publication pages in ${PUBS}/; the new page: ${out.length} entries of refs.bib in one Publications section`);
  return out.join('\n');
}
