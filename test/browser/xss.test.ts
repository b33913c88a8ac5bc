import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { fakeGitHub, behaviours, type FakeGitHub } from '../fake-github.js';
import { hasChromium, launch } from './harness.js';
import { open } from './checks.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/hostile');

describe.skipIf(!hasChromium)('the XSS corpus in Chromium: no dialog, no injected script, no request', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  let github: FakeGitHub;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-xss-'));
  beforeAll(async () => {
    cpSync(FIXTURE, dir, { recursive: true });
    // the fake API answers with a hostile "count"; it must never reach the page
    github = await fakeGitHub({}, { 'evil/repo': behaviours.body('{"stargazers_count":"<img src=x onerror=alert(20)>"}') });
    env = await launch();
  });
  afterAll(async () => {
    await env?.close();
    await github?.close();
  });

  for (const theme of ['default', 'minimal', 'cards']) {
    it(theme, async () => {
      const r = await build({ cwd: dir, theme, out: `${theme}.html`, githubApi: github.url, netBudgetMs: 5000 });
      expect(r.errors).toBe(0);
      const html = readFileSync(r.outFile!, 'utf8');
      expect(html).not.toMatch(/<img src=x/); // as text it may appear, escaped; as a tag never
      const dialogs: string[] = [];
      const url = `file://${r.outFile}`;
      const { page, requests, errors } = await open(env.browser, url);
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      // open every toggle and hover every link, where handlers would fire
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      for (const a of await page.locator('a').all()) await a.hover({ timeout: 1000 }).catch(() => {});
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      const scripts = await page.evaluate(() => Array.from(document.scripts).map((s) => s.type || 'js'));
      expect(scripts).toEqual(['js', 'application/ld+json', 'js']);
      await page.close();
    });
  }

  it('the check catches a script that does run (a page with an injected handler)', async () => {
    const { writeFileSync } = await import('node:fs');
    const bad = path.join(dir, 'bad.html');
    writeFileSync(bad, readFileSync(path.join(dir, 'default.html'), 'utf8').replace('</main>', '<img src="data:," onerror="alert(1)" alt=""></main>'));
    const page = await env.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${bad}`);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual(['1']);
    await page.close();
  });
});
