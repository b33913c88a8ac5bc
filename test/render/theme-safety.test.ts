import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, validate } from '../../src/index.js';

/** A site with one entry and a user theme made of the given files. */
function site(theme: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-theme-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={T}, author={Doe, Jane}, year={2020}, keywords={<img src=x onerror=alert(1)>}}');
  writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\n');
  for (const [name, text] of Object.entries(theme)) {
    mkdirSync(path.dirname(path.join(dir, 't', name)), { recursive: true });
    writeFileSync(path.join(dir, 't', name), text);
  }
  return dir;
}
const EXT = JSON.stringify({ name: 't', extends: 'default' });

describe('theme safety', () => {
  for (const [what, tpl] of [['{{& x}}', '{{#each keywords}}{{& this}}{{/each}}'], ['{{~{x}~}}', '<p>\n{{~{titleText}~}}</p>'], ['{{{helper x}}}', '{{{eq key key}}}']]) {
    it(`refuses unescaped output however it is spelled: ${what}`, async () => {
      const dir = site({ 'theme.json': EXT, 'partials/publication.hbs': tpl });
      const r = await validate({ cwd: dir, theme: './t' });
      expect(r.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain('t/partials/publication.hbs theme/unsafe-triple-stash');
    });
  }

  it('a theme that extends itself is an error, not a missing page.hbs', async () => {
    const dir = site({ 'theme.json': JSON.stringify({ name: 't', extends: '.' }) });
    const r = await validate({ cwd: dir, theme: './t' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['theme/extends-loop']);
  });

  it('a template asking for a field that does not exist is a diagnostic at its line, not a crash', async () => {
    const dir = site({ 'theme.json': EXT, 'partials/publication.hbs': '<article>\n{{nosuchfield}}</article>' });
    const r = await build({ cwd: dir, theme: './t', out: 'index.html', offline: true });
    expect(r.outFile).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'theme/render', severity: 'error' }]);
    expect(r.diagnostics[0].message).toMatch(/nosuchfield/);
  });
});
