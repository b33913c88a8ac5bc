import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../src/model/diagnostic.js';
import { profileSchema } from '../../src/model/profile.js';
import { contextOnly, PageRefs, UnresolvedMarker } from '../../src/render/fragments.js';
import { build } from '../../src/index.js';
import { loadTheme, type Theme } from '../../src/render/theme.js';
import { buildView, type PageView } from '../../src/render/view-model.js';
import { bib } from '../helpers.js';

const BIB = `
@inproceedings{a, title = {First {\\em paper}}, author = {Doe, Jane and Roe, Rick}, booktitle = {ICCV}, year = 2019, code = {https://github.com/o/a}}
@article{b, title = {Second}, author = {Roe, Rick}, journal = {TPAMI}, year = 2020, selected = true}
@misc{c, title = {Third}, author = {Doe, Jane}, year = 2020}
`;

/** Two sections that both list every entry: the same view object is rendered twice per page. */
const PROFILE = profileSchema.parse({
  name: 'Jane Doe',
  sections: [
    { title: 'Selected', publications: 'all' },
    { title: 'By year', publications: 'all', group_by_year: true },
  ],
});

function input() {
  const { pubs } = bib(BIB);
  pubs[0].stars = { repo: 'o/a', url: 'https://github.com/o/a', count: 1234 };
  return { profile: PROFILE, pubs, css: '', js: '', version: 'test' };
}

function view(): PageView {
  return buildView(input());
}

async function theme(spec: string): Promise<Theme> {
  const report = new Reporter();
  const t = await loadTheme(spec, process.cwd(), report);
  expect(report.list).toEqual([]);
  return t!;
}

/** A theme extending default whose publication partial is `source` (and section or page, if given). */
function themeWith(source: string, section?: string, page?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-frag-'));
  mkdirSync(path.join(dir, 'partials'));
  writeFileSync(path.join(dir, 'theme.json'), JSON.stringify({ name: 'frag', extends: 'default' }));
  writeFileSync(path.join(dir, 'partials/publication.hbs'), source);
  if (section) writeFileSync(path.join(dir, 'partials/section.hbs'), section);
  if (page) writeFileSync(path.join(dir, 'page.hbs'), page);
  return dir;
}

const joined = (chunks: Buffer[]) => Buffer.concat(chunks).toString();

describe('the page as fragments', () => {
  it.each(['default', 'minimal', 'cards'])('theme %s: the chunks are the page, byte for byte, every time', async (name) => {
    const t = await theme(name);
    const v = view();
    expect(joined(t.renderPage(v))).toBe(t.render(v));
    expect(joined(t.renderPage(v))).toBe(t.render(v));
    expect(t.render(v)).not.toContain('\u0000');
  });

  it('a publication is rendered once per view object and kept; a changed @root field it reads renders it again', async () => {
    const t = await theme('default');
    const v = view();
    const pub = v.sections[0].groups[0].entries[0];
    expect(t.renderPage(v).length).toBeGreaterThan(6); // three entries, twice: markers were placed
    const first = joined(t.renderPage(v));
    pub.titleHtml = 'CHANGED IN PLACE';
    // Kept by identity: the view objects are immutable in the pipeline (a change makes a new one).
    expect(joined(t.renderPage(v))).toBe(first);
    expect(t.render(v)).toContain('CHANGED IN PLACE');
    v.githubIconHtml = '<svg id="new-icon"></svg>'; // badges.hbs reads {{{@root.githubIconHtml}}}
    const again = joined(t.renderPage(v));
    expect(again).toContain('new-icon');
    expect(again).toContain('CHANGED IN PLACE');
  });

  it('a partial that reads @index, ../ or a hash is rendered every time (the chunks still equal the page)', async () => {
    for (const dir of [
      themeWith('<p>{{@index}} {{titleHtml}}</p>'),
      themeWith('<p>{{#each authors}}{{../key}}{{/each}} {{titleHtml}}</p>'),
      themeWith('<p>{{x}} {{titleHtml}}</p>', '{{#each groups}}{{#each entries}}{{> publication x=@index}}{{/each}}{{/each}}'),
      themeWith('<p>{{titleHtml}}</p>\n<p>{{key}}</p>', '{{#each groups}}{{#each entries}}\n    {{> publication}}\n{{/each}}{{/each}}'),
    ]) {
      const t = await theme(dir);
      const v = view();
      const page = t.render(v);
      expect(joined(t.renderPage(v))).toBe(page);
      v.sections[0].groups[0].entries[0].titleHtml = 'CHANGED IN PLACE';
      expect(joined(t.renderPage(v))).toBe(t.render(v));
      expect(t.render(v)).not.toBe(page);
    }
  });

  it('contextOnly: which partials depend on their context alone', () => {
    const asts = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, Handlebars.parseWithoutProcessing(v) as unknown]));
    expect(contextOnly('p', asts({ p: '{{title}}{{#each authors}}{{> a}}{{/each}}', a: '{{name}}' }))).toEqual([]);
    expect(contextOnly('p', asts({ p: '{{{@root.icon}}}{{> a}}', a: '{{@root.x.y}}' }))).toEqual([['icon'], ['x', 'y']]);
    expect(contextOnly('p', asts({ p: '{{> p}}{{title}}' }))).toEqual([]);
    for (const bad of ['{{@index}}', '{{#each a}}{{@first}}{{/each}}', '{{../x}}', '{{> (name)}}', '{{#> a}}x{{/a}}', '{{> missing}}', '{{@root}}']) {
      expect(contextOnly('p', asts({ p: bad }))).toBeUndefined();
    }
    expect(contextOnly('p', asts({ p: '{{> a}}', a: '{{@index}}' }))).toBeUndefined();
  });
});

describe('publication views kept between builds', () => {
  it('the same inputs give the same view object; a changed star count, thumbnail or profile gives a new one', () => {
    const { pubs } = bib(BIB);
    const make = (profile = PROFILE) => {
      const shown = buildView({ profile, pubs, css: '', js: '', version: 'test' }).sections[0].groups[0].entries;
      return ['a', 'b', 'c'].map((k) => shown.find((p) => p.key === k)!);
    };
    const one = make();
    const two = make();
    expect(two.every((p, i) => p === one[i])).toBe(true);
    pubs[1].stars = { repo: 'o/b', url: 'https://github.com/o/b', count: 5 };
    const three = make();
    expect(three[1]).not.toBe(two[1]);
    expect(three[1].stars?.count).toBe(5);
    expect(three[0]).toBe(two[0]);
    expect(three[2]).toBe(two[2]);
    pubs[2].thumbnail = { src: 'data:image/webp;base64,AA==', width: 1, height: 1 };
    expect(make()[2].thumbnail?.src).toBe('data:image/webp;base64,AA==');
    const other = make(profileSchema.parse({ ...PROFILE, max_authors: 1 }));
    expect(other.some((p, i) => p === three[i])).toBe(false);
  });
});

describe('the JSON-LD works between builds', () => {
  it("follow the owner's names in the profile and an entry's authors, whatever was kept", () => {
    const { pubs } = bib(BIB);
    const works = (profile = PROFILE) => {
      const ld = String(buildView({ profile, pubs, css: '', js: '', version: 'test' }).meta.jsonLd);
      return [...ld.matchAll(/"headline":"([^"]+)"/g)].map((m) => m[1]).sort();
    };
    expect(works()).toEqual(['First paper', 'Third']); // Jane Doe's
    expect(works()).toEqual(['First paper', 'Third']); // kept: the same
    expect(works(profileSchema.parse({ ...PROFILE, name: 'Rick Roe' }))).toEqual(['First paper', 'Second']);
    // An entry loaded again with other authors (as watch loads an edited one): Jane Doe is now on "Second".
    const again = bib(BIB.replace('author = {Roe, Rick}, journal', 'author = {Roe, Rick and Doe, Jane}, journal'));
    pubs[1] = again.pubs[1];
    expect(works()).toEqual(['First paper', 'Second', 'Third']);
  });
});

describe('the JSON-LD as kept bytes', () => {
  const PAGE = (use: string) => `<html><head>${use}</head><body>{{#each sections}}{{> section}}{{/each}}</body></html>`;

  it.each(['default', 'minimal', 'cards'])('theme %s: the page with the JSON-LD by reference is the page with it as text', async (name) => {
    const t = await theme(name);
    const plain = buildView(input());
    const page = t.render(plain);
    expect(page).toContain('"@type":"ScholarlyArticle"');
    for (let i = 0; i < 2; i++) {
      const refs = new PageRefs();
      const v = buildView(input(), refs);
      expect(v.meta.jsonLd).not.toContain('@type'); // a marker, not the text
      expect(joined(t.renderPage(v, refs))).toBe(page);
    }
  });

  it('a publication partial that writes @root.meta.jsonLd is not kept, and its marker is resolved', async () => {
    const t = await theme(themeWith('<p>{{titleHtml}}</p><script>{{{@root.meta.jsonLd}}}</script>'));
    const page = t.render(buildView(input()));
    for (let i = 0; i < 2; i++) {
      const refs = new PageRefs();
      expect(joined(t.renderPage(buildView(input(), refs), refs))).toBe(page);
    }
  });

  it('a theme that writes it escaped: the marker is refused, and a build falls back to the text', async () => {
    const dir = themeWith('<p>{{titleHtml}}</p>', undefined, PAGE('<pre>{{meta.jsonLd}}</pre>'));
    const t = await theme(dir);
    const refs = new PageRefs();
    expect(() => t.renderPage(buildView(input(), refs), refs)).toThrow(UnresolvedMarker);
    const site = mkdtempSync(path.join(tmpdir(), 'sp-frag-site-'));
    writeFileSync(path.join(site, 'refs.bib'), BIB);
    const result = await build({ cwd: site, bib: 'refs.bib', out: 'index.html', offline: true, theme: dir, cacheDir: path.join(site, 'cache') });
    expect(result.errors).toBe(0);
    const html = readFileSync(path.join(site, 'index.html'), 'utf8');
    expect(html).not.toContain('\u0000');
    expect(html).toContain('&quot;@type&quot;:&quot;ScholarlyArticle&quot;');
  });
});
