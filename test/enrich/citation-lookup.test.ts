import { describe, expect, it } from 'vitest';
import { workOf } from '../../src/enrich/citation-lookup.js';

describe('the work an entry is looked up by', () => {
  it.each([
    [{ doi: 'https://doi.org/10.1109/TIP.2019.2916751' }, 'doi:10.1109/tip.2019.2916751'],
    [{ eprint: '2101.00001v2', archiveprefix: 'arXiv' }, 'arxiv:2101.00001'],
    [{ doi: '10.5555/x', url: 'https://arxiv.org/abs/2101.00001' }, 'doi:10.5555/x'],
    // al-folio gives them as links: a doi.org or arxiv.org address in url, pdf or html
    [{ pdf: 'https://arxiv.org/pdf/2007.05892.pdf' }, 'arxiv:2007.05892'],
    [{ pdf: 'https://arxiv.org/pdf/2505.19084' }, 'arxiv:2505.19084'],
    [{ url: 'https://arxiv.org/abs/hep-th/9711200v3' }, 'arxiv:hep-th/9711200'],
    [{ html: 'https://doi.org/10.1145/3313831.3376727' }, 'doi:10.1145/3313831.3376727'],
    [{ url: 'https://openaccess.thecvf.com/x.pdf', pdf: 'https://arxiv.org/pdf/2410.09400' }, 'arxiv:2410.09400'],
  ])('%j → %s', (raw, key) => expect(workOf(raw as Record<string, string>)).toBe(key));

  it.each([
    [{ url: 'https://example.org/arxiv.org/abs/2101.00001' }],
    [{ pdf: 'https://arxiv.org/pdf/not-an-id' }],
    [{ url: 'https://doi.org/11.1/x' }],
    [{ pdf: 'papers/2101.00001.pdf' }],
  ])('%j → nothing', (raw) => expect(workOf(raw as Record<string, string>)).toBeUndefined());
});
