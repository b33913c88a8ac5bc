import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { copySite, tree } from './tree.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/import/al-folio');

const copy = (): { root: string; site: string } => copySite(FIXTURE);

describe('scholar-page import (al-folio)', () => {
  it('writes a profile that validates clean and builds, with the owner bolded, and leaves the site alone', () => {
    const { root, site } = copy();
    const before = tree(site);
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(tree(site)).toEqual(before);

    const p = parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8'));
    expect(p).toMatchObject({
      name: 'Ada Augusta Lovelace',
      // "A." alone would bold any A. Lovelace; "Ada" matches the A. of her own entries.
      owner: ['Ada Lovelace', 'Ada King'],
      email: 'ada@example.org',
      description: 'A homepage of Ada, based on folio.',
      site_url: 'https://ada.example.org/home',
      avatar: 'site/assets/img/prof_pic.png',
      position: 'Countess. Analyst of engines.',
      affiliation: 'Analytical Society, London',
      bibliography: 'site/_bibliography/papers.bib',
      venues: 'site/_data/venues.yml',
      people: 'site/_data/coauthors.yml',
    });
    expect(p.bio).toBe('I write **notes** on the [Analytical Engine](https://example.org/engine).\n\nMy site is and I like ✨ things.');
    expect(p.links).toEqual([
      { label: 'ORCID', url: 'https://orcid.org/0000-0002-1825-0097', icon: 'orcid' },
      { label: 'Google Scholar', url: 'https://scholar.google.com/citations?user=qc6CJjYAAAAJ', icon: 'scholar' },
      { label: 'GitHub', url: 'https://github.com/ada', icon: 'github' },
      { label: 'X', url: 'https://x.com/ada_l', icon: 'twitter' },
      { label: 'Lab page', url: 'https://lab.example.org/', icon: 'link' },
    ]);
    expect(p.sections).toEqual([
      { title: 'News', markdown: '- **Jan 15, 2016** — A long announcement with details\n- **Oct 22, 2015** — A simple inline announcement ✊ with [a link](https://example.org).' },
      { title: 'Selected publications', publications: { selected: true } },
      { title: 'Publications', publications: 'all', group_by_year: true },
    ]);

    // The report: each carried and dropped thing with its file and line.
    for (const line of [
      '_config.yml:3: name "Ada Augusta Lovelace"',
      '_config.yml:14: owner names "Ada Lovelace", "Ada King" (scholar.first_name × scholar.last_name; initials alone left out, "A.": the full given names match them, and alone they would bold other people)',
      '_pages/about.md:9: avatar site/assets/img/prof_pic.png',
      '_pages/about.md:19: bio',
      '_data/socials.yml:3: link "Google Scholar"',
      '_news/announcement_1.md:3: news item of Oct 22, 2015',
      '_pages/about.md:21: kramdown attribute list "{: .lead style=\\"color: red\\"}"',
      '_pages/about.md:23: HTML comment "<!-- A paragraph the owner had commented out.',
      '_pages/about.md:26: kramdown comment "{::comment} An old draft. {:/comment}"',
      '_pages/about.md:30: Liquid tag "{% include figure.liquid',
      '_pages/about.md:32: Liquid output "{{ site.url }}"',
      '_data/socials.yml:6: social wechat_qr (no profile link for "wechat_qr")',
      '_news/announcement_2.md:8: news post body',
      '_data/venues.yml:0: venues: site/_data/venues.yml (1 venue: badge colours and links by abbr, used where it is, not copied)',
      '_data/coauthors.yml:0: people: site/_data/coauthors.yml (3 people) (co-author links, used where it is, not copied)',
      '_pages/cv.md:0: page cv.md',
      'the old site: 2 entries in _bibliography/papers.bib; the new page: the same 2 entries, in 3 sections',
    ]) expect(r.stdout).toContain(line);
    expect(r.stdout).not.toContain('rss_icon');

    const v = cli(['validate'], { cwd: root });
    expect(v.stderr.trim()).toBe('0 errors, 0 warnings');
    const b = cli(['build', '--offline'], { cwd: root });
    expect(b.code).toBe(0);
    const html = readFileSync(path.join(root, 'dist/index.html'), 'utf8');
    // The address once, in the header: `email`, not also a link "Email".
    expect(html.match(/href="mailto:ada@example\.org"/g)).toHaveLength(1);
    expect(html.match(/<strong class="owner">[^<]*<\/strong>/g)).toEqual([
      // the selected paper, then both papers under Publications
      '<strong class="owner">Ada Lovelace</strong>', '<strong class="owner">Ada Lovelace</strong>', '<strong class="owner">A. King</strong>',
    ]);
    // co-authors of _data/coauthors.yml link to their pages; the owner, listed there too, stays bold and unlinked
    expect([...html.matchAll(/<a class="coauthor" href="([^"]+)">([^<]*)<\/a>/g)].map((m) => `${m[2]} → ${m[1]}`)).toEqual([
      'Charles Babbage → https://en.wikipedia.org/wiki/Charles_Babbage',
      'Charles Babbage → https://en.wikipedia.org/wiki/Charles_Babbage',
      'Luigi Menabrea → https://en.wikipedia.org/wiki/Luigi_Federico_Menabrea',
    ]);
    expect(html).not.toContain('wiki/Ada_Lovelace');
    expect(html).not.toContain('commented out');
    for (const s of ['{: .lead', 'figure.liquid', 'site.url', 'An old draft']) expect(html).not.toContain(s);
    expect(html).toContain('<img class="avatar"');
    // al-folio's venue colour and link, on the badge of the entry with abbr = {AJP}
    expect(html).toContain('<span class="badge venue-00369f-ffffff"><a class="badge-venue" href="https://aapt.scitation.org/journal/ajp">AJP 1843</a></span>');
    expect(html).toContain('.venue-00369f-ffffff{--venue-bg:#00369f;--venue-fg:#ffffff}');
    expect(r.stdout).not.toMatch(/not carried over[\s\S]*venues\.yml/);
    expect(tree(site)).toEqual(before);
  });

  it('_data/coauthors.yml: a url that is not https: is reported as not carried; a file that does not load is left out, with its line', () => {
    const { root, site } = copy();
    const file = path.join(site, '_data/coauthors.yml');
    writeFileSync(file, '"babbage":\n  - firstname: [Charles]\n    url: http://babbage.example.org/\n');
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.stdout).toContain('_data/coauthors.yml:0: people: site/_data/coauthors.yml (1 person)');
    expect(r.stdout).toContain('_data/coauthors.yml:3: a co-author link (url of "Babbage, Charles" is refused (it is not https:)');
    expect(cli(['validate'], { cwd: root }).stderr).toMatch(/_data\/coauthors\.yml:3:10: warning people\/not-https/);

    writeFileSync(file, '"babbage":\n  - firstname: [Charles\n');
    const bad = cli(['import', 'site', '--force'], { cwd: root });
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(/_data\/coauthors\.yml:3: co-author links \(it does not load: .*; fix it, then add people: site\/_data\/coauthors\.yml\)/);
    expect(parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).people).toBeUndefined();
    expect(cli(['validate'], { cwd: root }).stderr.trim()).toBe('0 errors, 0 warnings');

    // As al-folio ships it: every example commented out
    writeFileSync(file, '# "adams":\n#   - firstname: ["Edwin", "E."]\n#     url: https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams\n');
    const empty = cli(['import', 'site', '--force'], { cwd: root });
    expect(empty.stdout).toContain('_data/coauthors.yml:0: co-author links (the file lists no one (its entries are commented out))');
    expect(parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).people).toBeUndefined();
  });

  it('max_author_limit becomes max_authors; left blank (al-folio: every author), a number no list reaches', () => {
    const { root, site } = copy();
    const config = path.join(site, '_config.yml');
    const text = readFileSync(config, 'utf8');
    for (const [line, want, said] of [['max_author_limit: 3 # leave blank to always show all authors', 3, '_config.yml:LINE: max_authors 3 (from max_author_limit)'], ['max_author_limit:', 1000, 'max_authors 1000 (max_author_limit is blank: every author is shown)']] as const) {
      writeFileSync(config, `${text}\n${line}\n`);
      const r = cli(['import', 'site', '--force'], { cwd: root });
      expect(r.code).toBe(0);
      expect(parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).max_authors).toBe(want);
      expect(r.stdout).toContain(said.replace('LINE', String(text.split('\n').length + 1)));
    }
    writeFileSync(config, text);
    expect(parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).max_authors).toBe(1000);
    cli(['import', 'site', '--force'], { cwd: root });
    expect(parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).max_authors).toBeUndefined();
  });

  it('the publications page: its text above the list is the intro, its years: a range; the report names the page only when there is one', () => {
    const { root, site } = copy();
    const r0 = cli(['import', 'site'], { cwd: root });
    expect(r0.stdout).toContain('_bibliography/papers.bib:0: section "Publications" (all entries, grouped by year)');
    writeFileSync(path.join(site, '_pages/publications.md'), [
      '---', 'layout: page', 'title: publications', 'years: [1843, 1840]', '---',
      '<!-- _pages/publications.md -->', 'Please cite the **journal** versions. {% include note.liquid %}', '',
      '<div class="publications">', '{%- for y in page.years %}', '  <h2 class="year">{{y}}</h2>', '  {% bibliography -f papers -q @*[year={{y}}]* %}', '{% endfor %}', '</div>', '',
      'Some text after the list.', '',
    ].join('\n'));
    const r = cli(['import', 'site', '--force'], { cwd: root });
    expect(r.code).toBe(0);
    const pubs = parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).sections.find((x: { title: string }) => x.title === 'Publications');
    expect(pubs).toEqual({ title: 'Publications', intro: 'Please cite the **journal** versions.', publications: { years: { from: 1840, to: 1843 } }, group_by_year: true });
    for (const line of [
      '_pages/publications.md:6: intro of section "Publications" (the text above the list)',
      '_pages/publications.md:0: section "Publications" (the years 1840 to 1843, as the page\'s years: list shows them, grouped by year)',
      '_pages/publications.md:7: Liquid tag "{% include note.liquid %}"',
      '_pages/publications.md:9: page text around the list (copy what matters into the section\'s intro)',
    ]) expect(r.stdout).toContain(line);
    expect(cli(['build', '--offline'], { cwd: root }).code).toBe(0);

    // An older al-folio page: the loop at the top level, no <div>; nothing around the list to report.
    writeFileSync(path.join(site, '_pages/publications.md'), ['---', 'layout: page', 'title: publications', 'years: [1843]', '---', '{% for y in page.years %}', '  <h2 class="year">{{y}}</h2>', '  {% bibliography -f papers -q @*[year={{y}}]* %}', '{% endfor %}', ''].join('\n'));
    const old = cli(['import', 'site', '--force'], { cwd: root });
    expect(old.stdout).not.toContain('page text around the list');
    expect(old.stdout).not.toContain('intro of section');
  });

  it('refuses to overwrite profile.yaml without --force, and writes nothing then', () => {
    const { root } = copy();
    writeFileSync(path.join(root, 'profile.yaml'), 'MINE');
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/profile\.yaml: error import\/exists: file exists/);
    expect(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).toBe('MINE');
    expect(cli(['import', 'site', '--force'], { cwd: root }).code).toBe(0);
    expect(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).toContain('name: Ada Augusta Lovelace');
  });

  it('says so when the folder is no site it knows, or --out does not hold the site', () => {
    const { root, site } = copy();
    const other = mkdtempSync(path.join(tmpdir(), 'sp-import-'));
    const r = cli(['import', other], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error import\/unknown-site: not an al-folio site/);
    const o = cli(['import', site, '--out', other], { cwd: root });
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/error import\/out-outside-site/);
    expect(readdirSync(other)).toEqual([]);
    expect(cli(['import', other, '--from', 'al-folio'], { cwd: root }).code).toBe(1);
  });

  it('a file that does not parse is reported with its line, never an internal error, and the rest still imports', () => {
    const { root, site } = copy();
    writeFileSync(path.join(site, '_config.yml'), 'first_name: Ada\nlast_name: [unclosed\n');
    writeFileSync(path.join(site, '_news/bad.md'), '---\ndate: [\n---\n{{ never closed\n');
    writeFileSync(path.join(site, '_data/venues.yml'), '"AJP":\n  color: "#00369f"\n"PRL": [\n');
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/_config\.yml:3: all of its YAML \(it does not parse: /);
    expect(r.stdout).toMatch(/_news\/bad\.md:3: all of its YAML \(it does not parse: /);
    expect(r.stdout).toContain('_news/bad.md:2: news item (no date');
    expect(r.stdout).toMatch(/_data\/venues\.yml:[34]: venue badge colours \(it does not parse: /);
    expect(parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8')).venues).toBeUndefined();
    expect(r.stdout).toContain('_news/announcement_1.md:3: news item of Oct 22, 2015');
    expect(r.stderr).not.toContain('internal error');
    expect(cli(['validate'], { cwd: root }).stderr).toMatch(/0 errors/);
  });
});
