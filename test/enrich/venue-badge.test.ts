import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { badgeFor, venueAbbr, venueBadge } from '../../src/enrich/venue-badge.js';
import type { EnrichContext } from '../../src/enrich/enricher.js';
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
    // "A and B anywhere" rows, written as two lookaheads.
    expect(venueAbbr('Findings of the Association for Computational Linguistics: EMNLP 2021')).toBe('Findings of EMNLP');
    expect(venueAbbr('ACL (Findings)')).toBe('Findings of ACL');
    expect(venueAbbr('Extended Abstracts of the 2020 CHI Conference on Human Factors in Computing Systems')).toBe('CHI EA');
    expect(venueAbbr('SIAM Data Mining')).toBe('SDM');
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

  it('keeps an award of a venue without a label, as a badge of the award alone (al-folio shows it)', () => {
    expect(badge('booktitle={Some Local Workshop}, year=2022, award={Best Paper Award}')).toEqual({ label: '', award: 'Best Paper Award' });
    expect(badge('title={T}, award_name={Test of Time}', 'misc')).toEqual({ label: '', award: 'Test of Time' });
    expect(badge('booktitle={Some Local Workshop}, year=2022, award={true}')).toBeUndefined();
  });

  it.each(['default', 'cards', 'minimal'])('shows such an award in the theme "%s", with no empty venue label', async (theme) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-award-'));
    writeFileSync(path.join(dir, 'refs.bib'), '@inproceedings{w, title={T}, author={Doe, Jane}, booktitle={Some Workshop}, year=2022, award={Best Paper Award}}\n');
    const r = await build({ cwd: dir, bib: 'refs.bib', theme, out: 'index.html', offline: true });
    const html = readFileSync(r.outFile!, 'utf8');
    expect(html).toContain('<span class="badge has-award"><span class="badge-award">Best Paper Award</span></span>');
    expect(html).not.toMatch(/class="badge-venue">\s*</);
    if (theme === 'cards') expect(html).toContain('<div class="card-thumb card-thumb-empty" aria-hidden="true"><span>2022</span></div>');
  });

  it('never labels a published paper by its eprint: a journal or booktitle wins', () => {
    // ApJ/ApJL papers carry an arXiv eprint; they were "arXiv 2025".
    expect(badge('journal={The Astrophysical Journal Letters}, eprint={2501.01234}, archiveprefix={arXiv}, year=2025', 'article')?.label).toBe('ApJL 2025');
    expect(badge('journal={\\apj}, eprint={2501.01234}, archiveprefix={arXiv}, year=2025', 'article')).toBeUndefined();
    expect(badge('journal={Physical Review D}, eprint={2501.01234}, archiveprefix={arXiv}, eprinttype={arxiv}, year=2025', 'article')).toBeUndefined();
    // Without a venue, the eprint names the preprint server.
    expect(badge('eprint={2501.01234}, archiveprefix={arXiv}, year=2025', 'misc')?.label).toBe('arXiv 2025');
    expect(badge('journal={CoRR}, volume={abs/2101.00001}, year=2021', 'article')?.label).toBe('arXiv 2021');
  });

  it('gives bioRxiv, medRxiv, SSRN, ChemRxiv, TechRxiv, Research Square and OpenReview their own label', () => {
    expect(badge('journal={bioRxiv}, year=2023', 'article')?.label).toBe('bioRxiv 2023');
    expect(badge('howpublished={bioRxiv preprint}, publisher={Cold Spring Harbor Laboratory}, year=2023', 'misc')?.label).toBe('bioRxiv 2023');
    expect(badge('journal={medRxiv}, year=2021', 'article')?.label).toBe('medRxiv 2021');
    expect(badge('journal={SSRN Electronic Journal}, year=2020', 'article')?.label).toBe('SSRN 2020');
    expect(badge('journal={ChemRxiv}, year=2020', 'article')?.label).toBe('ChemRxiv 2020');
    expect(badge('journal={TechRxiv}, year=2020', 'article')?.label).toBe('TechRxiv 2020');
    expect(badge('journal={Research Square}, year=2022', 'article')?.label).toBe('Research Square 2022');
    expect(badge('howpublished={OpenReview}, year=2024', 'misc')?.label).toBe('OpenReview 2024');
  });

  it('never gives a workshop or satellite event the bare main-conference badge', () => {
    expect(badge('booktitle={BlackboxNLP@EMNLP 2020}, year=2020')?.label).toBe('BlackboxNLP 2020');
    expect(badge('booktitle={UAI 2022 Workshop on Causal Representation Learning}, year=2022')?.label).toBe('UAI Workshop 2022');
    expect(badge('booktitle={Proceedings of the AAAI Conference on Human Computation and Crowdsourcing}, year=2019')?.label).toBe('HCOMP 2019');
    expect(badge('booktitle={IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops}, year=2021')?.label).toBe('CVPRW 2021');
    expect(badge('booktitle={Workshop at the International Conference on Machine Learning (ICML)}, year=2021')?.label).toBe('ICML Workshop 2021');
    expect(badge('booktitle={AAAI Spring Symposium on Challenges}, year=2020')?.label).toBe('AAAI Symposium 2020');
    // Not workshops: PMLR's old name, and WACV's.
    expect(badge('booktitle={Proceedings of the 36th International Conference on Machine Learning}, publisher={JMLR Workshop and Conference Proceedings}, year=2019')?.label).toBe('ICML 2019');
    expect(badge('booktitle={Proceedings of the 36th ICML, JMLR Workshop and Conference Proceedings}, year=2019')?.label).toBe('ICML 2019');
    expect(badge('booktitle={IEEE Workshop on Applications of Computer Vision}, year=2009')?.label).toBe('WACV 2009');
  });

  it('uses an acronym written in the booktitle or journal when the table has no row', () => {
    expect(badge('booktitle={Proceedings of the 2022 International Joint Conference on Neural Networks (IJCNN)}, year=2022')?.label).toBe('IJCNN 2022');
    expect(badge("booktitle={{CHIIR} '21: {ACM} {SIGIR} Conference on Human Information Interaction and Retrieval}, year=2021")?.label).toBe('CHIIR 2021');
    expect(badge('booktitle={Proceedings of the 2021 {CHIIR} Conference}, year=2021')?.label).toBe('CHIIR 2021');
    // Braces that protect a word's capitals, a publisher, a roman numeral: no badge.
    expect(badge('journal={{NeuroImage}}, year=2020', 'article')).toBeUndefined();
    expect(badge('journal={{IEEE} Transactions on Something}, year=2020', 'article')).toBeUndefined();
    expect(badge('booktitle={Advances in Things {III}}, year=2020')).toBeUndefined();
  });

  it("takes a colour and link from venues: by the venue label before the year, exact and case-sensitive", async () => {
    const { pubs } = bib(`
@article{a, journal={J}, abbr={AJP}, year={2020}}
@article{b, journal={J}, abbr={ajp}, year={2020}}
@inproceedings{c, booktitle={Proceedings of the IEEE/CVF International Conference on Computer Vision}, year={2019}}
@article{d, journal={J}, abbr={AJP 2018}, year={2018}}
@article{e, journal={J}, abbr={AJP}, year={2021}, award={Best Paper}}
@article{f, journal={J}, abbr={NOPE}, year={2021}}
`);
    const venues = new Map([['AJP', { color: '#00369f', url: 'https://ajp.example.org/' }], ['ICCV', { color: '#ffd700' }], ['AJP 2018', { url: 'https://old.example.org/' }]]);
    await venueBadge.enrich(pubs, { venues } as unknown as EnrichContext);
    expect(pubs.map((p) => p.badge)).toEqual([
      { label: 'AJP 2020', award: undefined, color: '#00369f', textColor: '#ffffff', url: 'https://ajp.example.org/' },
      { label: 'ajp 2020', award: undefined },
      { label: 'ICCV 2019', award: undefined, color: '#ffd700', textColor: '#000000' },
      { label: 'AJP 2018', award: undefined, url: 'https://old.example.org/' },
      { label: 'AJP 2021', award: 'Best Paper', color: '#00369f', textColor: '#ffffff', url: 'https://ajp.example.org/' },
      { label: 'NOPE 2021', award: undefined },
    ]);
    // Without venues, the same badges as before.
    await venueBadge.enrich(pubs, {} as EnrichContext);
    expect(pubs[0].badge).toEqual({ label: 'AJP 2020', award: undefined });
    expect(Object.keys(pubs[0].badge!)).toEqual(['label', 'award']);
  });
});
