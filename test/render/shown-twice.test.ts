import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

// al-folio sites show their selected papers twice: in "Selected publications" and in the full list
// (8 of 8 imported al-folio sites that have selected papers). Each copy is the same entry, but the
// page must not repeat an id, and opening a toggle of one copy must not close the other's
// (`<details name>` groups the toggles of one entry).
const PROFILE = `name: Ada Lovelace
bibliography: refs.bib
sections:
  - title: Selected publications
    publications:
      selected: true
  - title: Publications
    publications: all
    group_by_year: true
  - title: Again, by key
    publications:
      keys: [a2024, a2024]
`;
const BIB = `@article{a2024, author={Lovelace, Ada}, title={Selected and listed}, journal={J}, year={2024}, selected={true}, abstract={An abstract.}, bibtex_show={true}}
@article{b2023, author={Lovelace, Ada}, title={Listed once}, journal={J}, year={2023}, abstract={Another.}}
`;

const values = (html: string, attr: string) => [...html.matchAll(new RegExp(` ${attr}="([^"]+)"`, 'g'))].map((m) => m[1]);

describe.each(['default', 'cards', 'minimal'])('an entry shown in several sections, theme "%s"', (theme) => {
  it('has an id of its own in each copy, and toggles of its own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-twice-'));
    writeFileSync(path.join(dir, 'profile.yaml'), PROFILE);
    writeFileSync(path.join(dir, 'refs.bib'), BIB);
    const r = await build({ cwd: dir, theme, out: 'index.html', offline: true, paperPages: theme === 'default' });
    expect(r.errors).toBe(0);
    const html = readFileSync(r.outFile!, 'utf8');
    const ids = values(html, 'id');
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids.filter((id) => id.startsWith('pub-'))).toEqual(['pub-a2024', 'pub-a2024--2', 'pub-b2023', 'pub-a2024--3', 'pub-a2024--4']);
    // Each copy's Abstract and BibTeX toggles share a name of their own.
    const names = values(html, 'name').filter((n) => n.startsWith('pub-'));
    expect(names).toEqual(['pub-a2024', 'pub-a2024', 'pub-a2024--2', 'pub-a2024--2', 'pub-b2023', 'pub-b2023', 'pub-a2024--3', 'pub-a2024--3', 'pub-a2024--4', 'pub-a2024--4']);
    // One paper page per entry, however often it is shown.
    if (theme === 'default') expect(readdirSync(path.join(dir, 'papers')).filter((f) => f.endsWith('.html')).sort()).toEqual(['a2024.html', 'b2023.html']);
  });
});
