import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../src/model/diagnostic.js';
import { profileSchema } from '../../src/model/profile.js';
import { loadTheme } from '../../src/render/theme.js';
import { buildView } from '../../src/render/view-model.js';
import { JSON_LD_AUTHORS, JSON_LD_WORKS } from '../../src/render/page-meta.js';
import { HELPERS } from '../../src/render/helpers.js';
import { cleanBibtex } from '../../src/enrich/clean-bibtex.js';
import { bib } from '../helpers.js';

// What a long page carries per entry: only what the page shows or uses (issue 23).

const BIB = `
@article{a, title = {With {Abstract}}, author = {Doe, Jane and Roe, Rick}, journal = {TPAMI}, year = 2020, abstract = {We show things.}}
@misc{b, title = {Without}, author = {Roe, Rick}, year = 2019}
`;

async function page(theme: string, profile: Record<string, unknown>, text = BIB): Promise<string> {
  const report = new Reporter();
  const t = await loadTheme(theme, process.cwd(), report);
  expect(report.list).toEqual([]);
  const { pubs } = bib(text);
  for (const p of pubs) p.bibtex = cleanBibtex(p);
  return t!.render(buildView({ profile: profileSchema.parse({ name: 'Jane Doe', ...profile }), pubs, css: '', js: '', version: 't' }));
}

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]) as { subjectOf: { headline: string; author: { name: string }[] }[] };

describe.each(['default', 'minimal', 'cards'])('theme %s', (theme) => {
  it('writes the search text only when the profile turns search on', async () => {
    expect(await page(theme, {})).not.toContain('data-search');
    const on = await page(theme, { search: true });
    expect(count(on, / data-search="[^"]+"/g)).toBe(2);
    expect(on).toContain('data-search="with abstract jane doe rick roe tpami 2020"');
  });

  it('names the BibTeX toggle only where a second toggle shares the entry, and leaves the Copy button to the script', async () => {
    const html = await page(theme, {});
    expect(html).toContain('<details class="toggle toggle-abstract" name="pub-a">');
    expect(html).toContain('<details class="toggle toggle-bibtex" name="pub-a">');
    expect(count(html, /<details class="toggle toggle-bibtex">/g)).toBe(1); // entry b: BibTeX only
    expect(html).not.toContain('copy-bibtex');
  });
});

describe('long lists in runs', () => {
  it('the chunks helper cuts a list in runs of the given size', () => {
    expect(HELPERS.chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(HELPERS.chunks([1, 2, 3], 0)).toEqual([[1, 2, 3]]);
    expect(HELPERS.chunks([], 24)).toEqual([]);
    expect(HELPERS.chunks('abc', 2)).toEqual([]);
  });

  it.each(['default', 'minimal', 'cards'])('theme %s puts the entries of a group in runs of 24, with no style attribute', async (theme) => {
    const text = Array.from({ length: 50 }, (_, i) => `@misc{k${i}, title = {Work ${i}}, year = 2020}`).join('\n');
    const html = await page(theme, {}, text);
    // Each run's entries: the text from one run's opening to the next (or to the end of the list).
    const starts = [...html.matchAll(/class="[^"]*pub-chunk">/g)].map((m) => m.index);
    expect(starts).toHaveLength(3);
    const runs = starts.map((s, i) => html.slice(s, starts[i + 1] ?? html.length).match(/data-key="/g)?.length);
    expect(runs).toEqual([24, 24, 2]);
    // A Content-Security-Policy without 'unsafe-inline' would block a style attribute.
    expect(html).not.toMatch(/<[^>]*\sstyle="/);
  });
});

describe('the BibTeX', () => {
  it('is escaped for element content: quotes as written, markup characters as entities', async () => {
    const html = await page('default', {}, '@misc{q, title = "A <b>bold</b> & \'quoted\' title", year = "2020"}');
    expect(html).toContain('  title = "A &lt;b&gt;bold&lt;/b&gt; &amp; \'quoted\' title",\n  year = "2020"');
  });
});

describe('the JSON-LD', () => {
  it("lists only the owner's works when some name the owner, as author or editor", async () => {
    const text = `${BIB}\n@book{c, title = {Edited}, editor = {Doe, J.}, year = 2018}`;
    expect(jsonLd(await page('default', {}, text)).subjectOf.map((a) => a.headline)).toEqual(['With Abstract', 'Edited']);
  });

  it(`lists at most ${JSON_LD_WORKS} works, the first the page shows`, async () => {
    const many = Array.from({ length: JSON_LD_WORKS + 5 }, (_, i) => `@misc{k${i}, title = {Work ${i}}, author = {Doe, Jane}, year = ${3000 - i}}`).join('\n');
    const works = jsonLd(await page('default', {}, many)).subjectOf;
    expect(works).toHaveLength(JSON_LD_WORKS);
    expect(works[0].headline).toBe('Work 0');
    expect(works.at(-1)!.headline).toBe(`Work ${JSON_LD_WORKS - 1}`);
  });

  it(`names at most ${JSON_LD_AUTHORS} authors per work, and the owner further down`, async () => {
    const authors = [...Array.from({ length: JSON_LD_AUTHORS + 10 }, (_, i) => `Person, A${i}`), 'Doe, Jane'].join(' and ');
    const [work] = jsonLd(await page('default', {}, `@article{big, title = {Big}, author = {${authors}}, year = 2020}`)).subjectOf;
    expect(work.author).toHaveLength(JSON_LD_AUTHORS + 1);
    expect(work.author.at(-1)!.name).toBe('Jane Doe');
    expect(work.author[JSON_LD_AUTHORS - 1].name).toBe(`A${JSON_LD_AUTHORS - 1} Person`);
  });
});

describe("the theme's image boxes", () => {
  const themeWith = (manifest: object) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-box-'));
    writeFileSync(path.join(dir, 'theme.json'), JSON.stringify({ name: 'box', ...manifest }));
    writeFileSync(path.join(dir, 'page.hbs'), '<p>{{meta.title}}</p>');
    return dir;
  };
  const load = async (spec: string) => (await loadTheme(spec, process.cwd(), new Reporter()))!;

  it('the avatar is encoded for the box its CSS shows it in, from the nearest theme that sets one', async () => {
    expect((await load('default')).avatar).toEqual({ width: 112, height: 112 });
    expect((await load('cards')).avatar).toEqual({ width: 112, height: 112 }); // cards' thumbnails are larger; its avatar is default's
    expect((await load(themeWith({ extends: 'default', avatar: { width: 150, height: 150 } }))).avatar).toEqual({ width: 150, height: 150 });
  });

  it('without one, a thumbnail.height square; a box that is not whole pixels from 1 to 2000 is ignored', async () => {
    expect((await load(themeWith({ thumbnail: { width: 300, height: 160 } }))).avatar).toEqual({ width: 160, height: 160 });
    const bad = await load(themeWith({ extends: 'default', avatar: { width: '9e9', height: 1 }, thumbnail: { width: 0, height: 5 } }));
    expect(bad.avatar).toEqual({ width: 112, height: 112 });
    expect(bad.thumbnail).toEqual({ width: 200, height: 125 });
  });
});
