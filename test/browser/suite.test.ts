/**
 * The example homepage, in each built-in theme, in real Chromium: no network, working toggles,
 * Copy BibTeX, "and K more", dark mode, no console errors, axe-core, html-validate, screenshots.
 * The last block feeds the same checks deliberately broken pages, to show that they can fail.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { fakeGitHub } from '../fake-github.js';
import { EXAMPLE_STARS } from '../example-stars.js';
import { hasChromium, launch } from './harness.js';
import {
  axeCheck, copyProblems, darkModeProblems, entriesWithTwoOpen, exercise, htmlErrors, moreAuthorsProblems, open, ruleIds,
  toggleProblems, withoutScript,
} from './checks.js';

const ROOT = path.join(import.meta.dirname, '../..');
const THEMES = ['default', 'minimal', 'cards'] as const;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.skipIf(!hasChromium)('the example in Chromium, in every built-in theme', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  let server: Server;
  let base = '';
  const tmp = mkdtempSync(path.join(tmpdir(), 'sp-suite-'));
  const shots = path.join(tmp, 'screenshots');
  /** Page name → HTML, served at `${base}/NAME.html` and written to `${tmp}/NAME.html`. */
  const pages: Record<string, string> = {};
  const url = (name: string) => `${base}/${name}.html`;
  const addPage = (name: string, html: string) => {
    pages[name] = html;
    writeFileSync(path.join(tmp, `${name}.html`), html);
  };

  beforeAll(async () => {
    // Two copies of the example site: as it is ("THEME"), and with max_authors: 2 ("THEME-short") so
    // "and K more" appears. Star counts come from a local fake GitHub once, then every build is offline.
    const site = path.join(tmp, 'site');
    const short = path.join(tmp, 'site-short');
    const copy = (to: string) => cpSync(path.join(ROOT, 'data/example'), to, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
    copy(site);
    copy(short);
    writeFileSync(path.join(short, 'profile.yaml'), `${readFileSync(path.join(short, 'profile.yaml'), 'utf8')}\nmax_authors: 2\n`);
    const cacheDir = path.join(tmp, 'cache');
    const github = await fakeGitHub(EXAMPLE_STARS);
    try {
      const warm = await build({ cwd: site, out: path.join(tmp, 'warm.html'), githubApi: github.url, cacheDir });
      expect(warm.diagnostics).toEqual([]);
    } finally {
      await github.close();
    }
    for (const theme of THEMES) {
      for (const [name, cwd] of [[theme, site], [`${theme}-short`, short]]) {
        const r = await build({ cwd, theme, out: path.join(tmp, 'built', `${name}.html`), offline: true, cacheDir });
        expect(r.diagnostics).toEqual([]);
        addPage(name, readFileSync(r.outFile!, 'utf8'));
      }
    }
    expect(pages.default).toContain('class="stars"');

    // Served over http on 127.0.0.1, so the clipboard permissions are granted to one real origin
    // (Chromium refuses to grant them to file://'s opaque origin).
    server = createServer((req, res) => {
      const name = /^\/([\w-]+)\.html$/.exec(req.url ?? '')?.[1] ?? '';
      const html = pages[name];
      res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    env = await launch();
    await env.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  });
  afterAll(async () => {
    await env?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    rmSync(tmp, { recursive: true, force: true });
  });

  for (const theme of THEMES) {
    describe(theme, () => {
      it('makes no request beyond the document (over http and file://), with everything opened', async () => {
        for (const u of [url(theme), `file://${path.join(tmp, `${theme}.html`)}`, url(`${theme}-short`)]) {
          const { page, requests, errors } = await open(env.browser, u);
          await exercise(page);
          expect(requests, u).toEqual([]);
          expect(errors, u).toEqual([]);
          await page.close();
        }
      });

      it('opens Abstract and BibTeX one at a time per entry, and closes them', async () => {
        const { page, errors } = await open(env.browser, url(theme));
        expect(await toggleProblems(page, 'pub-he2021eigengan', 'pub-he2019attgan')).toEqual([]);
        expect(await toggleProblems(page, 'pub-xu2025jodi')).toEqual([]);
        // every entry: open Abstract, then BibTeX; never two open in one entry
        for (const id of await page.locator('[data-search]').evaluateAll((els) => els.map((e) => e.id))) {
          for (const which of ['abstract', 'bibtex']) {
            const summary = page.locator(`[id="${id}"] .toggle-${which} > summary`);
            if (await summary.count()) await summary.click();
          }
        }
        expect(await page.locator('details.toggle-bibtex[open]').count()).toBe(9);
        expect(await entriesWithTwoOpen(page)).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });

      it('Copy BibTeX puts the clean BibTeX on the clipboard', async () => {
        const { page, errors } = await open(env.browser, url(theme));
        for (const id of ['pub-he2019attgan', 'pub-xu2025jodi']) {
          const { problems, copied } = await copyProblems(page, id);
          expect(problems).toEqual([]);
          expect(copied).not.toMatch(/thumbnail|selected/);
        }
        // The button says "Copied" for 1.5 s: on a busy machine that may be over before a check
        // after the clipboard's; so whether it ever said so is recorded as it happens.
        await page.locator('[id="pub-he2019attgan"] .copy-bibtex').evaluate((b) => {
          const w = window as unknown as { copiedSeen: boolean };
          w.copiedSeen = false;
          new MutationObserver(() => (w.copiedSeen ||= b.textContent === 'Copied')).observe(b, { childList: true, characterData: true, subtree: true });
        });
        const { copied } = await copyProblems(page, 'pub-he2019attgan');
        expect(copied).toBe(
          '@article{he2019attgan,\n  title = {{AttGAN}: Facial Attribute Editing by Only Changing What You Want},\n' +
            '  author = {He, Zhenliang and Zuo, Wangmeng and Kan, Meina and Shan, Shiguang* and Chen, Xilin},\n' +
            '  journal = {IEEE Transactions on Image Processing},\n  volume = {28},\n  number = {11},\n  pages = {5464--5478},\n  year = {2019}\n}',
        );
        expect(await page.evaluate(() => (window as unknown as { copiedSeen: boolean }).copiedSeen)).toBe(true);
        expect(errors).toEqual([]);
        await page.close();
      });

      it('"and K more" expands the author list (max_authors: 2)', async () => {
        const { page, errors } = await open(env.browser, url(`${theme}-short`));
        expect(await page.locator('.more-authors:visible').count()).toBe(7);
        expect(await moreAuthorsProblems(page, 'pub-he2019attgan', 3, ['Meina Kan', 'Shiguang Shan', 'Xilin Chen'])).toEqual([]);
        expect(await moreAuthorsProblems(page, 'pub-he2019s2gan', 2, ['Shiguang Shan', 'Xilin Chen'])).toEqual([]);
        // expanded, the list reads as on the page without max_authors
        const full = await open(env.browser, url(theme));
        const authors = (p: typeof page) => p.locator('[id="pub-he2019attgan"] .pub-authors').innerText();
        expect((await authors(page)).trim()).toBe((await authors(full.page)).trim());
        expect(errors).toEqual([]);
        await full.page.close();
        await page.close();
      });

      it('the dark-mode button works and is remembered; a dark system scheme starts dark', async () => {
        expect(await darkModeProblems(env.browser, url(theme))).toEqual([]);
      });

      for (const scheme of ['light', 'dark'] as const) {
        it(`axe-core finds no serious or critical violation (${scheme})`, async () => {
          const totals: Record<string, number> = {};
          let incomplete = 0;
          const run = async (page: Awaited<ReturnType<typeof open>>['page'], state: string) => {
            const r = await axeCheck(page);
            for (const [k, v] of Object.entries(r.counts)) totals[k] = (totals[k] ?? 0) + v;
            incomplete += r.incomplete;
            expect(r.serious, `${theme} ${scheme} ${state}`).toEqual([]);
          };
          // the page as loaded, with every Abstract open, with every BibTeX open
          const { page, errors } = await open(env.browser, url(theme), scheme);
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          await run(page, 'as loaded');
          await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('details.toggle-abstract').forEach((d) => (d.open = true)));
          await run(page, 'abstracts open');
          await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('details.toggle-bibtex').forEach((d) => (d.open = true)));
          await run(page, 'bibtex open');
          expect(errors).toEqual([]);
          await page.close();
          // max_authors: 2, collapsed and expanded
          const short = await open(env.browser, url(`${theme}-short`), scheme);
          await run(short.page, 'authors collapsed');
          await short.page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.more-authors').forEach((b) => b.click()));
          await run(short.page, 'authors expanded');
          await short.page.close();
          console.log(`axe ${theme} ${scheme} (5 states, violations by impact, summed): ${JSON.stringify(totals)}; incomplete (needs review): ${incomplete}`);
        });
      }

      it('html-validate reports no error', async () => {
        for (const name of [theme, `${theme}-short`]) {
          const errors = await htmlErrors(pages[name]);
          console.log(`html-validate ${name}: ${errors.length} errors`);
          expect(errors).toEqual([]);
        }
      });

      it('takes desktop (1280) and mobile (390) screenshots, and never scrolls sideways', async () => {
        for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['mobile', { width: 390, height: 844 }]] as const) {
          const { page } = await open(env.browser, url(theme));
          await page.setViewportSize(viewport);
          const file = path.join(shots, `${theme}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(statSync(file).size).toBeGreaterThan(0);
          expect(readFileSync(file).subarray(0, 8).equals(PNG)).toBe(true);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${theme} ${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
          await page.close();
        }
      });
    });
  }

  describe('the same checks fail on pages broken on purpose', () => {
    it('an external image: the request check reports its URL', async () => {
      addPage('broken-request', pages.default.replace('</body>', '<img src="http://127.0.0.1:9/x.png" alt=""></body>'));
      for (const u of [url('broken-request'), `file://${path.join(tmp, 'broken-request.html')}`]) {
        const { page, requests } = await open(env.browser, u);
        expect(requests, u).toEqual(['http://127.0.0.1:9/x.png']);
        await page.close();
      }
    });

    it('toggles without name and without the script: two stay open in one entry', async () => {
      const html = withoutScript(pages.default).replaceAll('name="', 'data-name="');
      expect(html).not.toMatch(/<details[^>]* name=/);
      addPage('broken-toggles', html);
      const { page } = await open(env.browser, url('broken-toggles'));
      const problems = await toggleProblems(page, 'pub-he2021eigengan');
      expect(problems).toContain('pub-he2021eigengan: after opening BibTeX, open: [abstract,bibtex] (want [bibtex])');
      // the clicks above end with both open
      expect(await entriesWithTwoOpen(page)).toEqual(['pub-he2021eigengan']);
      await page.close();
    });

    it('without the script: nothing is copied, "and K more" never appears, the dark-mode button does nothing', async () => {
      addPage('broken-noscript', withoutScript(pages['default-short']));
      const { page } = await open(env.browser, url('broken-noscript'));
      expect((await copyProblems(page, 'pub-he2019attgan')).problems).toEqual(['pub-he2019attgan: nothing was copied', 'pub-he2019attgan: copied text is not the entry\'s BibTeX']);
      expect(await moreAuthorsProblems(page, 'pub-he2019attgan', 3, ['Xilin Chen'])).toEqual(['pub-he2019attgan: no visible "and K more" button']);
      await page.close();
      expect(await darkModeProblems(env.browser, url('broken-noscript'))).toContain('after clicking ◐: theme is null (want "dark")');
    });

    it('copied BibTeX with a custom field is reported', async () => {
      // the shown BibTeX (and so the copy) gains a thumbnail line
      addPage('broken-bibtex', pages.default.replace('  pages = {5464--5478},\n', '  pages = {5464--5478},\n  thumbnail = {thumbnails/attgan.jpg},\n'));
      expect(pages['broken-bibtex']).not.toBe(pages.default);
      const { page } = await open(env.browser, url('broken-bibtex'));
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
        const { page } = await open(env.browser, url('broken-a11y'));
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
});
