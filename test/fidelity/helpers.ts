import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../../src/index.js';
import { readBib } from '../../scripts/fidelity/source.mjs';
import { readPage } from '../../scripts/fidelity/page.mjs';
import { auditPage } from '../../scripts/fidelity/audit.mjs';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

export interface Loss { key: string; kind: string; expected: string; found: string }

/** Builds a fixture folder's refs.bib (with its profile.yaml) offline through src/, and gives the page. */
export async function buildFixture(name: string, theme?: string): Promise<{ html: string; bibText: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-fidelity-'));
  const bib = path.join(FIXTURES, name, 'refs.bib');
  const r = await build({ bib, theme, cwd: dir, out: 'index.html', cacheDir: path.join(dir, 'cache'), offline: true });
  if (!r.outFile) throw new Error(`the fixture did not build: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return { html: readFileSync(r.outFile, 'utf8'), bibText: readFileSync(bib, 'utf8') };
}

/** The audit of a page (as HTML) against .bib text. */
export function audit(bibText: string, html: string, owner: string[] = []): Loss[] {
  return auditPage(readBib(bibText), readPage(html), { owner }).losses;
}

/** The losses of one entry, as "kind" strings. */
export const kindsOf = (losses: Loss[], key: string): string[] => losses.filter((l) => l.key === key).map((l) => l.kind);

/** One entry's root element in a page (from its data-key to its closing tag). */
export function entryHtml(html: string, key: string): string {
  const start = html.lastIndexOf('<', html.indexOf(`data-key="${key}"`));
  const tag = /^<(\w+)/.exec(html.slice(start))![1];
  return html.slice(start, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}

/** The page with one entry's markup changed by `edit` (which must change something). */
export function alter(html: string, key: string, edit: (entry: string) => string): string {
  const before = entryHtml(html, key);
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in "${key}"`);
  return html.replace(before, after);
}

export interface HandEntry {
  key: string;
  /** HTML, as a theme would write it. */
  title: string;
  authors: string;
  abstract?: string;
  links?: string[];
}

/** A page written by hand in the default theme's markup: what a faithful (or a broken) build would give. */
export function handPage(entries: HandEntry[]): string {
  const article = (e: HandEntry): string =>
    `<article class="pub" id="pub-${e.key}" data-key="${e.key}" data-year="2024"><div class="pub-body">` +
    `<h3 class="pub-title">${e.title}</h3><p class="pub-authors">${e.authors}</p><div class="pub-actions">` +
    (e.links ?? []).map((u) => `<a class="pub-link" href="${u}">Link</a>`).join('') +
    (e.abstract ? `<details class="toggle toggle-abstract"><summary>Abstract</summary><div class="toggle-body"><p>${e.abstract}</p></div></details>` : '') +
    `<details class="toggle toggle-bibtex"><summary>BibTeX</summary><div class="toggle-body"><pre class="bibtex"><code>@article{${e.key}, title = {\\{x\\}}}</code></pre></div></details>` +
    `</div></div></article>`;
  return `<!doctype html><html><body><section><div class="pubs">${entries.map(article).join('\n')}</div></section></body></html>`;
}
