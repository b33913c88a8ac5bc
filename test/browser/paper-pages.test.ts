import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';
import { axeCheck } from './checks.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/paper-pages');

describe.skipIf(!hasChromium)('paper pages in Chromium, in every theme', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  const site = mkdtempSync(path.join(tmpdir(), 'sp-papers-browser-'));
  beforeAll(async () => {
    cpSync(FIXTURE, site, { recursive: true });
    env = await launch();
  });
  afterAll(async () => env?.close());

  for (const theme of ['default', 'cards', 'minimal']) {
    it(`${theme}: "Details" opens the entry's page, which renders it with the theme's CSS, and links back`, async () => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-papers-browser-out-')), 'index.html');
      const r = await build({ cwd: site, out, theme, offline: true, paperPages: true });
      expect(r.diagnostics).toEqual([]);
      const page = await env.browser.newPage();
      const errors: string[] = [];
      const elsewhere: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      // Only the two pages are files; anything else a page asked for would be a request out.
      page.on('request', (req) => !req.url().startsWith('file://') && elsewhere.push(req.url()));
      await page.goto(`file://${out}`);
      await page.locator('[id="pub-smith2020"] a.pub-page-link').click();
      await page.waitForURL(/\/papers\/smith2020\.html$/);
      const h1 = page.locator('h1.paper-title');
      expect(await h1.textContent()).toBe('Deep Things in BibTeX');
      const seen = await page.evaluate(() => {
        const h = document.querySelector('h1.paper-title')!;
        const box = h.getBoundingClientRect();
        return {
          // 1.6rem from the theme's style.css; a browser's own h1 is 2em (32px)
          fontSize: getComputedStyle(h).fontSize,
          visible: box.width > 0 && box.height > 0,
          authors: document.querySelector('.pub-authors')!.textContent,
          abstract: document.querySelector('.paper-abstract p')?.textContent,
          bibtexShown: (document.querySelector('.paper-bibtex pre') as HTMLElement).offsetHeight > 0,
        };
      });
      expect(seen).toEqual({ fontSize: '25.6px', visible: true, authors: 'Jane Smith, John Doe, Jörg Müller', abstract: 'We study things, and a lot of them.', bibtexShown: true });
      // axe-core finds nothing serious, in light and dark (the theme's variables apply here too).
      expect((await axeCheck(page)).serious).toEqual([]);
      await page.locator('.theme-toggle').click();
      expect((await axeCheck(page)).serious).toEqual([]);
      // The link of its PDF works from papers/ too.
      expect(await page.locator('a.pub-link', { hasText: 'Paper' }).getAttribute('href')).toBe('../assets/pdf/smith.pdf');
      await page.locator('.paper-home a').click();
      await page.waitForURL(/\/index\.html$/);
      expect(await page.locator('[id="pub-smith2020"]').count()).toBe(1);
      expect(errors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await page.close();
    });
  }
});
