import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });

describe('the npm package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-pack-'));
  // --ignore-scripts: dist-lib is already built (npm ci ran prepare); rebuilding it now would race other tests
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT))[0] as { filename: string; files: { path: string }[] };
  const files = packed.files.map((f) => f.path);

  it('contains bin/, the built code, themes/, data/ (with the JSON Schema), README and LICENSE, and no tests', () => {
    for (const f of ['bin/scholar-page', 'dist-lib/cli/main.js', 'dist-lib/index.js', 'themes/default/page.hbs', 'themes/cards/theme.json', 'themes/minimal/theme.json', 'data/venues.yaml', 'data/profile.schema.json', 'data/init/gitignore', 'data/init/.github/workflows/scholar-page.yml', 'README.md', 'LICENSE']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(test|src|bench|scratch|scripts)\//.test(f))).toEqual([]);
  });

  it('installs from the tarball into an empty folder, and `init` then `build` work there', { timeout: 240_000 }, () => {
    const app = mkdtempSync(path.join(tmpdir(), 'sp-app-'));
    writeFileSync(path.join(app, 'package.json'), '{"name":"my-homepage","private":true}');
    npm(['install', '--no-audit', '--no-fund', path.join(dir, packed.filename)], app);
    const bin = path.join(app, 'node_modules/.bin/scholar-page');
    execFileSync(bin, ['init'], { cwd: app, stdio: 'pipe' });
    const out = execFileSync(bin, ['build', '--offline'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe(path.join(app, 'dist/index.html'));
    expect(existsSync(path.join(app, '.gitignore'))).toBe(true);
    expect(readFileSync(path.join(app, 'dist/index.html'), 'utf8')).toContain('Notes on the Analytical Engine');
  });
});
