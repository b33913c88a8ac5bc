import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { citationSettings } from '../../src/model/citation-settings.js';
import { profileSchema } from '../../src/model/profile.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Validates a site of one entry (`fields` added to it) and this `citations:` value. */
async function check(citations: string, fields = '') {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-cite-settings-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'refs.bib'), `@misc{a, title = {A}, author = {Doe, Jane}, year = {2020}${fields}}\n`);
  writeFileSync(path.join(dir, 'profile.yaml'), `name: Jane Doe\nbibliography: refs.bib\n${citations}\n`);
  return (await validate({ cwd: dir, bib: 'refs.bib' })).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
}

describe('citations: in the profile', () => {
  it.each([
    [undefined, undefined],
    ['openalex', { first: 'openalex', byTitle: false, totals: false }],
    ['inspire', { first: 'inspire', byTitle: false, totals: false }],
    [{}, { first: 'openalex', byTitle: false, totals: false }],
    [{ source: 'inspire', by_title: true, totals: true }, { first: 'inspire', byTitle: true, totals: true }],
    [{ totals: true }, { first: 'openalex', byTitle: false, totals: true }],
  ])('%j reads as %j', (citations, settings) => {
    expect(citationSettings(profileSchema.parse({ name: 'J', citations }))).toEqual(settings);
  });

  it('a wrong value says what is expected, at the value', async () => {
    expect(await check('citations: openalx')).toEqual(['3:12 profile/schema: citations: Invalid option: expected one of "openalex"|"inspire", or an object {source, by_title, totals}']);
    expect(await check('citations:\n  source: scholar')).toEqual(['4:3 profile/schema: citations: source: Invalid option: expected one of "openalex"|"inspire"']);
    expect(await check('citations:\n  totals: yes')).toEqual(['4:3 profile/schema: citations: totals: Invalid input: expected boolean, received string']);
    expect((await check('citations:\n  total: true'))[0]).toBe('4:3 profile/unknown-key: unknown key "total" in citations; did you mean "totals"?');
    expect(await check('citations:\n  source: inspire\n  by_title: true\n  totals: true')).toEqual([]);
  });

  it('an inspirehep_id that is no record number is a warning at the field; a number or the record\'s address is not', async () => {
    expect(await check('', ', inspirehep_id = {Maldacena:1997re}')).toEqual([
      '1:60 bib/bad-inspire-id: inspirehep_id "Maldacena:1997re" of entry "a" is not an INSPIRE-HEP record number (451647, or https://inspirehep.net/literature/451647); it is not used',
    ]);
    expect(await check('', ', inspirehep_id = {0}')).toHaveLength(1);
    expect(await check('', ', inspirehep_id = {451647}')).toEqual([]);
    expect(await check('', ', inspirehep_id = {https://inspirehep.net/literature/451647}')).toEqual([]);
  });
});
