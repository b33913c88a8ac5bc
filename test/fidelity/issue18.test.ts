import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, buildFixture, FIXTURES, handPage, kindsOf, type HandEntry } from './helpers.js';

// Each way issue 18 found a page losing what its .bib says, as a fixture entry (fixtures/issue18):
// first the audit must tell a faithful page from one broken as the old code broke it (pages written
// by hand), then the real build of the fixture must pass the audit.
const bibText = readFileSync(path.join(FIXTURES, 'issue18', 'refs.bib'), 'utf8');
const owner = ['Alisa Liu'];
const SMITH = 'John Smith';
const LIU = '<strong class="owner">Alisa Liu</strong>';
const FAR = ['Ann One', 'Ben Two', 'Cam Three', 'Dee Four', 'Eve Five', 'Fay Six', 'Gil Seven', 'Hal Eight', 'Ivy Nine'];

interface Case { key: string; kinds: string[]; good: Omit<HandEntry, 'key'>[]; bad: Omit<HandEntry, 'key'> }
const cases: Case[] = [
  {
    key: 'percent',
    kinds: ['abstract end'],
    good: [{ title: 'Mapping Vegetation from Space', authors: `${LIU}, ${SMITH}`, abstract: 'We find that more than 61% of the vegetation changed, and we map where it changed most' }],
    bad: { title: 'Mapping Vegetation from Space', authors: `${LIU}, ${SMITH}`, abstract: 'We find that more than 61' },
  },
  {
    key: 'lonedollar',
    kinds: ['abstract end'],
    good: [{ title: 'A Cheap Machine', authors: SMITH, abstract: 'The &lt;$1,700 machine runs every benchmark we tried within budget' }],
    bad: { title: 'A Cheap Machine', authors: SMITH },
  },
  {
    key: 'angles',
    kinds: ['title words', 'abstract end', 'stray chars'],
    good: [{ title: 'Traps of <i>Cephalotus follicularis</i> at &lt;15% humidity', authors: SMITH, abstract: 'Pitchers close when humidity drops &lt;15% and open again &gt;40% overnight' }],
    bad: { title: 'Traps of ¡i¿Cephalotus follicularis¡/i¿ at ¡15', authors: SMITH, abstract: 'Pitchers close when humidity drops ¡15' },
  },
  {
    key: 'inequality',
    kinds: ['title words'],
    good: [
      { title: 'When p&lt;q and q&gt;0 hold', authors: SMITH, abstract: 'We show that p&lt;q and q&gt;0 hold together in every model' },
      { title: 'When <math><mi>p</mi><mo>&lt;</mo><mi>q</mi></math> and <math><mi>q</mi><mo>&gt;</mo><mn>0</mn></math> hold', authors: SMITH, abstract: 'We show that p&lt;q and q&gt;0 hold together in every model' },
    ],
    bad: { title: 'When p0 hold', authors: SMITH, abstract: 'We show that p0 hold together in every model' },
  },
  {
    key: 'mathcal',
    kinds: ['math lost'],
    good: [
      { title: 'Learning the Reward ℛ from Demonstrations', authors: SMITH },
      { title: 'Learning the Reward <math><mi mathvariant="script">R</mi></math> from Demonstrations', authors: SMITH },
    ],
    bad: { title: 'Learning the Reward R from Demonstrations', authors: SMITH },
  },
  {
    key: 'paddedurl',
    kinds: ['link missing'],
    good: [{ title: '<a href="https://arxiv.org/pdf/2310.14079">Padded Links from DBLP</a>', authors: SMITH }],
    bad: { title: 'Padded Links from DBLP', authors: SMITH },
  },
  {
    key: 'ownerbraced',
    kinds: ['owner not bold'],
    good: [{ title: 'An Owner in Braces', authors: `${LIU}, ${SMITH}` }],
    bad: { title: 'An Owner in Braces', authors: `Alisa Liu, ${SMITH}` },
  },
  {
    key: 'ownerbold',
    kinds: ['owner not bold'],
    good: [{ title: 'An Owner in Bold', authors: `${SMITH}, ${LIU}` }, { title: 'An Owner in Bold', authors: `${SMITH}, <b><strong class="owner">Alisa Liu</strong></b>` }],
    bad: { title: 'An Owner in Bold', authors: `${SMITH}, Alisa Liu` },
  },
  {
    key: 'ownerfar',
    kinds: ['owner hidden'],
    good: [
      // "A, B, C, …, Owner, … and K more": the owner among those shown, the rest behind the button
      { title: 'A Long Author List', authors: `${FAR.slice(0, 4).join(', ')}, …, ${LIU}, <span class="authors-rest">${[...FAR.slice(4), 'Jo Eleven', 'Kai Twelve'].join(', ')}</span><button class="more-authors" hidden>and 7 more</button>` },
    ],
    bad: { title: 'A Long Author List', authors: `${FAR.slice(0, 5).join(', ')}, <span class="authors-rest">${[...FAR.slice(5), LIU, 'Jo Eleven', 'Kai Twelve'].join(', ')}</span><button class="more-authors" hidden>and 7 more</button>` },
  },
  {
    key: 'eprint',
    kinds: ['link missing'],
    good: [{ title: 'Published, Also on arXiv', authors: SMITH, links: ['https://doi.org/10.3847/1538-4357/ad0001', 'https://arxiv.org/abs/2401.01234'] }],
    bad: { title: 'Published, Also on arXiv', authors: SMITH, links: ['https://doi.org/10.3847/1538-4357/ad0001'] },
  },
  {
    key: 'everylink',
    kinds: ['link missing'],
    good: [{ title: 'Every Link Field', authors: SMITH, links: ['https://example.org/paper', 'https://example.org/paper.pdf', 'https://github.com/example/code', 'https://example.org/slides.pdf'] }],
    bad: { title: 'Every Link Field', authors: SMITH, links: ['https://example.org/paper.pdf', 'https://github.com/example/code', 'https://example.org/slides.pdf'] },
  },
];

describe('the audit tells a faithful page from a broken one, for each case of issue 18', () => {
  for (const c of cases) {
    it(`${c.key}: passes the faithful page${c.good.length > 1 ? 's' : ''}`, () => {
      for (const good of c.good) expect(kindsOf(audit(bibText, handPage([{ key: c.key, ...good }]), owner), c.key)).toEqual([]);
    });
    it(`${c.key}: finds ${c.kinds.join(', ')} on the broken page`, () => {
      expect([...new Set(kindsOf(audit(bibText, handPage([{ key: c.key, ...c.bad }]), owner), c.key))].sort()).toEqual([...c.kinds].sort());
    });
  }
});

// The real build of each case passes the audit.
describe('the real build of fixtures/issue18 passes the audit', async () => {
  const { html } = await buildFixture('issue18');
  const losses = audit(bibText, html, owner);
  const passes = (key: string) => () => expect(losses.filter((l) => l.key === key)).toEqual([]);
  it('percent: an unescaped % is a percent sign', passes('percent'));
  it('lonedollar: a lone $ is a dollar sign, and the abstract stays', passes('lonedollar'));
  it('angles: < and > are themselves, <i> is markup', passes('angles'));
  it('inequality: math keeps its < and >', passes('inequality'));
  it('mathcal: \\mathcal{R} is ℛ or MathML', passes('mathcal'));
  it('paddedurl: a padded URL is trimmed and linked', passes('paddedurl'));
  it('ownerbraced: the owner is bold when written {Alisa Liu}', passes('ownerbraced'));
  it('ownerbold: the owner is bold when written \\textbf{Alisa Liu}', passes('ownerbold'));
  it('ownerfar: the owner stays visible in a collapsed list', passes('ownerfar'));
  it('eprint: a published paper still links its arXiv eprint', passes('eprint'));
  it('everylink: every link field is on the page, url too', passes('everylink'));
});

describe('the real build of fixtures/builds passes the audit', () => {
  it('duplicate keys and empty fields build; differing duplicates both shown, each entry with an id of its own', async () => {
    const { html, bibText: text } = await buildFixture('builds');
    expect(audit(text, html)).toEqual([]);
  });
});
