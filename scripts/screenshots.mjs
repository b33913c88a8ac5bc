// Screenshots of the example in every built-in theme, desktop and mobile, with Debian's Chromium
// driven by playwright-core (the browser tests' set-up). Writes docs/screenshots/THEME-{desktop,mobile}.png.
// Usage: npm run build && node scripts/screenshots.mjs
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from '../dist-lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs/screenshots');
mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'sp-shots-'));
const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
  executablePath: process.env.SCHOLAR_PAGE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const theme of ['default', 'minimal', 'cards']) {
    const r = await build({ bib: path.join(ROOT, 'data/example/refs.bib'), cwd: ROOT, theme, out: path.join(work, `${theme}.html`), offline: true, cacheDir: path.join(work, 'cache') });
    if (!r.outFile) throw new Error(`${theme}: build failed`);
    for (const [name, viewport] of [['desktop', { width: 1280, height: 1100 }], ['mobile', { width: 390, height: 844 }]]) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`file://${r.outFile}`);
      await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
      await page.close();
      console.log(`docs/screenshots/${theme}-${name}.png`);
    }
  }
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}
