/**
 * What a real homepage's .bib needs to build and to show what it says (issue 18): duplicate keys,
 * empty fields, entries hidden in a braced @comment, padded URLs, the shown BibTeX as written,
 * fields other tools write, and an HTML id for every entry. Each case has its own fixture in
 * test/fixtures/bib-loading/.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, validate, type Diagnostic } from '../../src/index.js';
import { cleanBibtex } from '../../src/enrich/clean-bibtex.js';
import { entryIds } from '../../src/render/entry-ids.js';
import type { Publication } from '../../src/model/publication.js';
import { isKnownField } from '../../src/load/fields.js';
import { bib } from '../helpers.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/bib-loading');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const load = (name: string) => bib(fixture(name), name);
const codes = (list: Diagnostic[]) => list.map((d) => `${d.severity} ${d.code}`);

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Builds the fixture alone (no profile, offline) in a fresh folder; the page, or the diagnostics. */
async function buildFixture(name: string, edit?: (text: string) => string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-bibload-'));
  made.push(dir);
  if (edit) writeFileSync(path.join(dir, name), edit(readFileSync(path.join(FIXTURES, name), 'utf8')));
  else copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  const r = await build({ bib: name, cwd: dir, out: 'index.html', offline: true, durable: false });
  return { ...r, html: r.outFile ? readFileSync(r.outFile, 'utf8') : '' };
}

describe('duplicate keys (duplicate-keys.bib)', () => {
  it('an identical repeat is shown once, with a warning pointing at the first', () => {
    const { entries, diagnostics } = load('duplicate-keys.bib');
    expect(entries.filter((e) => e.key === 'lee2020')).toHaveLength(1);
    const d = diagnostics.find((x) => x.code === 'bib/duplicate-key')!;
    expect(d).toMatchObject({ severity: 'warning', line: 8, column: 1, related: { line: 1, column: 1 } });
  });

  it('entries without a key are never duplicates of each other, even when identical (each is warned about in validate)', () => {
    const twice = '@article{,\n  title = {No Key},\n  year = {2020}\n}\n@article{,\n  title = {No Key},\n  year = {2020}\n}\n';
    const { entries, diagnostics } = bib(twice);
    expect(entries).toHaveLength(2);
    expect(diagnostics.filter((d) => d.code === 'bib/duplicate-key')).toEqual([]);
  });

  it('differing entries under one key are both built, each with its own id', async () => {
    const r = await buildFixture('duplicate-keys.bib');
    expect(r.errors).toBe(0);
    expect(r.html).toContain('The Workshop Version');
    expect(r.html).toContain('The Journal Version');
    expect(r.html.match(/Same Paper Twice/g)?.length).toBeGreaterThanOrEqual(1);
    const ids = [...r.html.matchAll(/ id="(pub-kim2021[^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['pub-kim2021-2', 'pub-kim2021']); // newest first: the 2022 journal version
    const warning = r.diagnostics.find((d) => d.code === 'bib/duplicate-key' && d.line === 22)!;
    expect(warning).toMatchObject({ severity: 'warning', related: { line: 15 } });
  });

  it('validate --strict makes a differing duplicate an error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-bibload-'));
    made.push(dir);
    copyFileSync(path.join(FIXTURES, 'duplicate-keys.bib'), path.join(dir, 'refs.bib'));
    const r = await validate({ bib: 'refs.bib', cwd: dir, strict: true });
    expect(r.diagnostics.find((d) => d.code === 'bib/duplicate-key' && d.line === 22)).toMatchObject({ severity: 'error' });
  });
});

describe('empty fields (empty-fields.bib)', () => {
  it('`preview = {}`, `pdf = {}`, `url = { }` are absent fields, and the page builds', async () => {
    const { entries } = load('empty-fields.bib');
    expect(Object.keys(entries[0].raw)).toEqual(['title', 'author', 'journal', 'year']);
    const r = await buildFixture('empty-fields.bib');
    expect(r.diagnostics.filter((d) => d.severity !== 'warning' || d.code.startsWith('bib/'))).toEqual([]);
    expect(r.html).toContain('Empty Fields Are Absent');
  });
});

describe('a braced @comment (comment-block.bib)', () => {
  it('hides the entries inside it, as biber and jekyll-scholar do, with an informational note', () => {
    const { entries, diagnostics } = load('comment-block.bib');
    expect(entries.map((e) => e.key)).toEqual(['shown2020']);
    expect(entries[0].pos).toEqual({ line: 13, column: 1 });
    const note = diagnostics.find((d) => d.code === 'bib/commented-out')!;
    expect(note).toMatchObject({ severity: 'info', line: 1, column: 1 });
    expect(note.message).toContain('hides 2 entries ("hidden2019", "hidden2018")');
    // The JabRef block holds no entry: nothing to say about it.
    expect(diagnostics.filter((d) => d.code === 'bib/commented-out')).toHaveLength(1);
  });

  it('a comment whose braces never close, or one inside a field, hides nothing', () => {
    const { entries } = bib('@comment{never closed,\n  x = {\n}\n@misc{a, title = {T}, note = {see @comment{b}}}\n');
    expect(entries.map((e) => [e.key, e.raw.note])).toEqual([['a', 'see @comment{b}']]);
  });
});

describe('URL and path fields (padded-url.bib)', () => {
  it('are trimmed: a DBLP-style `url = { https://… }` is the title link', async () => {
    const { entries } = load('padded-url.bib');
    expect(entries[0].raw.url).toBe('https://arxiv.org/pdf/2310.14079');
    const r = await buildFixture('padded-url.bib');
    expect(r.html).toContain('href="https://arxiv.org/pdf/2310.14079"');
    expect(r.html).toContain('href="https://github.com/example/code"');
    expect(r.diagnostics.filter((d) => d.code === 'bib/bad-link')).toEqual([]);
  });
});

describe('the shown BibTeX (faithful-bibtex.bib)', () => {
  it('keeps month macros, field order and values as written, and drops only presentation fields', () => {
    const p = load('faithful-bibtex.bib').pubs[0];
    expect(cleanBibtex(p)).toBe(`@article{faithful2024,
  author = {Han, Ji and {The Test Consortium}},
  title = "{Faithful} BibTeX, {\\"U}ber Alles",
  journal = {Journal of Tests},
  month = feb,
  year = 2024,
  pages = {1--10},
  note = "in " # feb # { issue},
  biburl = {https://dblp.org/rec/journals/jot/Han24.bib},
  doi = {10.1000/xyz}
}`);
  });

  it("shows fields inherited through crossref after the entry's own, and no crossref", () => {
    const child = load('crossref-cycle.bib').pubs.find((p) => p.entry.key === 'child')!;
    expect(cleanBibtex(child)).toBe(`@inproceedings{child,
  title = {A Child Paper},
  author = {Seo, Min},
  booktitle = {Proceedings of the Parent Conference},
  year = {2021},
  publisher = {Grand Press}
}`);
  });
});

describe('ids (ids.bib)', () => {
  it('are unique for Korean keys, keys differing by case or punctuation, and a repeated key', () => {
    const { pubs } = load('ids.bib');
    const ids = [...entryIds(pubs).values()];
    expect(new Set(ids).size).toBe(pubs.length);
    for (const id of ids) expect(id).toMatch(/^pub-[a-z0-9-]+$/);
    expect(ids).toContain('pub-plain2019'); // a key that needs nothing more keeps its readable id
    expect(ids).toContain('pub-twice');
    expect(ids).toContain('pub-twice-2');
  });

  it('are the same for the same keys in new objects (watch keeps them), and made again when a key is added or renamed', () => {
    const pub = (key: string) => ({ entry: { key } }) as unknown as Publication;
    const first = [pub('Smith2020'), pub('Doe2021')];
    expect([...entryIds(first).values()]).toEqual(['pub-smith2020', 'pub-doe2021']);
    // The same keys in new objects: the same ids, for the new objects.
    const again = [pub('Smith2020'), pub('Doe2021')];
    const ids = entryIds(again);
    expect(again.map((p) => ids.get(p))).toEqual(['pub-smith2020', 'pub-doe2021']);
    // A key added whose slug another key has: both get a hash; the ids are not the last ones.
    const more = [pub('Smith2020'), pub('Doe2021'), pub('SMITH2020')];
    const moreIds = [...entryIds(more).values()];
    expect(moreIds[0]).toMatch(/^pub-smith2020-[0-9a-f]{8}$/);
    expect(moreIds[2]).toMatch(/^pub-smith2020-[0-9a-f]{8}$/);
    expect(moreIds[0]).not.toBe(moreIds[2]);
    // The same count, one key renamed.
    expect([...entryIds([pub('Smith2020'), pub('Roe2022'), pub('SMITH2020')]).values()][1]).toBe('pub-roe2022');
  });

  it("are the same in every build, and name each entry's toggles", async () => {
    const a = await buildFixture('ids.bib');
    const b = await buildFixture('ids.bib');
    const idsOf = (html: string) => [...html.matchAll(/<article class="pub" id="([^"]+)"/g)].map((m) => m[1]);
    expect(idsOf(a.html)).toHaveLength(8);
    expect(idsOf(a.html)).toEqual(idsOf(b.html));
    // Toggles are named (one open at a time) only in an entry with two: with an abstract.
    const abstracts = (text: string) => text.replace(/(@\w+\{[^,]+,)/g, '$1\n  abstract = {A summary.},');
    const c = await buildFixture('ids.bib', abstracts);
    const names = [...c.html.matchAll(/<details class="toggle toggle-bibtex" name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(idsOf(a.html));
  });
});

describe('fields other tools write (quiet-fields.bib)', () => {
  it('the fields issue 18 names, and biblatex annotations, are known; a typo is not', () => {
    const named = ['timestamp', 'biburl', 'bibsource', 'file', 'groups', 'owner', 'keywords', 'language', 'urldate', 'shorttitle', 'copyright', 'mendeley-groups', 'eprinttype', 'archiveprefix', 'primaryclass', 'google_scholar_id', 'altmetric', 'dimensions', 'inspirehep_id', 'html', 'bibtex_show', 'award', 'award_name', 'annotation', 'additional_info', 'video', 'blog', 'website'];
    expect(named.filter((f) => !isKnownField(f))).toEqual([]);
    expect(['author+an', 'title+an', 'year+an:review'].every(isKnownField)).toBe(true);
    expect(['thumbnial', 'auhtor+an', 'bdsk-url-1x'].filter(isKnownField)).toEqual([]);
  });

  it('are not unknown fields; a typo still is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-bibload-'));
    made.push(dir);
    copyFileSync(path.join(FIXTURES, 'quiet-fields.bib'), path.join(dir, 'refs.bib'));
    const r = await validate({ bib: 'refs.bib', cwd: dir });
    const unknown = r.diagnostics.filter((d) => d.code === 'bib/unknown-field');
    expect(unknown.map((d) => d.message)).toEqual(['unknown field "thumbnial" in entry "quiet2022"; did you mean "thumbnail"?']);
    expect(codes(r.diagnostics).filter((c) => c.startsWith('warning bib/'))).toEqual(['warning bib/unknown-field']);
  });
});
