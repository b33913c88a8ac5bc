import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { CSS_NAMED_COLORS } from '../../src/validate/css-named-colors.js';
import { listenLocal } from '../local-server.js';
import { hasChromium, launch } from './harness.js';
import { open } from './checks.js';

/** Venue → colour as written; the expected background is what Chromium computes for it (below). */
const VENUES: Record<string, string> = {
  AJP: '#00369f', GOLD: 'gold', MID: '#777', LAV: 'Lavender', RED: 'red', TEAL: '#2a9d8f', INK: 'black', PAPER: '#ffffff', EDGE: '#2e8b57',
};

/** sRGB "rgb(r, g, b)" → channels. */
const channels = (css: string): number[] => {
  const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(css);
  if (!m || (m[4] !== undefined && m[4] !== '1')) throw new Error(`not an opaque rgb() colour: ${css}`);
  return [m[1], m[2], m[3]].map(Number);
};
/** WCAG 2 contrast of two computed colours, written out here, independent of src/validate/colors.ts. */
function contrastOf(a: string, b: string): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(channels(a)), lum(channels(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** What Chromium computes for a colour as written: the oracle for "the configured colour". */
const computed = (page: Page, colors: string[]) =>
  page.evaluate((list) => list.map((c) => {
    const el = document.createElement('i');
    document.body.append(el);
    el.style.backgroundColor = c;
    const v = getComputedStyle(el).backgroundColor;
    el.remove();
    return v;
  }), colors);

/** Each venue badge on the page: its label, computed background and text colour, and link. */
const badges = (page: Page) =>
  page.locator('.badge-venue').evaluateAll((els) => els.map((el) => ({
    label: el.textContent!.replace(/ \d{4}$/, ''),
    bg: getComputedStyle(el).backgroundColor,
    fg: getComputedStyle(el).color,
    href: el.getAttribute('href'),
  })));

describe.skipIf(!hasChromium)('venue badge colours in Chromium', () => {
  let env: Awaited<ReturnType<typeof launch>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-venue-colors-'));
  beforeAll(async () => {
    const bib = Object.keys(VENUES).map((v, i) => `@article{e${i}, author={Ann One}, title={Paper ${v}}, journal={J}, abbr={${v}}, year={${2000 + i}}}`);
    writeFileSync(path.join(dir, 'refs.bib'), `${bib.join('\n')}\n@article{plain, author={Ann One}, title={Plain}, journal={J}, abbr={PLAIN}, year={2030}}\n`);
    const yaml = Object.entries(VENUES).map(([v, c]) => `${v}:\n  color: "${c}"\n${v === 'AJP' ? '  url: https://aapt.scitation.org/journal/ajp\n' : ''}`);
    writeFileSync(path.join(dir, 'venues.yml'), yaml.join(''));
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: Ann One\nbibliography: refs.bib\nvenues: venues.yml\n');
    env = await launch();
  });
  afterAll(async () => env?.close());

  it('the 148 colour names mean in the page what Chromium says they mean', async () => {
    const page = await env.browser.newPage();
    const names = [...CSS_NAMED_COLORS.keys()];
    const got = await computed(page, names);
    const want = await computed(page, names.map((n) => CSS_NAMED_COLORS.get(n)!));
    expect(got).toEqual(want);
    expect(new Set(got).size).toBeGreaterThan(130); // real colours, not one fallback for all
    await page.close();
  });

  for (const theme of ['default', 'minimal', 'cards']) {
    it(`${theme}: each badge has its configured background and text with contrast ≥ 4.5, light and dark`, async () => {
      const r = await build({ cwd: dir, theme, out: `${theme}.html`, offline: true });
      expect(r.errors).toBe(0);
      for (const scheme of ['light', 'dark'] as const) {
        const { page, errors, requests } = await open(env.browser, `file://${r.outFile}`, scheme);
        const want = await computed(page, Object.values(VENUES));
        const seen = await badges(page);
        const byLabel = new Map(seen.map((b) => [b.label, b]));
        Object.keys(VENUES).forEach((v, i) => {
          const b = byLabel.get(v)!;
          expect(b.bg, `${theme} ${scheme} ${v}`).toBe(want[i]);
          expect(contrastOf(b.bg, b.fg), `${theme} ${scheme} ${v}: ${b.fg} on ${b.bg}`).toBeGreaterThanOrEqual(4.5);
        });
        expect(byLabel.get('AJP')!.href).toBe('https://aapt.scitation.org/journal/ajp');
        expect(byLabel.get('GOLD')!.href).toBeNull();
        // A venue without colour keeps the theme's badge (it differs from every configured one).
        expect(want).not.toContain(byLabel.get('PLAIN')!.bg);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        await page.close();
      }
    });
  }

  it('the colours hold under a Content-Security-Policy that allows only the page\'s own <style> (no style attributes)', async () => {
    const r = await build({ cwd: dir, out: 'csp.html', offline: true });
    const html = readFileSync(r.outFile!, 'utf8');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = createHash('sha256').update(css).digest('base64');
    const policy = `default-src 'none'; style-src 'sha256-${hash}'`;
    // A control: the same policy refuses a style attribute, so the check below means something.
    const control = `<!DOCTYPE html><html><head><style>${css}</style></head><body><span id="ctl" style="background-color: rgb(1, 2, 3)">x</span></body></html>`;
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy });
      res.end(req.url === '/control' ? control : html);
    });
    const local = await listenLocal(server);
    const page = await env.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${local.port}/control`);
      expect(await page.locator('#ctl').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(1, 2, 3)');
      await page.goto(`http://127.0.0.1:${local.port}/`);
      const want = await computed(page, [VENUES.AJP, VENUES.GOLD]);
      const seen = new Map((await badges(page)).map((b) => [b.label, b]));
      expect([seen.get('AJP')!.bg, seen.get('GOLD')!.bg]).toEqual(want);
      expect(contrastOf(seen.get('GOLD')!.bg, seen.get('GOLD')!.fg)).toBeGreaterThanOrEqual(4.5);
    } finally {
      await page.close();
      await local.close();
    }
  });
});
