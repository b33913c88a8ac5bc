import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildsOnce, type BuildResult } from '../../src/pipeline.js';
import { between } from '../../src/model/per-entry.js';
import { cli } from '../cli/run.js';

// As the CLI's `build` runs: one build per process, which patches the last page when it can.
// Test files share their worker's modules (vitest.config.ts): the next file gets the default back.
beforeAll(() => buildsOnce());
afterAll(() => {
  between.builds = true;
});

const BIB = String.raw`% A lab's file: @string macros, a comment between entries, math, accents.
@string{iccv = {International Conference on Computer Vision}}

@inproceedings{doe2021gan,
  title     = {{GAN}s: Layer-Wise {\"U}ber-Learning},
  author    = {Doe, Jane and M{\"u}ller, Hans},
  booktitle = iccv,
  year      = {2021},
  selected  = {true},
  keywords  = {generation},
  url       = {https://example.org/gan},
}

Text between entries is a comment.

@article{roe2019field,
  title    = {Fields of $\alpha$-Attention},
  author   = {Roe, Richard and Doe, Jane},
  journal  = {IEEE Transactions on Pattern Analysis and Machine Intelligence},
  volume   = {28},
  year     = {2019},
  abstract = {We study attention.},
}

@misc{poe2020note,
  title        = {A Note on Notes},
  author       = {Poe, Edgar},
  howpublished = {arXiv:2001.00001},
  year         = {2020},
}

@misc{plain2017,
  title  = {Plain Notes, With No Venue},
  author = {Plain, Pat},
  year   = {2017},
}

@article{late2018,
  title  = {An Article Without a Journal},
  author = {Late, Lou},
  year   = {2018},
}
`;

const PROFILE = `name: Jane Doe
owner: ["Doe, Jane"]
sections:
  - title: Selected
    publications: { selected: true }
  - title: Publications
    publications: all
    group_by_year: true
`;

/** A site folder with BIB and PROFILE (and `files`), and a build of it as the CLI does it. */
function site(files: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-patch-'));
  writeFileSync(path.join(dir, 'refs.bib'), BIB);
  writeFileSync(path.join(dir, 'profile.yaml'), PROFILE);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const opts = (theme?: string) => ({ bib: 'refs.bib', cwd: dir, offline: true, durable: false, epoch: 1_700_000_000, theme });
  let fresh = 0;
  return {
    dir,
    edit(from: string | RegExp, to: string): void {
      const file = path.join(dir, 'refs.bib');
      const text = readFileSync(file, 'utf8');
      const next = text.replace(from, to);
      expect(next, `edit ${String(from)}`).not.toBe(text);
      writeFileSync(file, next);
    },
    build: (theme?: string) => build({ ...opts(theme), out: 'dist/index.html' }),
    /** The page and report of a build from scratch: another page, another (empty) cache. */
    async scratch(theme?: string): Promise<{ page: string; result: BuildResult }> {
      const out = `fresh-${++fresh}.html`;
      const result = await build({ ...opts(theme), out, cacheDir: mkdtempSync(path.join(tmpdir(), 'sp-patch-cache-')) });
      return { page: readFileSync(path.join(dir, out), 'utf8'), result };
    },
    page: () => readFileSync(path.join(dir, 'dist/index.html'), 'utf8'),
    record: () => path.join(dir, '.scholar-cache/builds', readdirSync(path.join(dir, '.scholar-cache/builds')).find((f) => f.endsWith('.patch.json'))!),
  };
}

/** The build after each edit patched the page (or not, as expected), and wrote the page and report of a build from scratch. */
async function expectSameAsScratch(s: ReturnType<typeof site>, what: string, patched: boolean, theme?: string): Promise<void> {
  const r = await s.build(theme);
  expect(r.errors, what).toBe(0);
  expect(r.patched ?? false, what).toBe(patched);
  const fresh = await s.scratch(theme);
  expect(s.page(), what).toBe(fresh.page);
  expect(r.diagnostics, what).toEqual(fresh.result.diagnostics);
  expect([r.warnings, r.entries, r.bytes], what).toEqual([fresh.result.warnings, fresh.result.entries, fresh.result.bytes]);
}

describe('one entry edited: its part of the last page is replaced, and the page is the page a build from scratch writes', () => {
  it('edits inside one entry: a title shown twice (and in the JSON-LD), a line added and removed (the report below moves), an abstract', { timeout: 120_000 }, async () => {
    const s = site();
    await expectSameAsScratch(s, 'first build', false);
    await expectSameAsScratch(s, 'nothing changed', false);
    const edits: [string, string | RegExp, string][] = [
      ['a title in two sections and the JSON-LD', 'Layer-Wise', 'Layer-Wise and Renamed'],
      ['a line added', '  volume   = {28},\n', '  volume   = {28},\n  pages    = {1--10},\n'],
      ['an abstract with LaTeX', 'We study attention.', 'We study {\\em attention} at $O(n^2)$ cost.'],
      ['a line removed', '  pages    = {1--10},\n', ''],
      ['an entry on one line changed twice', 'A Note on Notes', 'A Note on Notes, Revised'],
      ['the same entry again', 'Notes, Revised', 'Notes, Revised Twice'],
      ['an edit at an entry with a warning (its warning stays)', 'An Article Without a Journal', 'An Article Without Any Journal'],
      ['a warning added at the entry (a field misspelt), a line added', '  title  = {An Article Without Any Journal},', '  title  = {An Article Without Any Journal},\n  jornal = {J},'],
      ['that warning gone, and the other (the field spelt right)', '  jornal = {J},', '  journal = {J},'],
      ['a LaTeX warning added at an entry shown twice', 'Layer-Wise and Renamed', 'Layer-Wise and \\unknowncommand{Renamed}'],
    ];
    for (const [what, from, to] of edits) {
      s.edit(from, to);
      await expectSameAsScratch(s, what, true);
    }
  });

  it('edits that change what the rest of the page reads, or lie outside one entry, build the whole page', { timeout: 120_000 }, async () => {
    const s = site();
    await expectSameAsScratch(s, 'first build', false);
    const edits: [string, string | RegExp, string][] = [
      ['a year (the group it is in)', '  year   = {2017},', '  year   = {2016},'],
      ['a year and a venue (its badge)', '  year     = {2019},', '  year     = {2018},'],
      ['a keyword', 'keywords  = {generation}', 'keywords  = {generation, vision}'],
      ['selected (the sections it is in)', '  selected  = {true},\n', ''],
      ['a key', 'poe2020note', 'poe2020notes'],
      ['an author (the owner, the JSON-LD works)', 'Roe, Richard and Doe, Jane', 'Roe, Richard'],
      ['a venue (its badge)', 'booktitle = iccv', 'booktitle = {Neural Information Processing Systems}'],
      ['the comment between entries', 'is a comment', 'is a longer comment'],
      ['an @string', 'Conference on Computer Vision}', 'Conference on Computer Vision (ICCV)}'],
      ['an entry added', '\n@misc{poe', '\n@misc{new2026, title = {New}, author = {New, Ned}, year = 2026}\n\n@misc{poe'],
      ['an entry added with a key the file has', '\n@article{late2018', '\n@misc{plain2017,\n  title  = {Plain Notes, Twice},\n  author = {Plain, Pat},\n  year   = {2016},\n}\n\n@article{late2018'],
      ['an entry whose key another entry has (it is made its twin: the two are shown as one)', 'Plain Notes, With No Venue', 'Plain Notes, Twice'],
    ];
    for (const [what, from, to] of edits) {
      s.edit(from, to);
      await expectSameAsScratch(s, what, false);
    }
  });

  it('a record that lies is checked against the page and not believed', { timeout: 120_000 }, async () => {
    const s = site();
    await expectSameAsScratch(s, 'first build', false);
    // Every fragment one byte later: the bytes there are not the entry's.
    const record = JSON.parse(readFileSync(s.record(), 'utf8'));
    record.frags = record.frags.map((v: string | number, i: number) => (i % 4 >= 2 ? (v as number) + 1 : v));
    writeFileSync(s.record(), JSON.stringify(record));
    s.edit('Layer-Wise', 'Layer-Wise Lied About');
    await expectSameAsScratch(s, 'ranges moved', false);
    // A record (and stamp) that say the year was already the new one, hashes made to match: a year
    // edit would then look like none. That entry's old text built alone is not what the page has.
    const textFile = s.record().replace(/\.json$/, '.bib');
    const text = readFileSync(textFile, 'utf8').replace('  year   = {2017},', '  year   = {2016},');
    writeFileSync(textFile, text);
    const hash = createHash('sha1').update(text).digest('base64url');
    const again = JSON.parse(readFileSync(s.record(), 'utf8'));
    const stampFile = s.record().replace(/\.patch\.json$/, '.json');
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    expect(stamp.files[again.bib].hash).toBe(again.bibHash);
    again.bibHash = stamp.files[again.bib].hash = hash;
    writeFileSync(s.record(), JSON.stringify(again));
    writeFileSync(stampFile, JSON.stringify(stamp));
    s.edit(/Plain Notes, With No Venue\},\n(.*\n)  year   = \{2017\},/, 'Plain Notes, Edited},\n$1  year   = {2016},');
    await expectSameAsScratch(s, 'old text changed', false);
    // A report that says the entry had a warning it does not have: its old text built alone raises
    // none, so the record is not believed (a patched build would have kept the warning).
    const withWarning = JSON.parse(readFileSync(s.record(), 'utf8'));
    const line = readFileSync(path.join(s.dir, 'refs.bib'), 'utf8').split('\n').findIndex((l) => l.includes('Fields of')) + 1;
    withWarning.diagnostics.push({ severity: 'warning', code: 'bib/made-up', message: 'a warning no build raised', file: 'refs.bib', line, column: 3 });
    writeFileSync(s.record(), JSON.stringify(withWarning));
    s.edit('Fields of', 'Fields of Some More');
    await expectSameAsScratch(s, 'a report with a made-up warning at the entry', false);
    // And after a whole build, the next edit is patched again.
    s.edit('Fields of Some More', 'Fields of Some');
    await expectSameAsScratch(s, 'a record again', true);
  });

  it('the CLI: `build` after a one-entry edit says so, and writes the page a build from scratch writes', { timeout: 120_000 }, async () => {
    const s = site();
    const run = (...args: string[]) => cli(['build', 'refs.bib', '--offline', ...args], { cwd: s.dir, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run().code).toBe(0);
    s.edit('Layer-Wise', 'Layer-Wise From The CLI');
    const r = run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^built 1 of 5 entries: one entry edited, its part of the page replaced \(--force builds all\) · page \d+ KB · 1 warning$/m);
    expect(s.page()).toBe((await s.scratch()).page);
    s.edit('From The CLI', 'From The CLI, Forced');
    expect(run('--force').stderr).toMatch(/^built 5 entries · /m);
    expect(s.page()).toBe((await s.scratch()).page);
  });

  it('--force (library: force) builds every entry', { timeout: 60_000 }, async () => {
    const s = site();
    await expectSameAsScratch(s, 'first build', false);
    s.edit('Layer-Wise', 'Layer-Wise Forced');
    const r = await build({ bib: 'refs.bib', cwd: s.dir, offline: true, durable: false, epoch: 1_700_000_000, out: 'dist/index.html', force: true });
    expect(r.patched ?? false).toBe(false);
    expect(s.page()).toBe((await s.scratch()).page);
    s.edit('Layer-Wise Forced', 'Layer-Wise Patched');
    await expectSameAsScratch(s, 'and the next edit is patched', true);
  });

  it('a theme that shows a publication outside its fragment leaves no record: every build is whole', { timeout: 120_000 }, async () => {
    const toc = '<nav>{{#each groups}}{{#each entries}}<a href="#{{id}}">{{titleText}}</a>{{/each}}{{/each}}</nav>\n';
    const section = readFileSync(path.join(__dirname, '../../themes/default/partials/section.hbs'), 'utf8');
    const s = site({ 'toc/theme.json': JSON.stringify({ name: 'toc', extends: 'default' }), 'toc/partials/section.hbs': toc + section });
    const theme = path.join(s.dir, 'toc');
    await expectSameAsScratch(s, 'first build', false, theme);
    s.edit('Layer-Wise', 'Layer-Wise Listed');
    await expectSameAsScratch(s, 'title in the table of contents', false, theme);
    expect(s.page()).toContain('>GANs: Layer-Wise Listed Über-Learning</a>');
  });
});
