import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';

const PNG = readFileSync(path.join(import.meta.dirname, '../fixtures/validate/thumbnail.png'));

function site(avatar: string) {
  const outside = mkdtempSync(path.join(tmpdir(), 'sp-outside-'));
  writeFileSync(path.join(outside, 'secret.png'), PNG);
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-paths-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@misc{a, title={T}, author={Doe, Jane}, year=2020}');
  writeFileSync(path.join(dir, 'profile.yaml'), `name: Jane Doe\nbibliography: refs.bib\navatar: "${avatar}"\n`);
  writeFileSync(path.join(dir, 'me.png'), PNG);
  symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'link.png'));
  return { dir, outside };
}

describe('paths that leave the site folder are refused', () => {
  for (const [what, avatar] of [['..', '../x.png'], ['absolute', '/etc/passwd'], ['Windows', 'C:\\\\x.png'], ['a symlink pointing out', 'link.png']]) {
    it(`the avatar: ${what}`, async () => {
      const { dir } = site(avatar);
      const r = await validate({ cwd: dir });
      expect(r.diagnostics).toMatchObject([{ code: 'path/outside-root', file: 'profile.yaml', line: 3, column: 9 }]);
    });
  }

  it('the avatar inside the folder is fine; a missing one is an error', async () => {
    expect((await validate({ cwd: site('me.png').dir })).diagnostics).toEqual([]);
    expect((await validate({ cwd: site('nope.png').dir })).diagnostics.map((d) => d.code)).toEqual(['profile/missing-avatar']);
  });

  it('a theme file that is a symlink pointing out of the theme', async () => {
    const { dir, outside } = site('me.png');
    writeFileSync(path.join(outside, 'evil.hbs'), '{{{profile.name}}}');
    mkdirSync(path.join(dir, 't/partials'), { recursive: true });
    writeFileSync(path.join(dir, 't/theme.json'), '{"name":"t","extends":"default"}');
    symlinkSync(path.join(outside, 'evil.hbs'), path.join(dir, 't/partials/publication.hbs'));
    const r = await validate({ cwd: dir, theme: './t' });
    expect(r.diagnostics).toMatchObject([{ code: 'path/outside-root', file: 't/partials/publication.hbs' }]);
  });
});
