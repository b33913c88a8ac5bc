/**
 * The example homepage built in the given built-in themes and served on 127.0.0.1, with one
 * Chromium for the file's tests: the set-up the browser suite files share (suite-*.test.ts). Each
 * file builds only its own theme's pages, so the files run side by side on two workers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { build } from '../../src/index.js';
import { fakeGitHub } from '../fake-github.js';
import { EXAMPLE_STARS } from '../example-stars.js';
import { launch } from './harness.js';
import { copyExample } from '../example-site.js';

const ROOT = path.join(import.meta.dirname, '../..');

export type ExamplePages = {
  /** Chromium, started in beforeAll. */
  readonly env: Awaited<ReturnType<typeof launch>>;
  /** Page name → HTML, served at `url(NAME)` and written to `${tmp}/NAME.html`. */
  pages: Record<string, string>;
  tmp: string;
  shots: string;
  url: (name: string) => string;
  addPage: (name: string, html: string) => void;
};

/** Registers the hooks that build THEME and THEME-short (max_authors: 2) for each theme, serve them and start Chromium. */
export function examplePages(themes: readonly string[]): ExamplePages {
  let env: Awaited<ReturnType<typeof launch>> | undefined;
  let server: Server;
  let base = '';
  const tmp = mkdtempSync(path.join(tmpdir(), 'sp-suite-'));
  const shots = path.join(tmp, 'screenshots');
  /** Page name → HTML, served at `${base}/NAME.html` and written to `${tmp}/NAME.html`. */
  const pages: Record<string, string> = {};
  const url = (name: string) => `${base}/${name}.html`;
  const addPage = (name: string, html: string) => {
    pages[name] = html;
    writeFileSync(path.join(tmp, `${name}.html`), html);
  };

  beforeAll(async () => {
    // Two copies of the example site: as it is ("THEME"), and with max_authors: 2 ("THEME-short") so
    // "and K more" appears. Star counts come from a local fake GitHub once, then every build is offline.
    const site = path.join(tmp, 'site');
    const short = path.join(tmp, 'site-short');
    const copy = (to: string) => copyExample(to);
    copy(site);
    copy(short);
    writeFileSync(path.join(short, 'profile.yaml'), `${readFileSync(path.join(short, 'profile.yaml'), 'utf8')}\nmax_authors: 2\n`);
    const cacheDir = path.join(tmp, 'cache');
    const github = await fakeGitHub(EXAMPLE_STARS);
    try {
      const warm = await build({ cwd: site, out: path.join(tmp, 'warm.html'), githubApi: github.url, cacheDir });
      expect(warm.diagnostics).toEqual([]);
    } finally {
      await github.close();
    }
    for (const theme of themes) {
      for (const [name, cwd] of [[theme, site], [`${theme}-short`, short]]) {
        const r = await build({ cwd, theme, out: path.join(tmp, 'built', `${name}.html`), offline: true, cacheDir });
        expect(r.diagnostics).toEqual([]);
        addPage(name, readFileSync(r.outFile!, 'utf8'));
      }
    }
    expect(pages[themes[0]]).toContain('class="stars"');

    // Served over http on 127.0.0.1, so the clipboard permissions are granted to one real origin
    // (Chromium refuses to grant them to file://'s opaque origin).
    server = createServer((req, res) => {
      const name = /^\/([\w-]+)\.html$/.exec(req.url ?? '')?.[1] ?? '';
      const html = pages[name];
      res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    env = await launch();
    await env.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  });
  afterAll(async () => {
    await env?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    rmSync(tmp, { recursive: true, force: true });
  });

  return {
    get env() {
      if (!env) throw new Error('Chromium is not started (beforeAll failed)');
      return env;
    },
    pages, tmp, shots, url, addPage,
  };
}
