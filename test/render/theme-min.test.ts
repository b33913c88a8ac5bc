import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../src/model/diagnostic.js';
import { loadTheme, minifiedOf } from '../../src/render/theme.js';
// @ts-expect-error: a plain .mjs script, without types
import { minified, PAIRS, THEMES } from '../../scripts/minify-themes.mjs';

// The built-in themes inline minified copies of their CSS and script (issue 23: the example page
// under 100 KB); a copy is used only when it was made from the source beside it.

const BUILT_IN = ['default', 'minimal', 'cards'];
const pairs = BUILT_IN.flatMap((t) => (PAIRS as string[][]).filter(([src]) => existsSync(path.join(THEMES, t, src))).map(([src, min]) => [t, src, min]));

describe('built-in themes: minified copies', () => {
  it.each(pairs)('%s/%s has its .min copy, as scripts/minify-themes.mjs writes it (npm run data)', (theme, src, min) => {
    const source = readFileSync(path.join(THEMES, theme, src), 'utf8');
    const copy = readFileSync(path.join(THEMES, theme, min), 'utf8');
    expect(copy, `themes/${theme}/${min} is stale: run npm run data`).toBe((minified as (n: string, s: string) => string)(src, source));
    expect(copy.length).toBeLessThan(source.length * 0.85);
  });

  it('the loaded default theme carries the minified CSS and script', async () => {
    const report = new Reporter();
    const t = await loadTheme('default', process.cwd(), report);
    expect(report.list).toEqual([]);
    const min = (f: string) => readFileSync(path.join(THEMES, 'default', f), 'utf8').split('\n').slice(1).join('\n');
    expect(t!.css).toBe(min('style.min.css'));
    expect(t!.js).toBe(min('script.min.js'));
    expect(t!.css).not.toContain('/*');
  });
});

describe('minifiedOf', () => {
  const source = '.a { color: red; }\n';
  const copy = (minified as (n: string, s: string) => string)('style.css', source);

  it('takes the copy made from this source, without its header line', () => {
    expect(minifiedOf('style.css', source, copy)).toBe('.a{color:red}\n');
  });

  it('keeps the source when the copy was made from another source, names another file, or has no header', () => {
    expect(minifiedOf('style.css', '.a { color: blue; }\n', copy)).toBe('.a { color: blue; }\n');
    expect(minifiedOf('script.js', source, copy)).toBe(source);
    expect(minifiedOf('style.css', source, '.a{color:red}\n')).toBe(source);
    expect(minifiedOf('style.css', source, '')).toBe(source);
    expect(minifiedOf('style.css', '', copy)).toBe('');
  });

  it('a copied and edited theme shows its edit, not its stale .min copy', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-min-'));
    const mine = path.join(dir, 'mine');
    cpSync(path.join(THEMES, 'minimal'), mine, { recursive: true });
    writeFileSync(path.join(mine, 'theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    writeFileSync(path.join(mine, 'style.css'), `${readFileSync(path.join(mine, 'style.css'), 'utf8')}\n.mine { color: rebeccapurple; }\n`);
    const report = new Reporter();
    const t = await loadTheme(mine, dir, report);
    expect(report.list).toEqual([]);
    expect(t!.css).toContain('.mine { color: rebeccapurple; }');
  });

  it('a .min copy that cannot be read (here a folder) is no copy: the theme builds with its source', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-min-'));
    const mine = path.join(dir, 'mine');
    mkdirSync(path.join(mine, 'style.min.css'), { recursive: true });
    writeFileSync(path.join(mine, 'theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    writeFileSync(path.join(mine, 'style.css'), '.mine { color: teal; }\n');
    const report = new Reporter();
    const t = await loadTheme(mine, dir, report);
    expect(report.list).toEqual([]);
    expect(t!.css.endsWith('.mine { color: teal; }\n')).toBe(true);
  });
});
