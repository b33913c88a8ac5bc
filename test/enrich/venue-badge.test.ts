import { describe, expect, it } from 'vitest';
import { badgeFor, venueAbbr } from '../../src/enrich/venue-badge.js';
import { bib } from '../helpers.js';

const badge = (fields: string, type = 'inproceedings') => badgeFor(bib(`@${type}{k, ${fields}}`).pubs[0]);

describe('venue badge', () => {
  it('takes the label from abbr or venue, plus the year', () => {
    expect(badge('abbr={CVPR}, year={2020}')).toEqual({ label: 'CVPR 2020', award: undefined });
    expect(badge('venue={NeurIPS}, year={2023}')).toEqual({ label: 'NeurIPS 2023', award: undefined });
    expect(badge('abbr={ICCV 2019}, year={2019}')?.label).toBe('ICCV 2019');
  });

  it('falls back to the venue table on booktitle or journal', () => {
    expect(badge('booktitle={International Conference on Computer Vision}, year={2019}')?.label).toBe('ICCV 2019');
    expect(badge('booktitle={Winter Conference on Applications of Computer Vision}, year={2025}')?.label).toBe('WACV 2025');
    expect(badge('journal={IEEE Transactions on Image Processing}, year={2019}', 'article')?.label).toBe('TIP 2019');
    expect(badge('booktitle={Proceedings of the European Conference on Computer Vision}, year=2018')?.label).toBe('ECCV 2018');
    expect(venueAbbr('Asian Conference on Computer Vision')).toBe('ACCV');
  });

  it('reads preprints as arXiv YYYY', () => {
    expect(badge('journal={arXiv preprint arXiv:2505.19084}, year={2025}', 'article')?.label).toBe('arXiv 2025');
    expect(badge('journal={arXiv:2007.05892}, year={2020}', 'article')?.label).toBe('arXiv 2020');
    expect(badge('eprinttype={arxiv}, eprint={1234.5678}, year={2021}', 'misc')?.label).toBe('arXiv 2021');
  });

  it('highlights awards from award, award_name or an award-like note', () => {
    expect(badge('abbr={ICCV}, year=2019, award={Oral}')).toEqual({ label: 'ICCV 2019', award: 'Oral' });
    expect(badge('abbr={X}, year=2019, award={Best paper award at X}, award_name={Best Paper}')?.award).toBe('Best Paper');
    expect(badge('abbr={X}, year=2019, note={Spotlight}')?.award).toBe('Spotlight');
    expect(badge('abbr={X}, year=2019, note={to appear}')?.award).toBeUndefined();
  });

  it('has no badge when nothing names a venue', () => {
    expect(badge('title={T}, howpublished={Blog}', 'misc')).toBeUndefined();
    expect(badge('booktitle={Some Local Workshop}, year=2020')).toBeUndefined();
  });
});
