import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { readBib } from '../../scripts/fidelity/source.mjs';
import { readPage } from '../../scripts/fidelity/page.mjs';
import { auditPage } from '../../scripts/fidelity/audit.mjs';
import { spacesEncoded, urlsOf } from '../../src/enrich/link-targets.js';
import { safeHref } from '../../src/validate/links.js';

// fixtures/links/refs.bib: link fields as real .bib files write them; each entry's exact hrefs.
const FIXTURE = path.join(import.meta.dirname, '../fixtures/links');

describe('every link field is on the page, with the href it means', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-links-'));
  const r = await build({ bib: path.join(FIXTURE, 'refs.bib'), profile: path.join(FIXTURE, 'profile.yaml'), cwd: dir, out: 'index.html', cacheDir: path.join(dir, 'cache'), offline: true });
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  /** The entry's title href (or "-") and its links row as "Label href". */
  const linksOf = (key: string): { title: string; links: string[] } => {
    const start = html.indexOf(`data-key="${key}"`);
    expect(start).toBeGreaterThan(0);
    const entry = html.slice(start, html.indexOf('</article>', start)).replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const title = /class="pub-title">(?:<a href="([^"]*)")?/.exec(entry)?.[1] ?? '-';
    return { title, links: [...entry.matchAll(/class="pub-link" href="([^"]*)">([^<]+)</g)].map((m) => `${m[2]} ${m[1]}`) };
  };

  it('builds', () => {
    expect(r.errors).toBe(0);
  });

  describe('url', () => {
    it('is a labelled link beside pdf and DOI, in field order; the title goes to the paper', () => {
      expect(linksOf('urlplus')).toEqual({
        title: 'https://example.org/acl20.pdf',
        links: ['Paper https://example.org/acl20.pdf', 'URL https://aclanthology.org/2020.acl-main.60', 'DOI https://doi.org/10.18653/v1/2020.acl-main.60'],
      });
    });
    it('alone: the title and a URL link', () => {
      expect(linksOf('urlonly')).toEqual({ title: 'https://example.org/only', links: ['URL https://example.org/only'] });
    });
    it('is left out where another link goes to the same place (http/https, host case, final /, dx.doi.org)', () => {
      expect(linksOf('urldup')).toEqual({ title: 'https://example.org/page/', links: ['Page https://example.org/page/'] });
      expect(linksOf('urldoi')).toEqual({ title: 'http://dx.doi.org/10.1000/abc', links: ['DOI https://doi.org/10.1000/abc'] });
    });
    it('an http(s) address with spaces (a file name, as Mendeley writes it) is one link, each space %20', () => {
      expect(linksOf('urlspaces')).toEqual({
        title: 'https://example.org/My%20Paper.pdf',
        links: ['URL https://www.participations.org/Volume%209/Issue%202/7%20Berenstein.pdf', 'Paper https://example.org/My%20Paper.pdf'],
      });
    });
    it('holding two URLs (Mendeley) gives two links', () => {
      expect(linksOf('urltwo').links).toEqual(['URL http://arxiv.org/abs/1012.4401', 'URL http://ieeexplore.ieee.org/lpdocs/epic03/wrapper.htm?arnumber=6034266']);
    });
  });

  describe('eprint', () => {
    it('with archivePrefix arXiv links the abs page, beside the DOI', () => {
      expect(linksOf('eprintarxiv').links).toEqual(['arXiv https://arxiv.org/abs/1801.01207', 'DOI https://doi.org/10.3847/1538-4357/ad0001']);
    });
    it('without a type, when the id looks like arXiv\'s (old style)', () => {
      expect(linksOf('eprintold').links).toEqual(['arXiv https://arxiv.org/abs/hep-th/9901001']);
    });
    it('with eprinttype arxiv and an arXiv: prefix and version', () => {
      expect(linksOf('eprinttype').links).toEqual(['arXiv https://arxiv.org/abs/2401.01234v2']);
    });
    it('is left out when a url or an arxiv field already goes there', () => {
      expect(linksOf('eprintcovered')).toEqual({ title: 'http://arxiv.org/abs/1202.1332', links: ['arXiv https://arxiv.org/abs/1202.1332'] });
      expect(linksOf('eprintfield').links).toEqual(['arXiv https://arxiv.org/abs/2505.19084']);
    });
    it('of a known other type: PubMed, handle', () => {
      expect(linksOf('eprintpubmed').links).toEqual(['PubMed https://pubmed.ncbi.nlm.nih.gov/31234567/']);
      expect(linksOf('eprinthdl').links).toEqual(['Handle https://hdl.handle.net/1721.1/12345']);
    });
    it('of an unknown type, or not an arXiv id without a type, makes no link', () => {
      expect(linksOf('eprintunknown')).toEqual({ title: '-', links: [] });
      expect(linksOf('eprintnotarxiv')).toEqual({ title: '-', links: [] });
    });
  });

  describe('LaTeX escapes and wrappers', () => {
    it('{\\_} in url and DOI is _ (Mendeley)', () => {
      expect(linksOf('mendeley')).toEqual({
        title: 'http://link.springer.com/10.1007/978-3-662-46803-6_26',
        links: ['DOI https://doi.org/10.1007/978-3-662-46803-6_26', 'URL http://link.springer.com/10.1007/978-3-662-46803-6_26'],
      });
    });
    it('{~}, \\~{}, {\\textasciitilde}, \\&, {\\%}, \\# are the characters', () => {
      expect(linksOf('escapes').links).toEqual(['URL http://users.example.edu/~venkatc/cs_rep_x.pdf?a=1&b=2%3A#top', 'Code https://example.org/~me/~you/']);
    });
    it('\\url{} anywhere in url ("URL: \\url{…}")', () => {
      expect(linksOf('wrapped').links).toEqual(['URL http://www.cs.ucl.ac.uk/staff/B.Briscoe/pubs.html#refb-dis']);
    });
    it('\\url{} and \\href{}{} in howpublished are links; url.sty\'s ignored spaces go', () => {
      expect(linksOf('howurl').links).toEqual(['URL http://www.otewholesale.gr/Portals/0/LEASED%20LINES_Pricelist_ENG_081110.pdf']);
      expect(linksOf('howspaces').links).toEqual(['URL http://www.w3.org/pub/WWW/Protocols/HTTP-NG/http-ng-scp.html']);
      expect(linksOf('howhref').links).toEqual(['URL https://example.org/a_b']);
    });
    it('howpublished still shows its text: the \\href text, the \\url address without braces', () => {
      const venue = (key: string) => /class="pub-venue">([^<]*)</.exec(html.slice(html.indexOf(`data-key="${key}"`)))?.[1];
      expect(venue('howhref')).toBe('The Example Site');
      expect(venue('howurl')).toBe('http://www.otewholesale.gr/Portals/0/LEASED%20LINES_Pricelist_ENG_081110.pdf');
    });
  });

  describe('DOI', () => {
    it('written with a prefix or as a URL is https://doi.org/…', () => {
      expect(linksOf('doispace').links).toEqual(['DOI https://doi.org/10.1109/WAINA.2013.149']);
      expect(linksOf('doicolon').links).toEqual(['DOI https://doi.org/10.1016/j.jcrysgro.2008.10.099']);
      expect(linksOf('doilower').links).toEqual(['DOI https://doi.org/10.1000/lower']);
      expect(linksOf('doiurl').links).toEqual(['DOI https://doi.org/10.1000/url']);
      expect(linksOf('doidx').links).toEqual(['DOI https://doi.org/10.1000/dx']);
    });
    it('with < > (SICI), # or ? is percent-encoded, not dropped', () => {
      expect(linksOf('sici')).toEqual({
        title: 'https://doi.org/10.1002/(SICI)1097-024X(200006)30:7%3C775::AID-SPE309%3E3.0.CO;2-H',
        links: ['DOI https://doi.org/10.1002/(SICI)1097-024X(200006)30:7%3C775::AID-SPE309%3E3.0.CO;2-H'],
      });
      expect(linksOf('doihash').links).toEqual(['DOI https://doi.org/10.1000/a%23b%3Fc']);
    });
  });

  it('unwrapping never lets another scheme through', () => {
    expect(linksOf('unsafe')).toEqual({ title: '-', links: [] });
    expect(html).not.toMatch(/href="(javascript|data:text)/i);
  });

  it('the fidelity audit finds no link missing', () => {
    const losses = auditPage(readBib(readFileSync(path.join(FIXTURE, 'refs.bib'), 'utf8')), readPage(html), { owner: [] }).losses;
    expect(losses).toEqual([]);
  });
});

describe('an address with spaces', () => {
  it('is one link with %20 when it is one address; several addresses in a field other than url stay refused', () => {
    expect(urlsOf('https://x.org/My  Paper.pdf')).toEqual(['https://x.org/My%20Paper.pdf']);
    expect(urlsOf('http://a.org/x http://b.org/y')).toEqual(['http://a.org/x', 'http://b.org/y']);
    expect(spacesEncoded('https://a.org/x.pdf https://b.org/y.pdf')).toBe('https://a.org/x.pdf https://b.org/y.pdf');
    expect(safeHref(spacesEncoded('https://a.org/x.pdf https://b.org/y.pdf'))).toBeUndefined();
    expect(spacesEncoded('papers/My Paper.pdf')).toBe('papers/My Paper.pdf'); // a file of the site: resolved as written
    expect(spacesEncoded('https://x.org/"a b')).toBe('https://x.org/"a%20b');
    expect(safeHref(spacesEncoded('https://x.org/"a b'))).toBeUndefined(); // a quote is still refused
  });
});
