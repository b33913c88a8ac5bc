import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { CHROMIUM, hasChromium } from './harness.js';
import { siteCopy } from '../fixtures/extras/site.js';
import { axeCheck, htmlErrors } from './checks.js';
import { readFileSync } from 'node:fs';

/** What Chromium says of each video preview. */
const videos = (page: Page) =>
  page.$$eval('video.pub-video', (vs) =>
    (vs as HTMLVideoElement[]).map((v) => ({
      readyState: v.readyState, error: v.error?.code ?? null, paused: v.paused, autoplay: v.autoplay,
      muted: v.muted, loop: v.loop, playsInline: v.playsInline, width: v.videoWidth, height: v.videoHeight, time: v.currentTime,
    })),
  );

describe.skipIf(!hasChromium)('video previews and annotations in Chromium', () => {
  let browser: Browser;
  let url = '';
  beforeAll(async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-video-browser-')), 'index.html');
    const r = await build({ cwd: siteCopy(), out, offline: true });
    expect(r.errors).toBe(0);
    url = `file://${out}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  });
  afterAll(async () => browser?.close());

  async function open(options: { reducedMotion: 'reduce' | 'no-preference'; javaScriptEnabled?: boolean }) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    return { page, errors, close: () => context.close() };
  }

  it('decode and play by themselves, muted, looping and inline', async () => {
    const { page, errors, close } = await open({ reducedMotion: 'no-preference' });
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.currentTime > 0.2), undefined, { timeout: 30_000 });
    const seen = await videos(page);
    expect(seen).toHaveLength(2);
    for (const v of seen) {
      expect(v).toMatchObject({ error: null, paused: false, autoplay: true, muted: true, loop: true, playsInline: true, width: 64, height: 48 });
      expect(v.readyState).toBeGreaterThanOrEqual(2);
    }
    expect(errors).toEqual([]);
    await close();
  });

  it('stay still for a reader who asked for reduced motion', async () => {
    const { page, errors, close } = await open({ reducedMotion: 'reduce' });
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.readyState >= 1), undefined, { timeout: 30_000 });
    await page.waitForTimeout(800);
    for (const v of await videos(page)) expect(v).toMatchObject({ error: null, paused: true, autoplay: false, time: 0 });
    expect(errors).toEqual([]);
    await close();
  });

  it('without scripts, load and wait for the play button', async () => {
    const { page, close } = await open({ reducedMotion: 'no-preference', javaScriptEnabled: false });
    await page.waitForTimeout(800);
    const seen = await page.$$eval('video.pub-video', (vs) => (vs as HTMLVideoElement[]).map((v) => ({ controls: v.controls, autoplay: v.hasAttribute('autoplay') })));
    expect(seen).toEqual([{ controls: true, autoplay: false }, { controls: true, autoplay: false }]);
    await close();
  });

  it.each(['default', 'cards', 'minimal'])('pass axe-core (annotations open) and html-validate in the theme "%s"', async (theme) => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sp-video-axe-')), 'index.html');
    expect((await build({ cwd: siteCopy(), out, theme, offline: true })).errors).toBe(0);
    expect(await htmlErrors(readFileSync(out, 'utf8'))).toEqual([]);
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`file://${out}`);
    await page.$$eval('details.annotation', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect((await axeCheck(page)).serious).toEqual([]);
    await context.close();
  }, 120_000);

  it('open an annotation with the keyboard, without scripts', async () => {
    const { page, close } = await open({ reducedMotion: 'reduce', javaScriptEnabled: false });
    const body = page.locator('#pub-annotated .annotation-body');
    expect(await body.isVisible()).toBe(false);
    await page.locator('#pub-annotated .annotation summary').focus();
    await page.keyboard.press('Enter');
    expect(await body.isVisible()).toBe(true);
    expect(await body.innerText()).toBe('Equal contribution with C. Babbage');
    await close();
  });
});
