import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { hasChromium, launch } from './harness.js';

const ROOT = path.join(import.meta.dirname, '../..');

describe.skipIf(!hasChromium)('the example page in Chromium', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  let pageUrl: string;
  const outDir = mkdtempSync(path.join(tmpdir(), 'sp-browser-'));

  beforeAll(async () => {
    const r = await build({ bib: path.join(ROOT, 'data/example/refs.bib'), out: path.join(outDir, 'index.html'), cwd: ROOT });
    pageUrl = `file://${r.outFile}`;
    env = await launch();
  });
  afterAll(async () => env?.close());

  /** Opens a page, recording every request beyond the document and every console error. */
  async function open(url: string) {
    const page = await env.browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() !== url) requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForLoadState('load');
    return { page, requests, errors };
  }

  it('makes no network request beyond the document, and logs no error', async () => {
    const { page, requests, errors } = await open(pageUrl);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('notices a page that does fetch something (the check can fail)', async () => {
    const bad = path.join(outDir, 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/x.png" alt="">');
    const { page, requests } = await open(`file://${bad}`);
    expect(requests).toEqual(['http://127.0.0.1:9/x.png']);
    await page.close();
  });

  it('opens Abstract and BibTeX one at a time per entry', async () => {
    const { page } = await open(pageUrl);
    const entry = page.locator('#pub-he2021eigengan');
    await entry.locator('.toggle-abstract summary').click();
    expect(await entry.locator('.toggle-abstract').getAttribute('open')).not.toBeNull();
    await entry.locator('.toggle-bibtex summary').click();
    expect(await entry.locator('.toggle-bibtex').getAttribute('open')).not.toBeNull();
    expect(await entry.locator('.toggle-abstract').getAttribute('open')).toBeNull();
    await entry.locator('.toggle-bibtex summary').click();
    expect(await entry.locator('details[open]').count()).toBe(0);
    await page.close();
  });

  it('reserves each image its box before it decodes, and encodes twice its CSS pixels at desktop width', async () => {
    const { page } = await open(pageUrl);
    await page.setViewportSize({ width: 1280, height: 800 });
    const images = await page.evaluate(() =>
      Array.from(document.images).map((i) => ({
        what: i.className || i.alt, width: Number(i.getAttribute('width')), height: Number(i.getAttribute('height')),
        naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight, cssWidth: i.getBoundingClientRect().width,
      })),
    );
    expect(images).toHaveLength(10); // nine thumbnails and the avatar
    for (const i of images) {
      // The attributes give the box before the image decodes: the same shape as the image.
      expect(i.width / i.height, i.what).toBeCloseTo(i.naturalWidth / i.naturalHeight, 2);
      // At 2× density (a laptop's screen) each CSS pixel has its own two image pixels.
      expect(i.naturalWidth, i.what).toBeGreaterThanOrEqual(2 * i.cssWidth - 4);
    }
    await page.close();
  });
});
