/**
 * Small checks for a built page in Chromium. Each returns what is wrong (an empty list when all is
 * well), so the same function that passes on the real pages can be shown to fail on broken ones.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';
import type { BrowserContext, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const THEME_KEY = 'scholar-page-theme';

/** Opens a page, recording every request beyond the document (aborted), and console and page errors. */
export async function open(context: BrowserContext, url: string, colorScheme: 'light' | 'dark' = 'light') {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  const requests: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, requests, errors };
}

/** Lets queued tasks (toggle events, clipboard promises) run. */
const settle = (page: Page) => page.waitForTimeout(50);

/** Opens every toggle, expands every author list and scrolls through the page: anything lazy would load now. */
export async function exercise(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.more-authors'))) if (!b.hidden) b.click();
    window.scrollTo(0, document.body.scrollHeight);
  });
  await settle(page);
}

const openToggles = (page: Page, id: string) =>
  page.locator(`[id="${id}"]`).evaluate((el) => Array.from(el.querySelectorAll('details[open]')).map((d) => (d.className.match(/toggle-(\w+)/) ?? [])[1] ?? d.className));

/**
 * Abstract and BibTeX of entry `id` open and close, one at a time: abstract → bibtex (abstract closes)
 * → abstract again → closed. With `otherId`, a toggle of another entry stays open meanwhile.
 */
export async function toggleProblems(page: Page, id: string, otherId?: string): Promise<string[]> {
  const problems: string[] = [];
  const entry = page.locator(`[id="${id}"]`);
  const click = async (which: 'abstract' | 'bibtex', where = entry) => {
    await where.locator(`.toggle-${which} > summary`).click();
    await settle(page);
  };
  const want = async (step: string, expected: string[]) => {
    const got = await openToggles(page, id);
    if (got.join() !== expected.join()) problems.push(`${id}: after ${step}, open: [${got}] (want [${expected}])`);
  };
  if (otherId) await click('bibtex', page.locator(`[id="${otherId}"]`));
  await want('loading', []);
  await click('abstract');
  await want('opening Abstract', ['abstract']);
  await click('bibtex');
  await want('opening BibTeX', ['bibtex']);
  await click('abstract');
  await want('opening Abstract again', ['abstract']);
  await click('abstract');
  await want('closing Abstract', []);
  if (otherId) {
    const other = await openToggles(page, otherId);
    if (other.join() !== 'bibtex') problems.push(`${otherId}: its BibTeX was closed by toggles of ${id} (open: [${other}])`);
    await click('bibtex', page.locator(`[id="${otherId}"]`));
  }
  return problems;
}

/** Entries (ids) with more than one toggle open. */
export async function entriesWithTwoOpen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-key]'))
      .filter((el) => el.querySelectorAll('details[open]').length > 1)
      .map((el) => el.id),
  );
}

/** Custom fields that must never reach the copied BibTeX. */
const CUSTOM_FIELDS = /^\s*(thumbnail|preview|selected|links|repo|stars|award|award_name|abbr|pdf|paper|project|website|video|code|abstract|keywords)\s*=/m;

/**
 * "Copy BibTeX" of entry `id` (clicked inside its opened BibTeX toggle) puts exactly the shown
 * `<pre class="bibtex">` text on the clipboard, with no custom field. The clipboard is emptied first,
 * so text left by an earlier copy cannot pass for this one. Needs clipboard-read/-write.
 */
export async function copyProblems(page: Page, id: string): Promise<{ problems: string[]; copied: string }> {
  const problems: string[] = [];
  const entry = page.locator(`[id="${id}"]`);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  if ((await entry.locator('.toggle-bibtex').getAttribute('open')) === null) await entry.locator('.toggle-bibtex > summary').click();
  const button = entry.locator('.toggle-bibtex .copy-bibtex');
  if (!(await button.isVisible())) {
    // The script makes the button: without it there is nothing to press (and nothing copied).
    problems.push(`${id}: no visible Copy BibTeX button in the opened BibTeX toggle`);
    return { problems, copied: '' };
  }
  const buttons = await entry.locator('.copy-bibtex').count();
  if (buttons > 1) problems.push(`${id}: ${buttons} Copy BibTeX buttons (the script made one more than once)`);
  await button.click();
  let copied = '';
  for (let i = 0; i < 200 && copied === ''; i++) { // up to 10 s: a busy machine may be slow to get there
    await settle(page);
    copied = await page.evaluate(() => navigator.clipboard.readText());
  }
  const shown = (await entry.locator('pre.bibtex').textContent()) ?? '';
  if (copied === '') problems.push(`${id}: nothing was copied`);
  else if (copied !== shown) problems.push(`${id}: copied text differs from the shown BibTeX:\n${copied}\n---\n${shown}`);
  if (!copied.startsWith('@') || !copied.includes(`{${id.replace(/^pub-/, '')},`)) problems.push(`${id}: copied text is not the entry's BibTeX`);
  const custom = CUSTOM_FIELDS.exec(copied);
  if (custom) problems.push(`${id}: copied BibTeX contains the custom field "${custom[1]}"`);
  return { problems, copied };
}

/**
 * Entry `id` shows "and K more" (`k`) with `hidden` (author names) not visible; clicking shows them,
 * sets aria-expanded="true" and hides the button.
 */
export async function moreAuthorsProblems(page: Page, id: string, k: number, hidden: string[]): Promise<string[]> {
  const problems: string[] = [];
  const entry = page.locator(`[id="${id}"]`);
  const more = entry.locator('.more-authors');
  const visible = async (name: string) => entry.locator('.pub-authors').getByText(name).first().isVisible();
  if (!(await more.isVisible())) return [`${id}: no visible "and K more" button`];
  const text = (await more.textContent())?.trim();
  if (text !== `and ${k} more`) problems.push(`${id}: button reads "${text}" (want "and ${k} more")`);
  if ((await more.getAttribute('aria-expanded')) !== 'false') problems.push(`${id}: aria-expanded is not "false" before the click`);
  for (const name of hidden) if (await visible(name)) problems.push(`${id}: ${name} is visible before the click`);
  await more.click();
  for (const name of hidden) if (!(await visible(name))) problems.push(`${id}: ${name} is still hidden after the click`);
  if ((await more.getAttribute('aria-expanded')) !== 'true') problems.push(`${id}: aria-expanded is not "true" after the click`);
  if (await more.isVisible()) problems.push(`${id}: the button is still visible after the click`);
  return problems;
}

/** The page's background: body's, else the root's; null when both are transparent. */
export async function background(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (const el of [document.body, document.documentElement]) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
    }
    return null;
  });
}

/** A colour (as computed: rgb()/rgba()) is dark when its relative luminance is below 0.2. */
export function isDark(color: string | null): boolean {
  const m = color && /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) throw new Error(`cannot read the colour ${color}`);
  const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [m[1], m[2], m[3]].map(Number).map(lin);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2;
}

/**
 * The dark-mode button: with a light system scheme the page starts light; a click makes it dark
 * (data-theme, localStorage, aria-pressed, a dark background); a reload keeps it dark; a second click
 * goes back. With a dark system scheme and no stored pick, the page starts dark.
 * Leaves no stored pick behind.
 */
export async function darkModeProblems(context: BrowserContext, url: string): Promise<string[]> {
  const problems: string[] = [];
  const state = async (page: Page) => ({
    ...(await page.evaluate((key) => ({
      theme: document.documentElement.dataset.theme ?? null,
      stored: localStorage.getItem(key),
      pressed: document.querySelector('.theme-toggle')?.getAttribute('aria-pressed') ?? null,
    }), THEME_KEY)),
    dark: isDark(await background(page)),
  });
  const want = (step: string, got: object, expected: object) => {
    for (const [k, v] of Object.entries(expected)) {
      const g = (got as Record<string, unknown>)[k];
      if (g !== v) problems.push(`after ${step}: ${k} is ${JSON.stringify(g)} (want ${JSON.stringify(v)})`);
    }
  };

  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(url);
  await page.evaluate((key) => localStorage.removeItem(key), THEME_KEY);
  await page.reload();
  want('loading (light system)', await state(page), { theme: null, stored: null, dark: false, pressed: 'false' });
  await page.locator('.theme-toggle').click();
  want('clicking ◐', await state(page), { theme: 'dark', stored: 'dark', dark: true, pressed: 'true' });
  await page.reload();
  want('reloading', await state(page), { theme: 'dark', stored: 'dark', dark: true, pressed: 'true' });
  await page.locator('.theme-toggle').click();
  want('clicking ◐ again', await state(page), { theme: 'light', stored: 'light', dark: false, pressed: 'false' });
  await page.evaluate((key) => localStorage.removeItem(key), THEME_KEY);
  await page.close();

  const sys = await context.newPage();
  await sys.emulateMedia({ colorScheme: 'dark' });
  await sys.goto(url);
  want('loading (dark system)', await state(sys), { theme: null, stored: null, dark: true, pressed: 'true' });
  await sys.close();
  return problems;
}

/** axe-core on the page as it is now: every violation counted by impact, and the serious/critical ones. */
export async function axeCheck(page: Page): Promise<{ serious: string[]; counts: Record<string, number>; incomplete: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as {
    violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[];
    incomplete: unknown[];
  };
  const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of result.violations) counts[v.impact] = (counts[v.impact] ?? 0) + 1;
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  return { serious, counts, incomplete: result.incomplete.length };
}

/** Rule ids of the serious/critical violations, for comparisons. */
export const ruleIds = (serious: string[]) => serious.map((s) => s.replace(/:.*$/s, ''));

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The templates indent block helpers ({{#if}}, {{#each}}) inside <section>; a block that renders
    // nothing leaves its indentation on an otherwise empty line. Invisible, not markup, and stripping
    // it would mean littering every template with whitespace-control marks ({{~ ~}}).
    'no-trailing-whitespace': 'off',
  },
});

/** html-validate errors (severity 2), as "rule: message (line:col)". */
export async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`));
}

/** The page without its main script (the last <script> of the body). */
export function withoutScript(html: string): string {
  const start = html.lastIndexOf('<script>');
  const end = html.indexOf('</script>', start) + '</script>'.length;
  if (start < 0 || !html.slice(start, end).includes('copy-bibtex')) throw new Error('the page script was not found');
  return html.slice(0, start) + html.slice(end);
}
