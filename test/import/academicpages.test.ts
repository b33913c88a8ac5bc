import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { copySite, tree } from './tree.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/import/academicpages');

describe('scholar-page import (academicpages)', () => {
  it('writes profile.yaml and refs.bib from the author block, the about page and _publications/, which validate clean and build', () => {
    const { root, site } = copySite(FIXTURE);
    const before = tree(site);
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('import of a site made with academicpages');
    expect(tree(site)).toEqual(before);

    const p = parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8'));
    expect(p).toEqual({
      name: 'Grace Hopper',
      position: 'Rear Admiral and computer scientist',
      affiliation: 'US Navy',
      description: 'Personal site of Grace Hopper',
      avatar: 'site/images/profile.png',
      email: 'grace@example.org',
      links: [
        { label: 'Google Scholar', url: 'https://scholar.google.com/citations?user=abc123', icon: 'scholar' },
        { label: 'ORCID', url: 'https://orcid.org/0000-0001-2345-6789', icon: 'orcid' },
        { label: 'GitHub', url: 'https://github.com/ghopper', icon: 'github' },
        { label: 'Twitter', url: 'https://twitter.com/gracehopper', icon: 'twitter' },
      ],
      bio: 'I wrote the first **compiler**.\n\nA bug 🐛 was found in a relay.',
      sections: [{ title: 'Publications', publications: 'all', group_by_year: true }],
      bibliography: 'refs.bib',
    });
    // Braces and LaTeX specials escaped in text; URLs verbatim, braces percent-encoded.
    expect(readFileSync(path.join(root, 'refs.bib'), 'utf8')).toBe(`@inproceedings{1952-05-01-compiler,
  author = {Hopper, G. M.},
  title = {The Education of a Computer},
  booktitle = {Proceedings of the ACM National Meeting},
  year = {1952},
  month = {5},
  pdf = {https://example.org/papers/education_of_a_computer.pdf},
  abstract = {Compilers: 50\\% of the \\{work\\} \\& more\\_than \\#1.},
}

@article{1959-01-01-cobol,
  author = {Sammet, J. and Hopper, G.},
  title = {COBOL: a \\{common\\} business language},
  journal = {Communications of the ACM},
  year = {1959},
  month = {1},
  url = {https://example.org/cobol?id=%7B1%7D},
}
`);
    for (const line of [
      '_config.yml:9: name "Grace Hopper"',
      '_config.yml:8: avatar site/images/profile.png',
      '_config.yml:14: link "Google Scholar" https://scholar.google.com/citations?user=abc123 (icon scholar)',
      '_config.yml:11: author.location (the profile has no place for it)',
      '_pages/about.md:8: bio',
      '_pages/about.md:10: Liquid tag "{% include base_path %}"',
      '_pages/about.md:12: HTML comment "<!-- Old text. -->"',
      '_publications/1952-05-01-compiler.md:1: entry 1952-05-01-compiler (@inproceedings)',
      '_publications/1952-05-01-compiler.md:10: bibtexurl',
      '_publications/1952-05-01-compiler.md:13: page text',
      '_talks/:0: 1 page(s) of _talks/',
      'the old site: 2 publication pages in _publications/; the new page: 2 entries of refs.bib',
    ]) expect(r.stdout).toContain(line);

    expect(cli(['validate'], { cwd: root }).stderr.trim()).toBe('0 errors, 0 warnings');
    expect(cli(['build', '--offline'], { cwd: root }).code).toBe(0);
    const html = readFileSync(path.join(root, 'dist/index.html'), 'utf8');
    expect(html.match(/href="mailto:grace@example\.org"/g)).toHaveLength(1);
    expect(html.match(/<strong class="owner">[^<]*<\/strong>/g)).toEqual(['<strong class="owner">G. Hopper</strong>', '<strong class="owner">G. M. Hopper</strong>']);
    expect(html).toContain('50% of the {work} &amp; more_than #1.');
    expect(html).toContain('COBOL: a {common} business language');
    expect(tree(site)).toEqual(before);
  });

  it('reads real sites\' publications: IEEE and MLA citations, dates without zero padding, and says only what it carried', () => {
    const { root, site } = copySite(FIXTURE);
    const pub = (name: string, front: string) => writeFileSync(path.join(site, '_publications', name), `---\n${front}\n---\n`);
    // Three of four academicpages sites tried write IEEE-style citations; the names end at the quoted title.
    pub('ieee.md', `title: "Adversarial Networks"\ncollection: publications\nvenue: "ICCV Workshops"\ndate: 2017-10-01\ncitation: 'A. Alvarez-Gila, J. van de Weijer, and E. Garrote, “Adversarial Networks,” presented at the ICCV Workshop, Venice, Italy, 2017.'`);
    pub('mla.md', `title: "Notes"\ncollection: publications\ndate: 2023-5-01\ncitation: 'Lovelace, Ada, and Charles Babbage. "Notes." Journal 3 (1843): 1-2.'`);
    // Jekyll reads "2023-5-01"; a year alone is a year.
    pub('nickname.md', `title: "Nick"\ndate: 2019-01-01\ncitation: 'John "Jack" Smith and Ann Lee. (2019). Nick.'`);
    pub('year-only.md', `title: "A Year"\ndate: 2021\ncitation: 'Hopper, G. (2021). A Year.'`);
    // No name list before the year: the owner, and a note to check it.
    pub('no-names.md', `title: "Untitled Work"\ndate: 2020-01-01\ncitation: 'Untitled Work on Compilers for the Navy, ICLR 2020.'`);
    pub('no-title.md', 'collection: publications');
    // A file of the site, from its root as Jekyll serves it: linked from where the profile is written.
    mkdirSync(path.join(site, 'files'), { recursive: true });
    writeFileSync(path.join(site, 'files/notes.pdf'), '%PDF-1.4\n');
    pub('local-pdf.md', `title: "Local"\ndate: 2020-01-01\npaperurl: '/files/notes.pdf'\nslidesurl: '/files/missing.pdf'\ncitation: 'Hopper, G. (2020). Local.'`);
    // A path that leaves the site is never rebased onto a file outside it (here: the profile's folder, and /etc).
    writeFileSync(path.join(root, 'private.pdf'), '%PDF-1.4\n');
    pub('escape.md', `title: "Escape"\ndate: 2020-01-01\npaperurl: '/../private.pdf'\nslidesurl: '/../../../../../../etc/hostname'\ncitation: 'Hopper, G. (2020). Escape.'`);
    // libyaml (Jekyll) reads a quoted value continued at column 0; front matter that does not parse at all is said to.
    pub('lenient.md', `title: "Crop CNNs"\ndate: 2019-11-19\ncitation: 'A. Picon, and J. Echazarra, “Crop CNNs,” Computers in Agriculture, Nov. 2019.\n'`);
    pub('broken.md', 'title: "Broken\ndate: [2019\nvenue: x: y');
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.code).toBe(0);
    const bib = readFileSync(path.join(root, 'refs.bib'), 'utf8');
    const entry = (key: string) => bib.slice(bib.indexOf(`{${key},`), bib.indexOf('\n}', bib.indexOf(`{${key},`)));
    expect(entry('ieee')).toContain('author = {A. Alvarez-Gila and J. van de Weijer and E. Garrote},');
    expect(entry('mla')).toContain('author = {Lovelace, Ada and Charles Babbage},');
    expect(entry('mla')).toMatch(/year = \{2023\},\n {2}month = \{5\},/);
    expect(entry('nickname')).toContain('author = {John "Jack" Smith and Ann Lee},');
    expect(entry('year-only')).toContain('year = {2021},');
    expect(entry('year-only')).not.toContain('month');
    expect(entry('no-names')).toContain('author = {Grace Hopper},');
    for (const line of [
      '_publications/ieee.md:1: entry ieee (@article) (title, venue, date, citation authors)',
      '_publications/mla.md:1: entry mla (@misc) (title, date, citation authors)',
      '_publications/no-names.md:1: entry no-names (@misc) (title, date)',
      '_publications/lenient.md:1: entry lenient (@misc) (title, date, citation authors)',
      'the old site: 12 publication pages in _publications/; the new page: 10 entries of refs.bib',
    ]) expect(r.stdout.replace(/ +/g, ' ')).toContain(line);
    expect(r.stdout).toMatch(/_publications\/no-names\.md:\d+: authors .*check it/);
    expect(r.stdout).toMatch(/_publications\/no-title\.md:1: publication .*no title/);
    expect(entry('lenient')).toContain('author = {A. Picon and J. Echazarra},');
    expect(entry('local-pdf')).toContain('pdf = {site/files/notes.pdf},');
    expect(entry('local-pdf')).toContain('slides = {/files/missing.pdf},');
    expect(entry('escape')).toContain('pdf = {/../private.pdf},');
    expect(entry('escape')).toContain('slides = {/../../../../../../etc/hostname},');
    expect(r.stdout).toMatch(/_publications\/broken\.md:\d+: all of its YAML \(it does not parse: /);
    expect(r.stdout).not.toMatch(/broken\.md:1: publication/);
  });

  it('--from al-folio reads the same folder as al-folio', () => {
    const { root } = copySite(FIXTURE);
    const r = cli(['import', 'site', '--from', 'al-folio'], { cwd: root });
    expect(r.stdout).toContain('import of a site made with al-folio');
  });
});
