import { describe, expect, it } from 'vitest';
import { cleanBibtex } from '../../src/enrich/clean-bibtex.js';
import { bib } from '../helpers.js';

describe('clean BibTeX', () => {
  it('rebuilds from parsed fields, dropping every custom field', () => {
    const p = bib(`@inproceedings{he2019s2gan,
  title = {{S2GAN}: Share Aging Factors},
  author = {He, Zhenliang and Kan, Meina},
  booktitle = {International Conference on Computer Vision},
  year = {2019},
  thumbnail = {t.jpg}, selected = {true}, award = {Oral}, abbr = {ICCV}, pdf = {https://x.org/a.pdf},
  links = {Video: https://y.org}, repo = {a/b}, preview = {p.gif}, bibtex_show = {true}, abstract = {Long text}
}`).pubs[0];
    expect(cleanBibtex(p)).toBe(`@inproceedings{he2019s2gan,
  title = {{S2GAN}: Share Aging Factors},
  author = {He, Zhenliang and Kan, Meina},
  booktitle = {International Conference on Computer Vision},
  year = {2019}
}`);
  });

  it('never eats a title that mentions a custom field (al-folio #1249)', () => {
    const p = bib('@misc{k, title = {Why abbr={X} and selected={true} break regexes}, year = {2020}, abbr = {Y}}').pubs[0];
    expect(cleanBibtex(p)).toContain('title = {Why abbr={X} and selected={true} break regexes}');
    expect(cleanBibtex(p)).not.toContain('abbr = {Y}');
  });
});
