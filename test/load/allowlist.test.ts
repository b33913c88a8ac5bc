/** The allowlist check the entry cache puts stored HTML through (src/load/allowlist.ts). */
import { describe, expect, it } from 'vitest';
import { isAllowlisted } from '../../src/load/allowlist.js';
import { sanitizeInline, sanitizeMath } from '../../src/load/sanitize.js';
import { renderMath } from '../../src/load/latex/math.js';

describe('isAllowlisted', () => {
  it('takes what sanitizing writes: inline markup, entities, line breaks, small caps', () => {
    for (const s of ['plain', 'a &amp; b &lt;c&gt; "q"', '<i>x</i> <b><sup>2</sup></b>', 'a<br />b', '<span class="sc">Ab</span>', '<em>a <strong>b</strong></em>']) {
      expect(isAllowlisted(s), s).toBe(true);
    }
    // What the converter writes, once sanitized.
    for (const s of ['<span style="font-variant:small-caps;">Ab</span>', '<i>a', 'x<br>y', 'a & b < c', '<span class="nocase">A</span>']) {
      expect(isAllowlisted(sanitizeInline(s)), s).toBe(true);
    }
  });

  it('takes the MathML temml writes, after the MathML allowlist', () => {
    for (const tex of ['\\frac{a}{b}', '\\sqrt[3]{x}', '\\sum_{i=1}^n x_i', '\\left(\\frac{1}{2}\\right)', '\\hat{x}', '\\mathcal{R}', '\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}', '\\color{red}{x}', '\\boxed{y}', 'a \\quad b', '\\overline{AB}']) {
      const { html, ok } = renderMath(tex);
      expect(ok, tex).toBe(true);
      expect(isAllowlisted(html), `${tex}: ${html}`).toBe(true);
    }
  });

  it('refuses script, handlers, links, other tags, stray angle brackets and unbalanced tags', () => {
    for (const s of [
      '<img src=x onerror=alert(1)>',
      '<img src="x" />',
      '<i onclick="x">a</i>',
      '<span class="sc" style="x">a</span>',
      '<span class="toggle">a</span>',
      '<a href="https://x">a</a>',
      '<script>alert(1)</script>',
      '<mi style="background:url(https://evil)">x</mi>',
      '<math><mi href="javascript:alert(1)">x</mi></math>',
      'a < b',
      'a > b',
      'a & b',
      '<i>open',
      '</span>',
      '<i/>',
      '<i>a</b>',
      '<I>a</I>',
    ]) expect(isAllowlisted(s), s).toBe(false);
  });

  it('sanitizeMath drops what is not MathML', () => {
    expect(sanitizeMath('<math><mi onclick="x" href="y">a</mi><img src=x></math>')).toBe('<math><mi>a</mi></math>');
  });
});
