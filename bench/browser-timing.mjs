// What a visitor waits for, measured in headless Chromium (the browser tests' /usr/bin/chromium):
// the load event and first contentful paint from the page's own timing entries, DOM size, and, on
// a page with the search box, the time to filter and to clear the filter up to the next frame.
// Pages are opened from file://, in turns, round by round (this machine's speed drifts by up to 40%
// within minutes: in turns the drift weighs on each page alike). Used by bench/page-weight.mjs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.SCHOLAR_PAGE_CHROMIUM ?? '/usr/bin/chromium';

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

/** In the page: a word of the first entry's search text, for a filter that leaves a few entries. */
async function measureInPage() {
  const nav = performance.getEntriesByType('navigation')[0];
  // A small page's load event can come before its first paint is recorded.
  for (let i = 0; i < 50 && !performance.getEntriesByName('first-contentful-paint')[0]; i++) await new Promise((r) => setTimeout(r, 20));
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  let nodes = 0;
  for (const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); w.nextNode(); ) nodes++;
  const first = document.querySelector('[data-search]');
  return {
    loadMs: nav ? nav.loadEventEnd : NaN,
    fcpMs: fcp ? fcp.startTime : NaN,
    elements: document.getElementsByTagName('*').length,
    nodes,
    query: first ? (first.getAttribute('data-search').split(' ').find((w) => w.length > 6) ?? '') : '',
  };
}

/** In the page: time from an input event to the frame after it, for `value` typed into the search box. */
async function typeInPage(value) {
  const input = document.getElementById('pub-search-input');
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  await frame();
  const t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await frame();
  return { ms: performance.now() - t0, shown: document.querySelectorAll('[data-search]:not([hidden])').length };
}

/**
 * In the page: scrolls `step` CSS pixels a frame for `frames` frames from `from` (a fraction of the
 * page's height), and gives the frames' lengths: the median, and how many took over 50 ms (a frame
 * takes 16.7 ms when nothing holds it up). A page whose layout is done lazily pays as it scrolls.
 */
async function scrollInPage([from, step, frames]) {
  window.scrollTo(0, from * document.documentElement.scrollHeight);
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  await frame();
  await frame();
  const lengths = [];
  let last = await frame();
  for (let i = 0; i < frames; i++) {
    window.scrollBy(0, step);
    const t = await frame();
    lengths.push(t - last);
    last = t;
  }
  lengths.sort((a, b) => a - b);
  return { frameMs: lengths[Math.floor(lengths.length / 2)], longFrames: lengths.filter((x) => x > 50).length, frames };
}

/**
 * Medians over `runs` rounds for each of `pages` ({label, file}); a page with a search box is also
 * filtered (one word of its first entry) and cleared. Returns undefined without Chromium.
 */
export async function browserTimings(pages, runs = 5) {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'sp-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const seen = pages.map(() => ({ loadMs: [], fcpMs: [], filterMs: [], clearMs: [], frameMs: [], longFrames: [] }));
  const last = [];
  try {
    for (let round = 0; round < runs; round++) {
      for (const [i, p] of pages.entries()) {
        const page = await context.newPage();
        await page.goto(pathToFileURL(p.file).href, { waitUntil: 'load', timeout: 300_000 });
        const m = await page.evaluate(measureInPage);
        seen[i].loadMs.push(m.loadMs);
        seen[i].fcpMs.push(m.fcpMs);
        if (m.query && (await page.locator('#pub-search-input').count())) {
          const filtered = await page.evaluate(typeInPage, m.query);
          const cleared = await page.evaluate(typeInPage, '');
          seen[i].filterMs.push(filtered.ms);
          seen[i].clearMs.push(cleared.ms);
          m.filtered = filtered.shown;
        }
        // Scrolling: 150 frames of 100 px from 30% of the page down (15,000 px, a brisk wheel).
        const scroll = await page.evaluate(scrollInPage, [0.3, 100, 150]);
        seen[i].frameMs.push(scroll.frameMs);
        seen[i].longFrames.push(scroll.longFrames);
        last[i] = m;
        await page.close();
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return pages.map((p, i) => ({
    label: p.label,
    loadMs: median(seen[i].loadMs),
    fcpMs: median(seen[i].fcpMs),
    filterMs: median(seen[i].filterMs),
    clearMs: median(seen[i].clearMs),
    frameMs: median(seen[i].frameMs),
    longFrames: median(seen[i].longFrames),
    elements: last[i].elements,
    nodes: last[i].nodes,
    query: last[i].query,
    filtered: last[i].filtered,
  }));
}
