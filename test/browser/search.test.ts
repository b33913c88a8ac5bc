import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';

const ROOT = path.join(import.meta.dirname, '../..');

describe.skipIf(!hasChromium)('in-page search (profile: search: true), in every theme', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-search-'));
  beforeAll(async () => {
    cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
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

  it('there is no search box unless the profile asks', async () => {
    const r = await build({ bib: path.join(ROOT, 'data/example/refs.bib'), cwd: ROOT, out: path.join(dir, 'plain.html'), offline: true });
    expect(readFileSync(r.outFile!, 'utf8')).not.toContain('id="pub-search-input"');
  });
});
