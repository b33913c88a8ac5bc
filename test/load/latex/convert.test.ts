import { describe, expect, it } from 'vitest';
import { bib } from '../../helpers.js';

const one = (fields: string) => bib(`@article{k,\n${fields}\n}`).entries[0];

describe('LaTeX to Unicode', () => {
  it('converts accents and normalizes to NFC', () => {
    const e = one(`title = {M{\\"u}ller and Erd\\H{o}s on Fran\\c{c}ois}`);
    expect(e.html.title).toBe('Müller and Erdős on François');
    expect(e.html.title).toBe(e.html.title.normalize('NFC'));
  });

  it('turns -- and --- into dashes and ~ into a no-break space', () => {
    expect(one('pages = {1--10}').html.pages).toBe('1–10');
    expect(one('title = {A---B}').html.title).toBe('A—B');
    expect(one('title = {Fig.~1}').html.title).toBe('Fig.\u00a01');
  });

  it('keeps titles as written and drops case-protecting braces', () => {
    expect(one('title = {Deep {ImageNet} on {GANs}}').html.title).toBe('Deep ImageNet on GANs');
    expect(one('title = {all lower Case Kept}').html.title).toBe('all lower Case Kept');
  });

  it('keeps the allowlisted markup: italics, bold, sub/superscript, small caps', () => {
    const e = one(`title = {{\\em Deep} \\textbf{Nets} H$_2$O x$^2$ \\textsc{Sc}}`);
    expect(e.html.title).toBe('<i>Deep</i> <b>Nets</b> H₂O x² <span class="sc">Sc</span>');
  });

  it('renders {\\bf …} bold without calling it an unknown command (the converter does both)', () => {
    const b = bib(`@article{k,\n  title = {a {\\bf bold} b {\\sf sans}}\n}`);
    expect(b.entries[0].html.title).toBe('a <b>bold</b> b sans');
    expect(b.diagnostics.map((d) => d.message)).toEqual(['entry "k": unknown LaTeX command \\sf']);
  });

  it('renders math Unicode cannot express as MathML', () => {
    const e = one(`title = {Bounds of $\\frac{a}{b}$ in $\\alpha$-nets}`);
    expect(e.html.title).toMatch(/^Bounds of <math[^>]*>.*<mfrac>.*<\/math> in α-nets$/s);
  });

  it('drops raw HTML from \\url, \\href and \\verb', () => {
    const e = one(`title = {x \\url{a" onmouseover=alert(1)} \\href{javascript:alert(1)}{click} y}`);
    // the text may remain; no element or attribute may
    expect(e.html.title).not.toMatch(/<a\b|<[^>]*onmouseover/i);
    expect(e.html.title).not.toContain('javascript:');
    expect(e.html.title).toContain('click');
    const v = one(`title = {a \\verb|<script>alert(1)</script>| b}`);
    expect(v.html.title).not.toMatch(/<script/i);
  });

  it('escapes a raw & and <', () => {
    expect(one('note = {Q\\&A and R&D}').html.note).toBe('Q&amp;A and R&amp;D');
  });

  it('reads path and URL fields verbatim, so % and ~ survive', () => {
    const e = one('thumbnail = {img/a%20b~c.png},\n url = {https://x.org/~me/a%20b}');
    expect(e.raw.thumbnail).toBe('img/a%20b~c.png');
    expect(e.raw.url).toBe('https://x.org/~me/a%20b');
  });

  it('expands @string macros and concatenation', () => {
    const { entries } = bib('@string{iccv = "International Conference on Computer Vision"}\n@inproceedings{k, booktitle = iccv # " Workshops", title={T}, author={A, B}, year=2019}');
    expect(entries[0].html.booktitle).toBe('International Conference on Computer Vision Workshops');
  });

  it('applies crossref: missing fields come from the parent, its title becomes the booktitle', () => {
    const { entries } = bib('@inproceedings{c, title={Child}, crossref={p}}\n@proceedings{p, title={Proc. of X}, year={2001}, publisher={ACM}}');
    expect(entries[0].html.booktitle).toBe('Proc. of X');
    expect(entries[0].raw.year).toBe('2001');
    expect(entries[0].html.title).toBe('Child');
  });

  it('accepts al-folio front matter, a BOM and CRLF line endings', () => {
    const { entries, diagnostics } = bib('---\r\n---\r\n@article{a,\r\n title={T},\r\n author={A, B},\r\n journal={J}, year={2020}}\r\n');
    expect(entries).toHaveLength(1);
    expect(entries[0].pos).toEqual({ line: 3, column: 1 });
    expect(entries[0].fieldPos.title).toEqual({ line: 4, column: 2 });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
