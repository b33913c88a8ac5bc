import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { CHROMIUM, hasChromium } from './harness.js';
import { fakeScholar, type FakeScholar } from '../fake-scholar.js';

describe.skipIf(!hasChromium)('the citations badge in Chromium', () => {
  let browser: Browser;
  let oa: FakeScholar;
  let s2: FakeScholar;
  const pages: Record<string, string> = {};
  beforeAll(async () => {
    oa = await fakeScholar('openalex', { 'doi:10.5555/one': 1234 });
    s2 = await fakeScholar('semantic-scholar', { 'arxiv:2101.00001': 7 });
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-cite-browser-'));
    writeFileSync(path.join(dir, 'refs.bib'), [
      '@article{one, title = {One}, author = {Doe, Jane}, journal = {J}, year = {2021}, doi = {10.5555/one}}',
      '@misc{two, title = {Two}, author = {Doe, Jane}, year = {2020}, arxiv = {2101.00001}}',
      '@misc{three, title = {Three}, author = {Doe, Jane}, year = {2019}, doi = {10.5555/one}, citations = {false}}',
      '@misc{four, title = {Four}, author = {Doe, Jane}, year = {2018}}',
    ].join('\n'));
    // "one" is shown twice (Selected and All): the header counts it once.
    writeFileSync(path.join(dir, 'profile.yaml'), [
      'name: Jane Doe', 'bibliography: refs.bib', 'citations:', '  totals: true',
      'sections:', '  - title: Selected', '    publications: { keys: [one] }', '  - title: All', '    publications: all', '',
    ].join('\n'));
    for (const theme of ['default', 'cards', 'minimal']) {
      const out = path.join(dir, `${theme}.html`);
      const r = await build({ cwd: dir, out, theme, openalexApi: oa.url, semanticScholarApi: s2.url, netTimeoutMs: 2000, netBudgetMs: 5000 });
      expect(r.diagnostics).toEqual([]);
      pages[theme] = `file://${out}`;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await oa?.close();
    await s2?.close();
  });

  it.each(['default', 'cards', 'minimal'])('%s: "Cited by N" is shown, and its title names the source and date; the header totals too', async (theme) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pages[theme]);
    const seen = await page.$$eval('.citations', (els) => els.map((e) => {
      const box = e.getBoundingClientRect();
      const pub = e.closest('[data-key]')?.getAttribute('data-key');
      return { pub, text: (e as HTMLElement).innerText, title: e.getAttribute('title'), visible: box.width > 0 && box.height > 0 };
    }));
    const totals = await page.$$eval('.citation-totals', (els) => els.map((e) => {
      const box = e.getBoundingClientRect();
      return { inHeader: !!e.closest('header'), text: (e as HTMLElement).innerText, title: e.getAttribute('title'), visible: box.width > 0 && box.height > 0 };
    }));
    await context.close();
    const today = new Date().toISOString().slice(0, 10);
    expect(seen).toEqual([
      { pub: 'one', text: 'Cited by 1,234', title: `OpenAlex, ${today}`, visible: true },
      { pub: 'one', text: 'Cited by 1,234', title: `OpenAlex, ${today}`, visible: true },
      { pub: 'two', text: 'Cited by 7', title: `Semantic Scholar, ${today}`, visible: true },
    ]);
    expect(totals).toEqual([
      { inHeader: true, text: 'Citations 1,241 · h-index 2', title: `OpenAlex and Semantic Scholar, fetched ${today}; 2 of 3 entries found`, visible: true },
    ]);
  });
});
