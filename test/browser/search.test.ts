import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';
import { copyExample } from '../example-site.js';

const ROOT = path.join(import.meta.dirname, '../..');

describe.skipIf(!hasChromium)('in-page search (profile: search: true), in every theme', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-search-'));
  beforeAll(async () => {
    copyExample(dir);
    writeFileSync(path.join(dir, 'profile.yaml'), `${readFileSync(path.join(dir, 'profile.yaml'), 'utf8')}\nsearch: true\n`);
    env = await launch();
  });
  afterAll(async () => env?.close());

  for (const theme of ['default', 'minimal', 'cards']) {
    it(`${theme}: filters by text, year and keyword, ignoring accents and case; clearing shows all`, async () => {
      const r = await build({ cwd: dir, theme, out: `${theme}.html`, offline: true });
      expect(r.errors).toBe(0);
      const page = await env.browser.newPage();
      await page.goto(`file://${r.outFile}`);
      const visible = () => page.locator('[data-search]:visible').count();
      expect(await visible()).toBe(9);
      await page.fill('#pub-search-input', 'GAN 2019');
      expect(await visible()).toBe(2); // AttGAN (TIP 2019) and S2GAN (ICCV 2019)
      expect(await page.locator('.pub-search-status').textContent()).toBe('2 of 9 shown');
      await page.fill('#pub-search-input', 'TUTORIAL');
      expect(await visible()).toBe(1);
      await page.fill('#pub-search-input', 'zhenliang HE wacv');
      expect(await visible()).toBe(1);
      await page.fill('#pub-search-input', 'no such words anywhere');
      expect(await visible()).toBe(0);
      await page.fill('#pub-search-input', '');
      expect(await visible()).toBe(9);
      await page.close();
    });
  }

  for (const theme of ['default', 'minimal', 'cards']) {
    it(`${theme}: a long list filters and clears in runs: a run with no match is hidden`, async () => {
      // 60 entries: runs of 24, 24 and 12; only the last run's entries match "omega".
      const site = mkdtempSync(path.join(tmpdir(), 'sp-search-runs-'));
      const entries = Array.from({ length: 60 }, (_, i) => `@misc{k${i}, title = {${i >= 48 ? 'Omega' : 'Alpha'} work ${i}}, author = {Doe, Jane}, year = 2020}`);
      writeFileSync(path.join(site, 'refs.bib'), entries.join('\n'));
      writeFileSync(path.join(site, 'profile.yaml'), 'name: Jane Doe\nsearch: true\n');
      const r = await build({ cwd: site, bib: 'refs.bib', theme, out: 'index.html', offline: true });
      expect(r.errors).toBe(0);
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`file://${r.outFile}`);
      const runs = () => page.locator('.pub-chunk').evaluateAll((els) => els.map((e) => ((e as HTMLElement).hidden ? 'hidden' : 'shown')));
      expect(await runs()).toEqual(['shown', 'shown', 'shown']);
      await page.fill('#pub-search-input', 'omega');
      expect(await page.locator('[data-search]:visible').count()).toBe(12);
      // A run out of sight keeps the height it last had until it comes near (content-visibility),
      // so runs left with no match are hidden, not left as blank space.
      expect(await runs()).toEqual(['hidden', 'hidden', 'shown']);
      await page.fill('#pub-search-input', '');
      expect(await runs()).toEqual(['shown', 'shown', 'shown']);
      expect(await page.locator('[data-search]:visible').count()).toBe(60);
      await page.close();
    });
  }

  it('there is no search box unless the profile asks', async () => {
    const r = await build({ bib: path.join(ROOT, 'data/example/refs.bib'), cwd: ROOT, out: path.join(dir, 'plain.html'), offline: true });
    expect(readFileSync(r.outFile!, 'utf8')).not.toContain('id="pub-search-input"');
  });
});
