import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

const PNG = path.join(import.meta.dirname, '../../data/example/thumbnails/pa-gan.png');
const BIB = `---
---
@article{a2024, author = {Broquet, A.}, title = {Preview in the usual folder}, journal = {Icarus}, year = {2024}, preview = {a.png}}
@article{b2024, author = {Broquet, A.}, title = {Preview in a sibling folder}, journal = {Icarus}, year = {2024}, preview = {../projects_img/b.png}}
`;

/** An al-folio site: `_config.yml`, the .bib in `_bibliography/`, previews under `assets/img/`. */
function alFolio(config = true): string {
  const site = mkdtempSync(path.join(tmpdir(), 'sp-alfolio-bib-'));
  if (config) writeFileSync(path.join(site, '_config.yml'), 'title: A site\n');
  mkdirSync(path.join(site, '_bibliography'));
  writeFileSync(path.join(site, '_bibliography/papers.bib'), BIB);
  mkdirSync(path.join(site, 'assets/img/publication_preview'), { recursive: true });
  mkdirSync(path.join(site, 'assets/img/projects_img'));
  copyFileSync(PNG, path.join(site, 'assets/img/publication_preview/a.png'));
  copyFileSync(PNG, path.join(site, 'assets/img/projects_img/b.png'));
  return site;
}

// The first thing an al-folio user tries: `scholar-page build papers.bib` inside `_bibliography/`.
describe('an al-folio papers.bib built as it is, from its own folder', () => {
  it('finds its previews in the Jekyll site around it, also one given relative to the preview folder', async () => {
    const site = alFolio();
    const r = await build({ cwd: path.join(site, '_bibliography'), bib: 'papers.bib', out: path.join(site, 'out.html'), offline: true });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning profile/missing']);
    expect(readFileSync(r.outFile!, 'utf8').match(/<img src="data:image\/avif;base64,/g)).toHaveLength(2);
  });

  it('without _config.yml (no Jekyll site), the .bib\'s folder stays the site folder, as before', async () => {
    const site = alFolio(false);
    const r = await build({ cwd: path.join(site, '_bibliography'), bib: 'papers.bib', out: path.join(site, 'out.html'), offline: true });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning bib/missing-thumbnail', 'error path/outside-root', 'warning profile/missing']);
  });
});
