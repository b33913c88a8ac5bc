import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildOptions } from '../../src/index.js';
import type { FakeScholar } from '../fake-scholar.js';

/** A one-folder site: each entry is `key = {fields}` (an @article of 2020 unless the fields say); the profile turns citation counts on. */
export function citeSite(entries: Record<string, string>, profile = 'citations: openalex\nemail: jane@example.org\n', fields = (key: string) => `title = {Title of ${key}}, author = {Doe, Jane}, journal = {J}, year = {2020}`): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-cite-'));
  const bib = Object.entries(entries).map(([key, f]) => `@article{${key}, ${fields(key)}${f ? `, ${f}` : ''}}`);
  writeFileSync(path.join(dir, 'refs.bib'), bib.join('\n'));
  writeFileSync(path.join(dir, 'profile.yaml'), `name: Jane Doe\nbibliography: refs.bib\n${profile}`);
  return dir;
}

const cacheFile = (dir: string): string => path.join(dir, '.scholar-cache/citations.json');
export const readCitationCache = (dir: string): { works: Record<string, { count: number; source: string; fetchedAt: number }>; misses?: Record<string, number> } => JSON.parse(readFileSync(cacheFile(dir), 'utf8'));
export function writeCitationCache(dir: string, works: unknown, misses?: unknown): void {
  mkdirSync(path.join(dir, '.scholar-cache'), { recursive: true });
  writeFileSync(cacheFile(dir), typeof works === 'string' ? works : JSON.stringify({ version: 1, works, misses }));
}
export const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** For the tests of slow and silent APIs: a short request timeout and network budget. */
export const BUDGET = 1500;
export const SHORT = { netTimeoutMs: 300, netBudgetMs: BUDGET };

/** The fake APIs a build asks; one not given gets an address where nothing listens (a test would see its failure). */
export interface FakeApis { oa?: FakeScholar; s2?: FakeScholar; inspire?: FakeScholar }

/** Builds the site against the fake APIs; each entry's badge by key ("N | title"), and the header totals. */
export async function buildCited(dir: string, apis: FakeApis, opts: Partial<BuildOptions> = {}) {
  const started = Date.now();
  const nowhere = 'http://127.0.0.1:9';
  const r = await build({
    cwd: dir, out: 'index.html', openalexApi: apis.oa?.url ?? nowhere, semanticScholarApi: apis.s2?.url ?? nowhere, inspireApi: apis.inspire?.url ?? nowhere,
    // Generous, so a busy machine does not fail a test that expects answers; tests of slowness pass their own.
    netTimeoutMs: 5000, netBudgetMs: 20_000, ...opts,
  });
  const html = r.outFile ? readFileSync(r.outFile, 'utf8') : '';
  const badges: Record<string, string> = {};
  for (const chunk of html.split('data-key="').slice(1)) {
    const m = /<span class="citations" title="([^"]*)">Cited by ([^<]*)<\/span>/.exec(chunk.split('data-key="')[0]);
    if (m) badges[chunk.slice(0, chunk.indexOf('"'))] = `${m[2]} | ${m[1]}`;
  }
  const t = /<p class="citation-totals" title="([^"]*)">([\s\S]*?)<\/p>/.exec(html);
  const totals = t ? `${t[2].replace(/<[^>]+>/g, '')} | ${t[1]}` : undefined;
  return { r, html, badges, totals, elapsed: Date.now() - started, codes: r.diagnostics.map((d) => d.code), messages: r.diagnostics.map((d) => d.message) };
}
