import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, validate } from '../../src/index.js';
import { closestPerson, ownerMatcher, ownerNames } from '../../src/render/owner.js';

const p = (first: string, last: string) => ({ first, last, marks: '' });
const lit = (literal: string) => ({ first: '', last: '', literal, marks: '' });

describe('owner matching: transliterations, same surnames, one string', () => {
  it('ü = ue = u, ö = oe, ä = ae, in either direction', () => {
    expect(ownerMatcher(['Mueller, Jonas'])(p('Jonas', 'Müller'))).toBe(true);
    expect(ownerMatcher(['Jonas Müller'])(p('Jonas', 'Mueller'))).toBe(true);
    expect(ownerMatcher(['Jonas Müller'])(p('Jonas', 'Muller'))).toBe(true);
    expect(ownerMatcher(['Bernhard Schölkopf'])(p('Bernhard', 'Schoelkopf'))).toBe(true);
    expect(ownerMatcher(['Schoelkopf, Bernhard'])(p('B.', 'Schölkopf'))).toBe(true);
    expect(ownerMatcher(['Jürgen Gall'])(p('Juergen', 'Gall'))).toBe(true);
    expect(ownerMatcher(['Käthe Ärger'])(p('Kaethe', 'Aerger'))).toBe(true);
    // "Mueller" and "Muller" are two spellings that only Müller shares: not each other.
    expect(ownerMatcher(['Jonas Mueller'])(p('Jonas', 'Muller'))).toBe(false);
  });

  it('ø = o (= oe), ß = ss, å = aa (= a), æ = ae, ł = l', () => {
    expect(ownerMatcher(['Søren Hauberg'])(p('Soren', 'Hauberg'))).toBe(true);
    expect(ownerMatcher(['Soeren Hauberg'])(p('Søren', 'Hauberg'))).toBe(true);
    expect(ownerMatcher(['Thomas Strauß'])(p('Thomas', 'Strauss'))).toBe(true);
    expect(ownerMatcher(['Strauss, T.'])(p('Thomas', 'Strauß'))).toBe(true);
    expect(ownerMatcher(['Håkon Aas'])(p('Haakon', 'Aas'))).toBe(true);
    expect(ownerMatcher(['Haakon Aas'])(p('Håkon', 'Aas'))).toBe(true);
    expect(ownerMatcher(['Håkon Aas'])(p('Hakon', 'Aas'))).toBe(true);
    expect(ownerMatcher(['Cæcilie Berg'])(p('Caecilie', 'Berg'))).toBe(true);
    expect(ownerMatcher(['Łukasz Kaiser'])(p('Lukasz', 'Kaiser'))).toBe(true);
  });

  it('never a different given name with the same surname (al-folio #100); initials do match', () => {
    const jonas = ownerMatcher(['Jonas Mueller']);
    expect(jonas(p('Thomas', 'Mueller'))).toBe(false);
    expect(jonas(p('Thomas', 'Müller'))).toBe(false);
    expect(jonas(p('J.', 'Mueller'))).toBe(true);
    expect(jonas(p('J.', 'Müller'))).toBe(true);
    expect(jonas(p('T.', 'Mueller'))).toBe(false);
    expect(jonas(lit('Thomas Müller'))).toBe(false);
    expect(jonas(lit('Müller Lab'))).toBe(false);
  });

  it('sees through braces, case and marks', () => {
    const jonas = ownerMatcher(['jonas mueller']);
    expect(jonas({ first: '', last: 'Jonas {M}üller', marks: '' })).toBe(true); // \textbf{Jonas {M}üller}
    expect(jonas(lit('{JONAS} MÜLLER*'))).toBe(true);
    expect(jonas({ first: 'Jonas†', last: 'MUELLER', marks: '†' })).toBe(true);
  });

  it('owner: one string or a list; none: the name', () => {
    expect(ownerNames({ name: 'Jane Doe', owner: 'Jonas Muller' })).toEqual(['Jonas Muller']);
    expect(ownerNames({ name: 'Jane Doe', owner: ['A', 'B'] })).toEqual(['A', 'B']);
    expect(ownerNames({ name: 'Jane Doe' })).toEqual(['Jane Doe']);
  });

  it('the closest author: fewest edits, the same surname counting for more; nothing when no one is near', () => {
    const people = [p('Thomas', 'Mueller'), p('Jane', 'Doe'), p('Jonas', 'Miller')];
    expect(closestPerson(['Jonas Mueller'], people)).toBe('Thomas Mueller');
    expect(closestPerson(['Jonas Muller'], [p('Jane', 'Doe'), p('Jonas', 'Miller')])).toBe('Jonas Miller');
    expect(closestPerson(['Jonas Mueler'], [p('Jane', 'Doe'), p('Jonas', 'Müller')])).toBe('Jonas Müller');
    expect(closestPerson(['Grace Hopper'], [p('Jane', 'Doe'), p('Ada', 'Lovelace')])).toBeUndefined();
  });
});

/** The fixture site copied, with this profile. */
function fixture(profile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-people-'));
  cpSync(path.join(import.meta.dirname, '../fixtures/people'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'profile.yaml'), profile);
  return dir;
}

describe('owner on a page, from our fixture', () => {
  it('owner: "Mueller, Jonas" as one string bolds Müller, Jonas and not his brother Thomas Mueller', async () => {
    const dir = fixture('name: Jonas Mueller\nowner: "Mueller, Jonas"\nbibliography: refs.bib\n');
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(r.diagnostics).toEqual([]);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const owners = [...html.matchAll(/<strong class="owner">([\s\S]*?)<\/strong>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    expect(owners).toEqual(['Jonas Müller']);
  });

  it('owner-not-found points at the owner: line and names the closest author', async () => {
    const dir = fixture('name: Jonas Mueller\nbibliography: refs.bib\nowner:\n  - Jonas Meier\n');
    const r = await validate({ cwd: dir });
    const d = r.diagnostics.find((x) => x.code === 'profile/owner-not-found');
    expect(d).toMatchObject({ file: 'profile.yaml', line: 4, severity: 'warning' });
    expect(d?.message).toBe('"Jonas Meier" appears in no author list, so no name will be bold; the closest author is "Jonas Müller"');
  });

  it('without owner:, it points at the name: line', async () => {
    const dir = fixture('bibliography: refs.bib\nname: Grace Hopper\n');
    const r = await validate({ cwd: dir });
    expect(r.diagnostics.find((x) => x.code === 'profile/owner-not-found')).toMatchObject({ line: 2 });
  });
});

describe('people: co-authors linked on the page', () => {
  const links = (html: string) => [...html.matchAll(/<a class="coauthor" href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => `${m[2]} → ${m[1]}`);

  it('by url, else ORCID; through aliases and spellings; never the owner, never another given name', async () => {
    const dir = fixture([
      'name: Jonas Müller', 'bibliography: refs.bib', 'people:',
      '  - { name: Thomas Müller, url: "https://thomas.example.org/" }',
      '  - { name: Jane Q. Doe, aliases: [J. Doe], orcid: 0000-0002-1825-0097 }',
      '  - { name: Jonas Mueller, url: "https://jonas.example.org/" }',
      '  - { name: Paul Mueller, url: "https://paul.example.org/" }',
      '',
    ].join('\n'));
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(r.diagnostics).toEqual([]);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(links(html).sort()).toEqual([
      'Jane Doe → https://orcid.org/0000-0002-1825-0097',
      'Jane Doe → https://orcid.org/0000-0002-1825-0097',
      'Thomas Mueller → https://thomas.example.org/',
    ]);
    expect(html).toContain('<strong class="owner">Jonas Müller</strong>');
  });

  it('a url that is not https: is not a link (a warning at it); a malformed ORCID is refused by the schema', async () => {
    const dir = fixture('name: Jonas Mueller\nbibliography: refs.bib\npeople:\n  - { name: Thomas Mueller, url: "javascript:alert(1)" }\n');
    const r = await build({ cwd: dir, out: 'index.html', offline: true });
    expect(links(readFileSync(path.join(dir, 'index.html'), 'utf8'))).toEqual([]);
    const bad = await validate({ cwd: fixture('name: Jonas Mueller\nbibliography: refs.bib\npeople:\n  - { name: X Y, orcid: "12345" }\n') });
    expect(bad.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 4]]);
    expect(r.errors).toBe(0);
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['profile.yaml:4:34 warning people/not-https']);
  });
});

describe('validate: near-misses of the owner and of people:', () => {
  it('one letter off in the surname or the given name: a warning per spelling, at its first entry', async () => {
    const dir = fixture('name: Jonas Mueller\nbibliography: near.bib\npeople:\n  - { name: Jane Doering }\n');
    const r = await validate({ cwd: dir });
    expect(r.diagnostics.filter((d) => d.code === 'bib/name-near-miss').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'near.bib:3 "Jonas Muller" in "typo" (and 1 more) is one letter away from the owner ("Jonas Mueller") and is not matched',
      'near.bib:10 "Jonaz Mueller" in "given" is one letter away from the owner ("Jonas Mueller") and is not matched',
      'near.bib:24 "Jane Doerring" in "others" is one letter away from "Jane Doering" of people: ("Jane Doering") and is not matched',
    ]);
  });

  it('a spelling listed under owner: is no longer a near-miss', async () => {
    const dir = fixture('name: Jonas Mueller\nowner: [Jonas Mueller, Jonas Muller, Jonaz Mueller]\nbibliography: near.bib\n');
    const r = await validate({ cwd: dir });
    expect(r.diagnostics.filter((d) => d.code === 'bib/name-near-miss')).toEqual([]);
  });
});
