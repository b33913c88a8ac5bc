import { describe, expect, it } from 'vitest';
import { alter, audit, buildFixture, kindsOf, entryHtml } from './helpers.js';

// The audit against the real page of entries the code renders faithfully today: it passes on the
// page as built, and finds each kind of loss once the page is cut or altered by hand.
describe('the fidelity audit on a real page', async () => {
  const { html, bibText } = await buildFixture('clean');
  const owner = ['Alisa Liu'];

  it.each(['default', 'cards', 'minimal'])('passes the page as built by the %s theme', async (theme) => {
    const page = theme === 'default' ? html : (await buildFixture('clean', theme)).html;
    expect(audit(bibText, page, owner)).toEqual([]);
  });

  const cases: [string, string, string, (entry: string) => string][] = [
    ['a title word dropped', 'clean2024', 'title words', (e) => e.replace('Schrödinger', 'Schr')],
    ['an abstract cut short', 'clean2024', 'abstract end', (e) => e.replace('they stay open late', 'they stay')],
    ['the abstract gone', 'clean2024', 'abstract end', (e) => e.replace(/<details class="toggle toggle-abstract".*?<\/details>/s, '')],
    ['an inverted ¡ for a <', 'long2023', 'stray chars', (e) => e.replace('Many Hands', '¡Many Hands')],
    ['a stray backslash', 'long2023', 'stray chars', (e) => e.replace('Light Work', '\\Light Work')],
    ['stray braces', 'long2023', 'stray chars', (e) => e.replace('Light Work', 'Light {}Work')],
    ['a tag of the source shown as text', 'long2023', 'markup shown', (e) => e.replace('Light Work', '&lt;a href="https://e.org/"&gt;Light Work&lt;/a&gt;')],
    ['an author dropped', 'clean2024', 'author count', (e) => e.replace(', John Smith', '')],
    ['the owner not bold', 'clean2024', 'owner not bold', (e) => e.replace(/<strong class="owner">(.*?)<\/strong>/, '$1')],
    ['the owner behind "and K more"', 'long2023', 'owner hidden', (e) => e.replace(/<strong class="owner">Alisa Liu<\/strong>, (.*?)<span class="authors-rest authors-rest-items">/s, '$1<span class="authors-rest authors-rest-items"><span class="author-hidden"><strong class="owner">Alisa Liu</strong>, </span>')],
    ['a link field not linked', 'clean2024', 'link missing', (e) => e.replace(/<a class="pub-link" href="https:\/\/github.com\/example\/clean">Code<\/a>/, '')],
    ['the DOI not linked', 'clean2024', 'link missing', (e) => e.replaceAll('https://doi.org/10.1000/clean.2024', 'https://example.org/')],
    ['an inherited (crossref) link not linked', 'proceedings2022', 'link missing', (e) => e.replaceAll('https://example.org/procs', 'https://example.org/')],
    ['the entry gone', 'proceedings2022', 'entry missing', () => ''],
    ['two entries with one id', 'long2023', 'duplicate id', (e) => e.replace(/id="[^"]*"/, 'id="pub-clean2024"')],
  ];
  it.each(cases)('finds %s', (_, key, kind, edit) => {
    const losses = audit(bibText, alter(html, key, edit), owner);
    expect(kindsOf(losses, key)).toContain(kind);
    // and only in the entry that was changed
    expect(losses.every((l) => l.key === key)).toBe(true);
  });

  it('lists each loss with what was expected and what was found', () => {
    const [loss] = audit(bibText, alter(html, 'clean2024', (e) => e.replace('they stay open late', 'they stay')), owner);
    expect(loss).toEqual({ key: 'clean2024', kind: 'abstract end', expected: '…that they stay open late', found: expect.stringContaining('they stay') });
  });

  it('reads the shown authors from the collapsed list too', () => {
    const long = entryHtml(html, 'long2023');
    expect(long).toContain('class="authors-rest'); // the fixture does collapse: the count covers the rest
    expect(kindsOf(audit(bibText, alter(html, 'long2023', (e) => e.replace('<span class="author-hidden">Gil Seven, </span>', '')), owner), 'long2023')).toEqual(['author count']);
  });
});
