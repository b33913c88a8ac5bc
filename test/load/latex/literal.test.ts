/**
 * A field value says what it says (issue 18 §2): `%`, a lone `$`, `<` and `>` are themselves, the
 * few raw HTML tags publishers write are markup, math keeps every character. And the math
 * placeholders cannot be forged or mixed up between entries (issue 19 §5). Each case through both
 * paths (fast and the converter), which must agree.
 */
import { describe, expect, it } from 'vitest';
import { convertAll, convertFields } from '../../../src/load/latex/convert.js';
import { mapAlphabets } from '../../../src/load/latex/math.js';
import { prepare } from '../../../src/load/latex/literal.js';
import { bib } from '../../helpers.js';

/** The field converted by both paths; they must agree. */
function both(fields: Record<string, string>, type = 'article') {
  const fast = convertFields(type, fields);
  const slow = convertFields(type, fields, { fast: false });
  expect(fast.html).toEqual(slow.html);
  expect(fast.authors).toEqual(slow.authors);
  return fast;
}

describe('a link with no address', () => {
  it('\\url{} is nothing and \\href{}{text} its text, with no warning; an accent after it is kept', () => {
    const r = both({ note: 'See \\url{}\\"a, \\url {} \\url{ } and \\href{}{the \\emph{code}} here', howpublished: '\\url{}', title: 'A \\href {}\\emph{B}' });
    expect(r.html.note.replace(/ +/g, ' ')).toBe('See ä, and the <i>code</i> here');
    expect(r.html.title).toBe('A <i>B</i>');
    expect(r.html.howpublished).toBe('');
    expect(r.problems).toEqual([]);
  });

  it('is only that: an escaped backslash before url{} and an \\href with an address are left to the converter', () => {
    expect(prepare('a \\\\url{} b', { field: 'note', math: true }).text).toBe('a \\\\url{} b');
    const r = both({ note: '\\href{https://example.org}{site}' });
    expect(r.html.note).toContain('site');
  });
});

describe('literal characters in a field value', () => {
  it('% is a percent sign, not a comment that cuts the value', () => {
    const r = both({ abstract: 'more than 61% of the vegetation was lost, and 5\\% regrew' });
    expect(r.html.abstract).toBe('more than 61% of the vegetation was lost, and 5% regrew');
    expect(r.problems).toEqual([]);
  });

  it('a lone $ is a dollar sign, with a warning, and the field is kept', () => {
    const r = both({ title: 'The <$1,700 machine', abstract: 'The <$1,700 machine beats the rest' });
    expect(r.html.title).toBe('The &lt;$1,700 machine');
    expect(r.html.abstract).toBe('The &lt;$1,700 machine beats the rest');
    expect(r.problems.map((p) => p.code)).toEqual(['bib/dollar', 'bib/dollar']);
  });

  it('an odd $ next to real math: the currency one is the dollar sign, the math stays math', () => {
    const r = both({ abstract: 'costs $5 and has a $x^2$ term' });
    expect(r.html.abstract).toBe('costs $5 and has a x² term');
  });

  it('three or more $ in a row are dollar signs (no math has them)', () => {
    const r = both({ title: 'how NOT to $$$$$  MAKE ENEMIES FAST!  $$$$$' });
    expect(r.html.title).toBe('how NOT to $$$$$ MAKE ENEMIES FAST! $$$$$');
  });

  it('< and > are themselves, not the OT1 ¡ ¿ (nor « » for << >>)', () => {
    const r = both({ title: 'a <15% share, x>y, <<quoted>>' });
    expect(r.html.title).toBe('a &lt;15% share, x&gt;y, &lt;&lt;quoted&gt;&gt;');
  });

  it('raw <i> <em> <b> <strong> <sup> <sub> are the allowlisted markup', () => {
    const r = both({ title: '<i>Cephalotus follicularis</i> and <EM>e</EM> <b>b</b> <strong>s</strong> H<sub>2</sub>O x<sup>2</sup>' });
    expect(r.html.title).toBe('<i>Cephalotus follicularis</i> and <em>e</em> <b>b</b> <strong>s</strong> H<sub>2</sub>O x<sup>2</sup>');
  });

  it('<br> is a line break in an abstract and a space in a title or an abbreviation', () => {
    const r = both({ abstract: 'one<br>two<br/>three', title: 'one<br>two', abbr: 'NeurIPS<br />2020' });
    expect(r.html.abstract).toBe('one<br />two<br />three');
    expect(r.html.title).toBe('one two');
    expect(r.html.abbr).toBe('NeurIPS 2020');
  });

  it('a LaTeX line break (\\\\) is a line break in a note, never at its edges, and a space in a title', () => {
    const r = both({ note: '\\\\ http://example.org/a \\\\ retrieved 2020 \\\\', title: 'Part one \\\\ part two' });
    expect(r.html.note).toBe('http://example.org/a<br />retrieved 2020');
    expect(r.html.title.replace(/ +/g, ' ')).toBe('Part one part two'); // the converter's own spacing, as before
  });

  it('a tag written with a space after < is still the tag', () => {
    expect(both({ title: 'subfields in< i> in vivo</i> MRI' }).html.title).toBe('subfields in<i> in vivo</i> MRI');
  });

  it('any other tag is shown as text', () => {
    const r = both({ title: 'a <img src=x onerror=alert(1)> <script>c</script> <iframe src="x"></iframe> <p onclick' });
    expect(r.html.title).toBe('a &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;c&lt;/script&gt; &lt;iframe src="x"&gt;&lt;/iframe&gt; &lt;p onclick');
  });

  it('a link, a paragraph, a span or a font tag goes and its text stays (al-folio sites write them); a paragraph is a line break in an abstract', () => {
    // From real al-folio sites: an award linked inside the title, an abstract in <p> paragraphs.
    const r = both({
      title: 'Nesterov Acceleration [<b><a href="https://blog.neurips.cc/">Outstanding paper award</a></b>] <span class="x" style="color:red">new</span> <FONT color=red>!</FONT>',
      abstract: '<p>First paragraph.</p>\n\n<p>Second, with a <a href="https://example.org/a%20b">link</a>.</p><div>Third</div>',
    });
    expect(r.html.title).toBe('Nesterov Acceleration [<b>Outstanding paper award</b>] new !');
    expect(r.html.abstract).toBe('First paragraph.<br /><br />Second, with a link.<br /><br />Third');
    expect(both({ title: 'One<p>Two</p>' }).html.title).toBe('One Two');
  });

  it('only a tag written as HTML goes: <p and q> in a formula, an NLP paper\'s <s> tokens and a quote holding > are text', () => {
    expect(both({ title: 'For all 0 <p and q> 1 holds' }).html.title).toBe('For all 0 &lt;p and q&gt; 1 holds');
    expect(both({ title: 'Tokens <s> and </s> and <u>' }).html.title).toBe('Tokens &lt;s&gt; and &lt;/s&gt; and &lt;u&gt;');
    expect(both({ abstract: 'for n <p and m > 3' }).html.abstract).toBe('for n &lt;p and m &gt; 3');
    expect(both({ title: 'A <a href=https://e.org/x title=\'t\'>link</a> and <span class = "c">s</span>' }).html.title).toBe('A link and s');
  });

  it('in names too: a % or a < is kept', () => {
    const r = both({ author: 'Ada <b>Lovelace</b> and Team 10% and {A<B Lab}' });
    expect(r.authors.map((a) => a.literal ?? `${a.first} ${a.last}`)).toEqual(['Ada Lovelace', 'Team 10%', 'A<B Lab']);
  });
});

describe('math accents the converter lacks', () => {
  it('make their formula MathML in an abstract too, as in a title: \\tilde{O} was "{O}", \\vec{v} the arrow before the v', () => {
    // From a real al-folio site (an optimization paper's abstract).
    const r = both({ abstract: 'A gap in $\\tilde{O}(1/\\sqrt{\\epsilon})$ iterations, $\\hat{\\theta}$, $\\vec{v}$, $\\dot{x}$ and $x^2$.' });
    expect(r.problems).toEqual([]);
    const maths = r.html.abstract.match(/<math>.*?<\/math>/g) ?? [];
    expect(maths).toHaveLength(4);
    expect(maths[0]).toContain('<mover><mi>O</mi><mo');
    expect(maths[2]).toMatch(/<mover><mi>v<\/mi><mo[^>]*>→<\/mo><\/mover>/);
    // Math the converter writes as text stays text.
    expect(r.html.abstract).toMatch(/ and x²\.$/);
    expect(r.html.abstract).not.toMatch(/\{|\\/);
  });
});

describe('\\ensuremath inside math (APS exports)', () => {
  it('is the math it wraps, in a title and in an abstract, with no warning', () => {
    for (const tex of ['\\ensuremath{\\sigma}', '\\ensuremath\\sigma', '\\ensuremath{σ}', '\\ensuremathσ']) {
      const r = both({ title: `Localization from $${tex}$-model geodesics`, abstract: `An $${tex}$-model.` });
      expect(r.problems, tex).toEqual([]);
      for (const html of [r.html.title, r.html.abstract]) {
        expect(html, tex).toMatch(/<math><mi>σ<\/mi>/);
        expect(html, tex).not.toContain('ensuremath</');
      }
    }
  });
});

describe('math keeps every character', () => {
  it('inequalities in math are text, not tags', () => {
    const r = both({ abstract: '$p<q$ and $q>0$ hold', title: '$p<q$ and $q>0$ hold' });
    expect(r.html.abstract).toBe('p&lt;q and q&gt;0 hold');
    expect(r.html.title).toBe('p&lt;q and q&gt;0 hold');
  });

  it('\\mathcal, \\mathbb, \\mathfrak… become Unicode mathematical letters', () => {
    const r = both({ title: 'On $\\mathcal{R}$, $\\mathbb{R}^n$, $\\mathfrak{g}$, $\\mathbf{v}$, $\\mathrm{d}x$, $\\mathsf{A}$, $\\mathtt{1}$, $\\mathit{h}$' });
    expect(r.html.title).toBe('On 𝓡, ℝⁿ, 𝔤, 𝐯, dx, 𝖠, 𝟷, ℎ');
    expect(mapAlphabets('\\mathbb{CHNPQRZ}').tex).toBe('ℂℍℕℙℚℝℤ');
    expect(mapAlphabets('\\mathbb R').tex).toBe('ℝ');
  });

  it('what Unicode cannot write becomes MathML, in any field', () => {
    const r = both({ abstract: 'with $\\mathbb{\\alpha}$ and $\\mathcal{1}$' });
    expect(r.html.abstract).toMatch(/^with <math>.*<\/math> and <math>.*<\/math>$/);
    expect(r.html.abstract).not.toContain('mathbb');
  });

  it('a formula temml refuses is shown as written, with a warning, and the field stays', () => {
    const r = both({ title: 'Result $\\frac{a}{\\undefinedthing{b}}$ here' });
    expect(r.html.title).toBe('Result \\frac{a}{\\undefinedthing{b}} here');
    expect(r.problems.map((p) => p.code)).toContain('bib/math');
  });
});

describe('math placeholders (issue 19 §5)', () => {
  it('the old placeholder text in a title is just text, and crashes nothing', () => {
    const r = both({ title: 'zqxmathz0zqxmathz and zqxmathz99zqxmathz, then $\\frac{a}{b}$' });
    expect(r.html.title).toMatch(/^zqxmathz0zqxmathz and zqxmathz99zqxmathz, then <math>/);
  });

  it('a title holding the private-use characters of a placeholder keeps them, and gets no formula', () => {
    // The first token block: math open, the digit 0, math close.
    const forged = '\ue111\ue113\ue112';
    expect(prepare(`x ${forged} $\\frac{a}{b}$`, { field: 'title', math: true }).base).not.toBe(0xe100);
    const [a, b] = convertAll([
      { type: 'misc', raw: { title: `Forged ${forged} here` } },
      { type: 'misc', raw: { title: 'Real $\\frac{x}{y}$' } },
    ]);
    expect(a.html.title).toBe(`Forged ${forged} here`);
    expect(b.html.title).toMatch(/^Real <math>/);
  });

  it('an entry converts the same alone as in a batch with others, in any order', () => {
    const items = [
      { type: 'misc', raw: { title: 'A $\\frac{1}{2}$ and $\\sqrt{x}$', abstract: '61% <i>x</i> $p<q$' } },
      { type: 'misc', raw: { title: 'B zqxmathz0zqxmathz \ue111\ue113\ue112 $\\sqrt{y}$' } },
      { type: 'misc', raw: { title: 'C <$5 and $\\frac{z}{w}$', author: 'A <b>B</b>' } },
    ];
    const alone = items.map((i) => convertAll([i])[0]);
    expect(convertAll(items)).toEqual(alone);
    expect(convertAll([...items].reverse()).reverse()).toEqual(alone);
    expect(convertAll(items, { fast: false })).toEqual(alone);
  });
});

describe('no field is dropped by the converter', () => {
  it('a field the converter refuses is shown without its commands, with a warning', () => {
    // No .bib field is known to make the converter fail any more (an empty \\url{} did: see above);
    // a value with a brace left open, which no .bib can hold, still does.
    const r = convertFields('article', { title: 'Kept', abstract: 'A list of 61% \\emph{things} \\url{a}{' });
    expect(r.html.title).toBe('Kept');
    expect(r.html.abstract).toBe('A list of 61% things a');
    expect(r.problems.map((p) => p.message)).toContain('field "abstract" could not be converted from LaTeX; it is shown with its commands taken out');
    expect(r.problems.every((p) => !p.message.includes('\n'))).toBe(true);
  });

  it('display math is MathML, not TeX shown raw', () => {
    const r = both({ abstract: 'so $$a<b$$ holds' });
    expect(r.html.abstract).toMatch(/^so <math><mrow><mi>a<\/mi><mo>&lt;<\/mo><mi>b<\/mi><\/mrow><\/math> holds$/);
  });
});
