/**
 * The checks of theme-checks.ts fed deliberately broken pages, to show that each can fail.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePages } from './example-pages.js';
import { hasChromium } from './harness.js';
import { axeCheck, copyProblems, darkModeProblems, entriesWithTwoOpen, htmlErrors, moreAuthorsProblems, open, ruleIds, toggleProblems, withoutScript } from './checks.js';

describe.skipIf(!hasChromium)('the browser checks fail on pages broken on purpose', () => {
  const ctx = examplePages(['default']);
  const { pages, tmp, url, addPage } = ctx;

  it('an external image: the request check reports its URL', async () => {
    addPage('broken-request', pages.default.replace('</body>', '<img src="http://127.0.0.1:9/x.png" alt=""></body>'));
    for (const u of [url('broken-request'), `file://${path.join(tmp, 'broken-request.html')}`]) {
      const { page, requests } = await open(ctx.env.browser, u);
      expect(requests, u).toEqual(['http://127.0.0.1:9/x.png']);
      await page.close();
    }
  });

  it('toggles without name and without the script: two stay open in one entry', async () => {
    const html = withoutScript(pages.default).replaceAll('name="', 'data-name="');
    expect(html).not.toMatch(/<details[^>]* name=/);
    addPage('broken-toggles', html);
    const { page } = await open(ctx.env.browser, url('broken-toggles'));
    const problems = await toggleProblems(page, 'pub-he2021eigengan');
    expect(problems).toContain('pub-he2021eigengan: after opening BibTeX, open: [abstract,bibtex] (want [bibtex])');
    // the clicks above end with both open
    expect(await entriesWithTwoOpen(page)).toEqual(['pub-he2021eigengan']);
    await page.close();
  });

  it('without the script: nothing is copied, "and K more" never appears, the dark-mode button does nothing', async () => {
    addPage('broken-noscript', withoutScript(pages['default-short']));
    const { page } = await open(ctx.env.browser, url('broken-noscript'));
    expect((await copyProblems(page, 'pub-he2019attgan')).problems).toEqual(['pub-he2019attgan: no visible Copy BibTeX button in the opened BibTeX toggle']);
    expect(await moreAuthorsProblems(page, 'pub-he2019attgan', 3, ['Xilin Chen'])).toEqual(['pub-he2019attgan: no visible "and K more" button']);
    await page.close();
    expect(await darkModeProblems(ctx.env.browser, url('broken-noscript'))).toContain('after clicking ◐: theme is null (want "dark")');
  });

  it('copied BibTeX with a custom field is reported', async () => {
    // the shown BibTeX (and so the copy) gains a thumbnail line
    addPage('broken-bibtex', pages.default.replace('  pages = {5464--5478},\n', '  pages = {5464--5478},\n  thumbnail = {thumbnails/attgan.jpg},\n'));
    expect(pages['broken-bibtex']).not.toBe(pages.default);
    const { page } = await open(ctx.env.browser, url('broken-bibtex'));
    expect((await copyProblems(page, 'pub-he2019attgan')).problems).toEqual(['pub-he2019attgan: copied BibTeX contains the custom field "thumbnail"']);
    await page.close();
  });

  it('an image without alt, and low-contrast text: axe reports them', async () => {
    const cases = {
      'image-alt (critical)': '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">',
      'color-contrast (serious)': '<p style="color:#ccc;background:#fff">faint</p>',
    };
    for (const [rule, snippet] of Object.entries(cases)) {
      addPage('broken-a11y', pages.default.replace('</main>', `${snippet}</main>`));
      const { page } = await open(ctx.env.browser, url('broken-a11y'));
      expect(ruleIds((await axeCheck(page)).serious)).toEqual([rule]);
      await page.close();
    }
  });

  it('an unclosed <div>, and a duplicate id: html-validate reports them', async () => {
    const unclosed = await htmlErrors(pages.default.replace('</main>', '<div class="x"></main>'));
    expect(unclosed.filter((e) => e.startsWith("close-order: Unclosed element '<div>'"))).toHaveLength(1);
    const dup = await htmlErrors(pages.default.replace('</main>', '<p id="pub-he2019attgan">again</p></main>'));
    expect(dup.map((e) => e.replace(/:.*$/s, ''))).toEqual(['no-dup-id']);
  });
});
