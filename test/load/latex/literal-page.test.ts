/**
 * The page shows what the source says (issue 18 §2): test/fixtures/latex-literal/refs.bib built as
 * a user builds it, and the visible text of the page (tags stripped, the BibTeX blocks left out
 * since they show the source itself) checked for each case's exact text.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/index.js';
import { htmlToTextStrict } from '../../../src/load/sanitize.js';

const BIB = path.join(import.meta.dirname, '../../fixtures/latex-literal/refs.bib');

describe('a .bib with %, $, <, > and math builds to a page that shows them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-literal-'));
  const r = await build({ bib: BIB, cwd: dir, out: path.join(dir, 'index.html'), cacheDir: path.join(dir, 'cache'), offline: true });
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  const body = html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<pre class="bibtex">[\s\S]*?<\/pre>/g, '');
  const text = htmlToTextStrict(body).replace(/\s+/g, ' ');

  it('builds, with a warning for the lone $', () => {
    expect(r.errors).toBe(0);
    expect(r.diagnostics.filter((d) => d.code === 'bib/dollar').map((d) => d.message)).toEqual([
      'entry "dollar": field "title": a "$" that opens no math is shown as a dollar sign (write \\$ for a dollar sign, $…$ for math)',
      'entry "dollar": field "abstract": a "$" that opens no math is shown as a dollar sign (write \\$ for a dollar sign, $…$ for math)',
    ]);
  });

  it('% is a percent sign', () => {
    expect(text).toContain('We find that more than 61% of the vegetation was lost, and 5% regrew.');
  });

  it('a lone $ is a dollar sign, and the abstract is there', () => {
    expect(text).toContain('The <$1,700 machine');
    expect(text).toContain('The <$1,700 machine beats a cluster that costs far more.');
  });

  it('< and > are themselves; raw <i> is italics, <br> a line break, other tags text', () => {
    expect(text).toContain('Prey capture in Cephalotus follicularis pitchers');
    expect(html).toContain('Prey capture in <i>Cephalotus follicularis</i> pitchers');
    expect(text).toContain('Fewer than <15% of visits, and >3 visits per day; <img src=x onerror=alert(1)> is text.');
    expect(html).toContain('&gt;3 visits<br />per day; &lt;img src=x onerror=alert(1)&gt; is text.');
    expect(text).not.toMatch(/[¡¿]/);
  });

  it('math keeps every character, and \\mathcal and kin are Unicode letters', () => {
    expect(text).toContain('Bounds on 𝓡 over ℝⁿ');
    expect(text).toContain('We show p<q and q>0 hold for every 𝔤.');
  });

  it('the old placeholder text is text, and the formulas of other entries stay theirs', () => {
    expect(text).toContain('A title with zqxmathz0zqxmathz and zqxmathz1zqxmathz in it');
    expect(html.match(/<math>/g)?.length).toBe(2); // \frac{x}{y} and \sqrt{z} in the "formula" title
    expect(html).toMatch(/Rates as <math>.*<mfrac>.*<\/math> and <math>.*<msqrt>.*<\/math>/);
  });
});

describe('a cold and a warm entry cache give the same page (issue 19 §5)', () => {
  it('with some entries from the cache and the rest converted in this run', async () => {
    const source = readFileSync(BIB, 'utf8');
    const pageOf = async (dir: string, bibText: string, cacheDir: string) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'refs.bib'), bibText);
      const r = await build({ bib: path.join(dir, 'refs.bib'), cwd: dir, out: path.join(dir, 'index.html'), cacheDir, offline: true, epoch: 0 });
      expect(r.errors).toBe(0);
      return readFileSync(r.outFile!, 'utf8');
    };
    const root = mkdtempSync(path.join(tmpdir(), 'sp-warm-'));
    const cold = await pageOf(path.join(root, 'cold'), source, path.join(root, 'cold-cache'));
    // The warm cache holds every entry but the one with real formulas, converted without it.
    const withoutFormula = source.replace(/@misc\{formula,[\s\S]*$/, '');
    expect(withoutFormula).not.toContain('formula,');
    await pageOf(path.join(root, 'first'), withoutFormula, path.join(root, 'warm-cache'));
    const warm = await pageOf(path.join(root, 'warm'), source, path.join(root, 'warm-cache'));
    expect(warm).toBe(cold);
    expect(cold).toContain('A title with zqxmathz0zqxmathz and zqxmathz1zqxmathz in it');
  });
});
