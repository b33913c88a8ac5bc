import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';
import type { BrowserContext, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Opens a page, recording every request beyond the document, and console and page errors. */
export async function open(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, requests, errors };
}

/** Serious and critical axe-core violations, as "rule-id (impact)". */
export async function axeViolations(page: Page): Promise<{ serious: string[]; counts: Record<string, number> }> {
  await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as {
    violations: { id: string; impact: string }[];
  };
  const counts: Record<string, number> = {};
  for (const v of result.violations) counts[v.impact] = (counts[v.impact] ?? 0) + 1;
  return { serious: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact})`), counts };
}

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // a generated single file: inline styles and scripts are the point, there is nothing to integrity-check
    'no-inline-style': 'off',
    'require-sri': 'off',
    // long titles and abstracts are content, not markup
    'long-title': 'off',
    // indentation left by template blocks that render nothing; invisible, and not markup
    'no-trailing-whitespace': 'off',
  },
});

/** html-validate errors, as "rule: message (line:col)". */
export async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`));
}

/** Entries (ids) that have more than one toggle open. */
export async function entriesWithTwoOpen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-search]'))
      .filter((el) => el.querySelectorAll('details[open]').length > 1)
      .map((el) => el.id),
  );
}

/** Opens Abstract then BibTeX of one entry, by clicking, and returns what is open after each click. */
export async function clickToggles(page: Page, id: string): Promise<string[][]> {
  const entry = page.locator(`[id="${id}"]`);
  const openOnes = () => entry.evaluate((el) => Array.from(el.querySelectorAll('details[open]')).map((d) => d.className));
  const states: string[][] = [];
  await entry.locator('.toggle-abstract > summary').click();
  states.push(await openOnes());
  await entry.locator('.toggle-bibtex > summary').click();
  states.push(await openOnes());
  await entry.locator('.toggle-bibtex > summary').click();
  states.push(await openOnes());
  return states;
}
