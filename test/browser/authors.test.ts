import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/venue-owner');
/** What the reader sees of an element: innerText, with runs of white space as one space. */
const seen = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!hasChromium)('a collapsed author list keeps the owner visible, in every theme', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-authors-'));
  beforeAll(async () => {
    cpSync(FIXTURE, dir, { recursive: true });
    env = await launch();
  });
  afterAll(async () => env?.close());

  for (const theme of ['default', 'minimal', 'cards']) {
    it(`${theme}: "A, B, C, …, Owner, … and K more"; expanded, the whole list in order; printed, too`, async () => {
      const r = await build({ bib: 'refs.bib', profile: 'profile.yaml', cwd: dir, theme, out: `${theme}.html`, offline: true });
      expect(r.errors).toBe(0);
      const page = await env.browser.newPage();
      await page.goto(`file://${r.outFile}`);
      const authors = page.locator('[id="pub-longlist"] .pub-authors');
      expect(seen(await authors.innerText())).toBe('Ann One, Ben Two, Cat Three, …, Alisa Liu, … and 5 more');
      expect(await authors.locator('.owner').isVisible()).toBe(true);
      await authors.locator('.more-authors').click();
      const whole = 'Ann One, Ben Two, Cat Three, Dan Four, Eve Five, Fay Six, Alisa Liu, Gus Seven, Hal Eight';
      expect(seen(await authors.innerText())).toBe(whole);
      expect(await authors.locator('.more-authors').getAttribute('aria-expanded')).toBe('true');
      // Printed, a collapsed list shows whole.
      await page.reload();
      await page.emulateMedia({ media: 'print' });
      expect(seen(await authors.innerText())).toBe(whole);
      // An editor-only work.
      expect(seen(await page.locator('[id="pub-edited"] .pub-authors').innerText())).toBe('Ann One, Ben Two (Eds.)');
      await page.close();
    });
  }
});
