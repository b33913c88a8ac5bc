import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run.js';
import { copySite, tree } from './tree.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/import/hugo-blox');

describe('scholar-page import (Hugo Blox)', () => {
  it('the admin author becomes the profile, the bundles refs.bib with featured thumbnails and url_* links; it validates clean and builds', () => {
    const { root, site } = copySite(FIXTURE);
    const before = tree(site);
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('import of a site made with hugo-blox');
    expect(tree(site)).toEqual(before);

    const p = parse(readFileSync(path.join(root, 'profile.yaml'), 'utf8'));
    expect(p).toEqual({
      name: 'Alan Turing',
      owner: ['Alan Turing'],
      position: 'Reader in Mathematics',
      affiliation: 'University of Manchester',
      email: 'alan@example.org',
      avatar: 'site/content/authors/admin/avatar.jpg',
      links: [
        { label: 'Google Scholar', url: 'https://scholar.google.com/citations?user=turing1', icon: 'scholar' },
        { label: 'GitHub', url: 'https://github.com/aturing', icon: 'github' },
      ],
      bio: 'I work on *computable numbers* .',
      sections: [
        { title: 'Interests', markdown: '- Computability\n- Morphogenesis' },
        { title: 'Education', markdown: '- PhD in Mathematics, Princeton University (1938)' },
        { title: 'Publications', publications: 'all', group_by_year: true },
      ],
      bibliography: 'refs.bib',
    });
    const bib = readFileSync(path.join(root, 'refs.bib'), 'utf8');
    // cite.bib as written, with the bundle's featured image and url_pdf added.
    expect(bib).toContain(`  year = {1936},
  thumbnail = {site/content/publication/turing-1936/featured.png},
  pdf = {https://example.org/turing1936.pdf},
}`);
    // No cite.bib: the entry is written from the front matter, escaped.
    expect(bib).toContain(`@article{turing-1950,
  author = {Alan Turing},
  title = {Computing Machinery \\& Intelligence},
  journal = {Mind},
  year = {1950},
  abstract = {Can machines think? 100\\% \\{maybe\\}.},
  slides = {https://example.org/slides.pdf},
}`);
    for (const line of [
      'content/authors/admin/_index.md:2: name "Alan Turing"',
      'content/authors/admin/_index.md:9: section "Interests" (2)',
      'content/authors/admin/_index.md:26: social skype (not an https: or mailto: address)',
      'content/authors/admin/_index.md:33: Liquid output "{{< icon name=\\"download\\" pack=\\"fas\\" >}}"',
      'content/publication/turing-1936/cite.bib:1: entry of turing-1936 (with thumbnail, pdf from content/publication/turing-1936/index.md)',
      'content/publication/turing-1936/index.md:8: url_code (not an https: address)',
      'content/publication/turing-1950/index.md:1: entry of turing-1950 (from the front matter (no cite.bib))',
    ]) expect(r.stdout).toContain(line);

    expect(cli(['validate'], { cwd: root }).stderr.trim()).toBe('0 errors, 0 warnings');
    expect(cli(['build', '--offline'], { cwd: root }).code).toBe(0);
    const html = readFileSync(path.join(root, 'dist/index.html'), 'utf8');
    // The envelope social of the author's own address is the header's email, not a second link.
    expect(html.match(/href="mailto:alan@example\.org"/g)).toHaveLength(1);
    expect(html.match(/<strong class="owner">[^<]*<\/strong>/g)).toEqual(['<strong class="owner">Alan Turing</strong>', '<strong class="owner">Alan M. Turing</strong>']);
    // The featured image is the one thumbnail, linked to the paper.
    expect(html.match(/<img src="data:image\/[a-z]+;base64,[^"]*"[^>]*>/g)?.filter((i) => !i.includes('avatar'))).toHaveLength(1);
    expect(html).toMatch(/<a href="https:\/\/example\.org\/turing1936\.pdf" tabindex="-1" aria-hidden="true"><img src="data:image/);
    expect(tree(site)).toEqual(before);
  });

  it('reads what real sites have: pages of their own, a PDF named after its bundle, the DOI and abstract beside a cite.bib', () => {
    const { root, site } = copySite(FIXTURE);
    const pubs = path.join(site, 'content/publication');
    // Older Academic sites: one page per publication, no bundle (a real site had 17, all skipped).
    writeFileSync(path.join(pubs, 'lovelace-1843.md'), "---\ntitle: 'Notes on the Engine'\nauthors: [admin, Charles Babbage]\ndate: '1843-09-01'\npublication: 'Scientific Memoirs'\n---\nText.\n");
    writeFileSync(path.join(pubs, '_index.md'), '---\ntitle: Publications\n---\n');
    // A stray cite.bib beside the pages is no page's.
    writeFileSync(path.join(pubs, 'cite.bib'), '@article{stray, title={Stray}, author={X, Y}, year=2000}\n');
    // Hugo's TOML front matter, between +++ lines.
    mkdirSync(path.join(pubs, 'turing-1948'));
    writeFileSync(path.join(pubs, 'turing-1948/index.md'), '+++\ntitle = "Intelligent Machinery"\nauthors = ["admin"]\ndate = 1948-07-01\npublication = "NPL Report"\nurl_pdf = "http://example.org/im.pdf"\nurl_poster = "#"\nurl_slides = "../../../../private.pdf"\n+++\nBody.\n');
    // Hugo Blox shows a PDF button for <bundle>/<bundle>.pdf, and the front matter's DOI and abstract.
    mkdirSync(path.join(pubs, 'turing-1937'));
    writeFileSync(path.join(pubs, 'turing-1937/index.md'), "---\ntitle: 'Computability'\nauthors: [admin]\ndate: '1937-01-01'\ndoi: '10.2307/2268280'\nabstract: 'Shown on the site: 50% {of} it.'\n---\n");
    writeFileSync(path.join(pubs, 'turing-1937/cite.bib'), '@article{turing1937,\n  author = {Turing, A. M.},\n  title = {Computability and $\\lambda$-Definability},\n  journal = {J. Symb. Log.},\n  year = {1937}\n}\n');
    writeFileSync(path.join(pubs, 'turing-1937/turing-1937.pdf'), '%PDF-1.4\n');
    const r = cli(['import', 'site'], { cwd: root });
    expect(r.code).toBe(0);
    const bib = readFileSync(path.join(root, 'refs.bib'), 'utf8');
    expect(bib).toContain('@article{lovelace-1843,\n  author = {Alan Turing and Charles Babbage},\n  title = {Notes on the Engine},\n  journal = {Scientific Memoirs},\n  year = {1843},\n}');
    expect(bib).toContain('  year = {1937},\n  pdf = {site/content/publication/turing-1937/turing-1937.pdf},\n  doi = {10.2307/2268280},\n  abstract = {Shown on the site: 50\\% \\{of\\} it.},\n}');
    for (const line of [
      'content/publication/lovelace-1843.md:1: entry of lovelace-1843 (from the front matter (no cite.bib))',
      'content/publication/turing-1937/cite.bib:1: entry of turing-1937 (with pdf, doi, abstract from content/publication/turing-1937/index.md)',
      'content/publication/turing-1948/index.md:1: entry of turing-1948 (from the front matter (no cite.bib))',
      'content/publication/turing-1948/index.md:6: url_pdf (not an https: address)',
      'content/publication/turing-1948/index.md:8: url_slides ("../../../../private.pdf" resolves outside the site folder)',
      'the old site: 5 publication pages in content/publication/; the new page: 5 entries of refs.bib',
    ]) expect(r.stdout).toContain(line);
    expect(r.stdout).not.toContain('publication/_index');
    expect(bib).not.toContain('stray');
    expect(bib).toContain('@article{turing-1948,\n  author = {Alan Turing},\n  title = {Intelligent Machinery},\n  journal = {NPL Report},\n  year = {1948},\n}');
    expect(cli(['validate'], { cwd: root }).code).toBe(0);
  });
});
