import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { cli } from './run.js';
import { serve } from '../../src/watch/serve.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/paper-pages');

/** A fresh copy of the paper-pages fixture site. */
function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-papers-cli-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('scholar-page build --paper-pages', () => {
  it('is in --help, with --no-paper-pages', () => {
    const h = cli(['build', '--help']);
    expect(h.stdout).toMatch(/--paper-pages\s+also write one page per entry, papers\/ID\.html/);
    expect(h.stdout).toMatch(/--no-paper-pages\s+write no paper pages/);
  });

  it('writes papers/ beside the page; the profile turns it on, --no-paper-pages off', () => {
    const dir = site();
    const r = cli(['build', '--offline', '--paper-pages'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist/papers'))).toContain('smith2020.html');
    // The profile asks, the flag says no: the pages an earlier build wrote are removed.
    appendFileSync(path.join(dir, 'profile.yaml'), 'paper_pages: true\n');
    expect(cli(['build', '--offline', '--no-paper-pages'], { cwd: dir }).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/papers'))).toBe(false);
    expect(cli(['build', '--offline'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist/papers'))).toContain('smith2020.html');
  });
});

/** GET of a raw path (not normalized as fetch would), with the status and body. */
function get(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const req = request({ host: u.hostname, port: u.port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scholar-page watch with paper_pages: true', () => {
  it('serves the paper pages and their PDFs by name, and nothing else of the folder', { timeout: 60_000 }, async () => {
    const dir = site();
    appendFileSync(path.join(dir, 'profile.yaml'), 'paper_pages: true\n');
    const w = await serve({ cwd: dir, out: 'dist/index.html', port: 0, offline: true });
    try {
      expect((await get(w.url, '/index.html')).body).toContain('href="papers/smith2020.html">Details</a>');
      const paper = await get(w.url, '/papers/smith2020.html');
      expect(paper.status).toBe(200);
      expect(paper.body).toContain('<meta name="citation_title" content="Deep Things in BibTeX">');
      expect((await get(w.url, '/papers/smith2020.pdf')).body).toMatch(/^%PDF-/);
      for (const p of ['/papers/nope.html', '/papers/.scholar-page.json', '/papers/../profile.yaml', '/papers/%2e%2e/profile.yaml', '/refs.bib']) {
        expect((await get(w.url, p)).status, p).toBe(404);
      }
    } finally {
      await w.close();
    }
  });
});
