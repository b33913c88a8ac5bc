import { describe, expect, it } from 'vitest';
import { citationMeta, publicationDate } from '../../src/render/paper-meta.js';
import { paperStems } from '../../src/render/entry-ids.js';
import { bib } from '../helpers.js';

/** The tags of the one entry in `text`, as "name: content" lines. */
function tags(text: string, pdfUrl?: string): string[] {
  const { pubs, diagnostics } = bib(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return citationMeta(pubs[0], pdfUrl).map((t) => `${t.name}: ${t.content}`);
}

describe('citationMeta: the citation_* tags of one entry, from its .bib fields', () => {
  it('an article: title, each author in order as "Last, First", date, journal, volume, issue, pages, ISSN, DOI, PDF', () => {
    expect(tags(`@article{a,
      title = {Deep {BibTeX} and \\emph{Things}}, author = {Smith, Jane and John Doe and M{\\"u}ller, J{\\"o}rg},
      journal = {Journal of Things}, volume = {12}, number = {3}, pages = {101--119},
      year = {2020}, month = may, day = {7}, issn = {1234-5678}, doi = {https://doi.org/10.1234/abc.def}}`, 'https://x.org/papers/a.pdf')).toEqual([
      'citation_title: Deep BibTeX and Things',
      'citation_author: Smith, Jane',
      'citation_author: Doe, John',
      'citation_author: Müller, Jörg',
      'citation_publication_date: 2020/05/07',
      'citation_journal_title: Journal of Things',
      'citation_volume: 12',
      'citation_issue: 3',
      'citation_firstpage: 101',
      'citation_lastpage: 119',
      'citation_issn: 1234-5678',
      'citation_doi: 10.1234/abc.def',
      'citation_pdf_url: https://x.org/papers/a.pdf',
    ]);
  });

  it('a conference paper: the booktitle is the conference title; "and others" is no author', () => {
    expect(tags('@inproceedings{c, title = {Conf}, author = {Smith, Jane and others}, booktitle = {Proc. of CoS}, pages = {5-9}, year = 2021, isbn = {978-3-16-148410-0}}')).toEqual([
      'citation_title: Conf', 'citation_author: Smith, Jane', 'citation_publication_date: 2021',
      'citation_conference_title: Proc. of CoS', 'citation_firstpage: 5', 'citation_lastpage: 9', 'citation_isbn: 978-3-16-148410-0',
    ]);
  });

  it('an arXiv-only preprint: title, author and year, nothing invented (citation_arxiv_id is not a tag Google documents)', () => {
    expect(tags('@misc{x, title = {A Preprint}, author = {Smith, Jane}, year = {2022}, eprint = {2201.00001}, archiveprefix = {arXiv}}')).toEqual([
      'citation_title: A Preprint', 'citation_author: Smith, Jane', 'citation_publication_date: 2022',
    ]);
  });

  it('a thesis and a report: the institution and the report number, in their own tags', () => {
    expect(tags('@phdthesis{t, title = {Thesis}, author = {Smith, Jane}, school = {Uni A}, year = 2019}')).toContain('citation_dissertation_institution: Uni A');
    const report = tags('@techreport{r, title = {Report}, author = {Smith, Jane}, institution = {Lab \\& Co}, number = {TR-7}, year = 2018}');
    expect(report).toContain('citation_technical_report_institution: Lab & Co');
    expect(report).toContain('citation_technical_report_number: TR-7');
    expect(report.some((t) => t.startsWith('citation_issue'))).toBe(false);
  });

  it('text is plain: math and markup are their text, a literal name and "&" as written', () => {
    expect(tags('@article{m, title = {On $x^2$ \\& {<i>y</i>}}, author = {{AT\\&T Labs}}, journal = {J}, year = 2020}').slice(0, 2)).toEqual([
      'citation_title: On x² & y', 'citation_author: AT&T Labs',
    ]);
  });

  it('pages: one page, or a range; a list of ranges is no first page', () => {
    const pages = (p: string) => tags(`@article{p, title = {T}, journal = {J}, year = 2020, pages = {${p}}}`).filter((t) => /page/.test(t));
    expect(pages('e1234')).toEqual(['citation_firstpage: e1234']);
    expect(pages('12–19')).toEqual(['citation_firstpage: 12', 'citation_lastpage: 19']);
    expect(pages('12 \t-- \n 19')).toEqual(['citation_firstpage: 12', 'citation_lastpage: 19']);
    expect(pages('12, 14--19')).toEqual([]);
  });

  it('no title, no author, no DOI that is not one: those tags are left out, not filled with the key', () => {
    expect(tags('@misc{key-only, year = {2020}, doi = {not a doi}}')).toEqual(['citation_publication_date: 2020']);
  });
});

describe('publicationDate: Google asks for YYYY/MM/DD, or the year alone', () => {
  const date = (fields: string) => publicationDate(bib(`@misc{d, title = {T}, ${fields}}`).pubs[0]);
  it('a full date from `date`, or from year, month and day', () => {
    expect(date('date = {2024-03-09}')).toBe('2024/03/09');
    expect(date('year = {2024}, month = {3}, day = {9}')).toBe('2024/03/09');
    expect(date('year = {2024}, month = {Sept.}, day = {30}')).toBe('2024/09/30');
  });
  it('the year alone when the day is not known, or the parts disagree', () => {
    expect(date('year = {2024}, month = mar')).toBe('2024');
    expect(date('date = {2024-03}')).toBe('2024');
    expect(date('year = {2023}, date = {2024-03-09}')).toBe('2023');
    expect(date('year = {2024}, month = {13}, day = {9}')).toBe('2024');
    expect(date('year = {in press}')).toBeUndefined();
  });
});

describe('paperStems: file names of paper pages', () => {
  it('are the ids without "pub-", unique, and never a Windows device name', () => {
    const { pubs } = bib('@misc{Case, title={A}}\n@misc{case, title={B}}\n@misc{con, title={C}}\n@misc{../x, title={D}}');
    const ids = new Map(pubs.map((p, i) => [p, ['pub-case-1', 'pub-case-2', 'pub-con', 'pub-x'][i]]));
    expect([...paperStems(ids).values()]).toEqual(['case-1', 'case-2', 'pub-con', 'x']);
  });
  it('cut a long id to 80 characters and a hash of the whole, still one per entry', () => {
    const { pubs } = bib('@misc{a, title={A}}\n@misc{b, title={B}}');
    const long = `pub-${'a'.repeat(150)}`;
    const stems = [...paperStems(new Map([[pubs[0], `${long}-1`], [pubs[1], `${long}-2`]])).values()];
    expect(stems.map((s) => s.length)).toEqual([89, 89]);
    expect(stems[0]).not.toBe(stems[1]);
    expect(stems[0]).toMatch(/^a{80}-[0-9a-f]{8}$/);
  });
});
