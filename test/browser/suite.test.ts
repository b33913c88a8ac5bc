import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';
import { axeViolations, clickToggles, entriesWithTwoOpen, htmlErrors, open } from './checks.js';

const ROOT = path.join(import.meta.dirname, '../..');
const THEMES = ['default', 'minimal', 'cards'];

describe.skipIf(!hasChromium)('the example in real Chromium, every built-in theme', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  let server: Server;
  let base = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-suite-'));
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    // the example, with a short author limit so "and K more" appears
    cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
    writeFileSync(path.join(dir, 'profile.yaml'), `${readFileSync(path.join(dir, 'profile.yaml'), 'utf8')}\nmax_authors: 2\n`);
    for (const theme of THEMES) {
      const r = await build({ cwd: dir, theme, out: `${theme}.html`, offline: true });
      expect(r.errors).toBe(0);
      pages[theme] = readFileSync(r.outFile!, 'utf8');
    }
    // served over http on 127.0.0.1, so the clipboard permission has an origin to apply to
    server = createServer((req, res) => {
      const name = (req.url ?? '/').slice(1);
      res.writeHead(name in pages || name.endsWith('.html') ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages[name.replace(/\.html$/, '')] ?? extra[name] ?? '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    env = await launch();
    await env.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  });
  afterAll(async () => {
    await env?.close();
    server?.close();
  });
  const extra: Record<string, string> = {};

  for (const theme of THEMES) {
    describe(theme, () => {
      it('makes no request beyond the document and logs no error', async () => {
        const { page, requests, errors } = await open(env.browser, `${base}/${theme}.html`);
        expect(requests).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });

      it('opens Abstract and BibTeX one at a time per entry, and closes them', async () => {
        const { page } = await open(env.browser, `${base}/${theme}.html`);
        expect(await clickToggles(page, 'pub-he2021eigengan')).toEqual([['toggle toggle-abstract'], ['toggle toggle-bibtex'], []]);
        expect(await entriesWithTwoOpen(page)).toEqual([]);
        await page.close();
      });

      it('Copy BibTeX puts the clean BibTeX on the clipboard', async () => {
        const { page } = await open(env.browser, `${base}/${theme}.html`);
        const entry = page.locator('[id="pub-he2019attgan"]');
        await entry.locator('.toggle-bibtex > summary').click();
        await entry.locator('.copy-bibtex').click();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(await entry.locator('.bibtex').textContent());
        expect(copied).toMatch(/^@article\{he2019attgan,\n  title = \{\{AttGAN\}: Facial Attribute Editing/);
        expect(copied).not.toMatch(/thumbnail|selected|links|repo|abstract/);
        await page.close();
      });

      it('"and K more" expands the author list', async () => {
        const { page } = await open(env.browser, `${base}/${theme}.html`);
        const entry = page.locator('[id="pub-he2019attgan"]');
        const more = entry.locator('.more-authors');
        expect(await more.isVisible()).toBe(true);
        expect(await more.textContent()).toBe('and 3 more');
        expect(await entry.getByText('Xilin Chen').isVisible()).toBe(false);
        await more.click();
        expect(await entry.getByText('Xilin Chen').isVisible()).toBe(true);
        expect(await more.isVisible()).toBe(false);
        expect(await more.getAttribute('aria-expanded')).toBe('true');
        await page.close();
      });

      it('follows the system colour scheme, and the dark-mode toggle works and is remembered', async () => {
        const { page } = await open(env.browser, `${base}/${theme}.html`);
        const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const light = await bg();
        await page.locator('.theme-toggle').click();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
        expect(await page.evaluate(() => localStorage.getItem('scholar-page-theme'))).toBe('dark');
        const dark = await bg();
        expect(dark).not.toBe(light);
        await page.reload();
        expect(await bg()).toBe(dark);
        await page.locator('.theme-toggle').click(); // back to light for the next tests
        await page.close();
        const sys = await env.browser.newPage();
        await sys.emulateMedia({ colorScheme: 'dark' });
        await sys.goto(`${base}/${theme}.html`);
        await sys.evaluate(() => localStorage.removeItem('scholar-page-theme'));
        await sys.reload();
        expect(await sys.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark);
        await sys.close();
      });

      it('axe-core finds no serious or critical violation, in light and dark', async () => {
        for (const scheme of ['light', 'dark'] as const) {
          const page = await env.browser.newPage();
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(`${base}/${theme}.html`);
          const { serious, counts } = await axeViolations(page);
          console.log(`axe ${theme} ${scheme}: ${JSON.stringify(counts)}`);
          expect(serious).toEqual([]);
          await page.close();
        }
      });

      it('html-validate reports no error', async () => {
        const errors = await htmlErrors(pages[theme]);
        console.log(`html-validate ${theme}: ${errors.length} errors`);
        expect(errors).toEqual([]);
      });

      it('takes desktop and mobile screenshots', async () => {
        for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['mobile', { width: 390, height: 844 }]] as const) {
          const page = await env.browser.newPage();
          await page.setViewportSize(viewport);
          await page.goto(`${base}/${theme}.html`);
          const file = path.join(dir, `${theme}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(statSync(file).size).toBeGreaterThan(10_000);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${theme} ${name} scrolls sideways`).toBeLessThanOrEqual(0);
          await page.close();
        }
      });
    });
  }

  describe('the checks fail on purpose-broken pages', () => {
    it('an external image is caught by the request check', async () => {
      extra['broken-img.html'] = pages.default.replace('</body>', '<img src="http://127.0.0.1:9/x.png" alt=""></body>');
      const { page, requests } = await open(env.browser, `${base}/broken-img.html`);
      expect(requests).toEqual(['http://127.0.0.1:9/x.png']);
      await page.close();
    });

    it('broken toggles (no name, no script) let two open at once', async () => {
      extra['broken-toggles.html'] = pages.default.replace(/<details class="toggle ([^"]+)" name=/g, '<details class="toggle $1" data-name=').replace(/<script>\(function \(\) \{[\s\S]*?\}\)\(\);\s*<\/script>/, '<script></script>');
      const { page } = await open(env.browser, `${base}/broken-toggles.html`);
      const states = await clickToggles(page, 'pub-he2021eigengan');
      expect(states[1]).toEqual(['toggle toggle-abstract', 'toggle toggle-bibtex']); // both open after the second click
      await page.locator('[id="pub-he2021eigengan"] .toggle-bibtex > summary').click();
      expect(await entriesWithTwoOpen(page)).toEqual(['pub-he2021eigengan']);
      await page.close();
    });

    it('an image without alt and low-contrast text are caught by axe', async () => {
      extra['broken-a11y.html'] = pages.default.replace('</main>', '<p style="color:#eee;background:#fff">faint</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"></main>');
      const page = await env.browser.newPage();
      await page.goto(`${base}/broken-a11y.html`);
      const { serious } = await axeViolations(page);
      expect(serious).toEqual(expect.arrayContaining(['image-alt (critical)', 'color-contrast (serious)']));
      await page.close();
    });

    it('an unclosed element and a duplicate id are caught by html-validate', async () => {
      const errors = await htmlErrors(pages.default.replace('</main>', '<div id="main"><span></main>'));
      expect(errors.some((e) => e.startsWith('no-dup-id'))).toBe(true);
      expect(errors.length).toBeGreaterThan(1);
    });
  });
});
