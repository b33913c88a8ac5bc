import { describe, expect, it } from 'vitest';
import { selectPublications, sortPublications } from '../../src/render/sections.js';
import { bib } from '../helpers.js';
import { buildView } from '../../src/render/view-model.js';
import { profileSchema } from '../../src/model/profile.js';

const keys = (ps: { entry: { key: string } }[]) => ps.map((p) => p.entry.key);

describe('sorting and selecting', () => {
  const { pubs } = bib(`
@article{old, year={2001}, keywords={gan, faces}}
@article{press, year={in press}}
@article{new1, year={2020}, selected={true}}
@inproceedings{new2, year={2020}, keywords={GAN}, selected={true}}
@misc{mid, year={2010}}`);

  it('sorts by year, newest first, stable for ties, years that are not years last', () => {
    expect(keys(sortPublications(pubs))).toEqual(['new1', 'new2', 'mid', 'old', 'press']);
  });

  it('selects by flag, keyword (any case), type and year range', () => {
    expect(keys(selectPublications(pubs, { selected: true }))).toEqual(['new1', 'new2']);
    expect(keys(selectPublications(pubs, { keywords: ['gan'] }))).toEqual(['new2', 'old']);
    expect(keys(selectPublications(pubs, { types: ['inproceedings'] }))).toEqual(['new2']);
    expect(keys(selectPublications(pubs, { years: { from: 2005, to: 2015 } }))).toEqual(['mid']);
    expect(keys(selectPublications(pubs, { exclude_keywords: ['gan'] }))).toEqual(['new1', 'mid', 'press']);
    expect(keys(selectPublications(pubs, { keys: ['mid', 'old'] }))).toEqual(['mid', 'old']);
    expect(keys(selectPublications(pubs, 'all'))).toHaveLength(5);
  });
});

describe('the JSON-LD', () => {
  it('lists the publications the page shows (none names the owner), once each, in the order the page first shows them, and no other', () => {
    const { pubs } = bib(`
@article{hidden, title={Hidden Work}, year={2001}}
@article{both, title={Shown Twice}, year={2020}, selected={true}}
@misc{kw, title={Keyword Work}, year={2010}, keywords={gan}}`);
    const profile = profileSchema.parse({
      name: 'Jane Doe',
      sections: [
        { title: 'Selected', publications: { selected: true } },
        { title: 'GANs', publications: { keywords: ['gan'] } },
        { title: 'Also', publications: { keys: ['both'] } },
      ],
    });
    const ld = JSON.parse(buildView({ profile, pubs, css: '', js: '', version: 't' }).meta.jsonLd) as { subjectOf: { headline: string }[] };
    expect(ld.subjectOf.map((a) => a.headline)).toEqual(['Shown Twice', 'Keyword Work']);
  });
});
