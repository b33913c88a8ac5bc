import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../../src/watch/serve.js';

/** Resolves when `fn` holds, polling; fails after `ms`. */
async function until(fn: () => boolean, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('scholar-page watch and a venues file', () => {
  it('rebuilds when the venues file named by the profile appears (in a folder made later) and when it changes', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-watch-venues-'));
    writeFileSync(path.join(dir, 'refs.bib'), '@article{a, author={Ann One}, title={T}, journal={J}, abbr={AJP}, year={2020}}\n');
    writeFileSync(path.join(dir, 'profile.yaml'), 'name: Ann One\nbibliography: refs.bib\nvenues: _data/venues.yml\n');
    const out = path.join(dir, 'dist/index.html');
    const page = () => (existsSync(out) ? readFileSync(out, 'utf8') : '');
    const w = await serve({ cwd: dir, out: 'dist/index.html', port: 0, offline: true });
    try {
      // The file is missing: an error, so no page yet.
      expect(page()).toBe('');
      mkdirSync(path.join(dir, '_data'));
      writeFileSync(path.join(dir, '_data/venues.yml'), 'AJP:\n  color: "#00369f"\n');
      await until(() => page().includes('venue-00369f-ffffff'));
      writeFileSync(path.join(dir, '_data/venues.yml'), 'AJP:\n  color: "#8b0000"\n  url: https://ajp.example.org/\n');
      await until(() => page().includes('<a class="badge-venue" href="https://ajp.example.org/">'));
      expect(page()).toContain('venue-8b0000-ffffff');
      expect(page()).not.toContain('00369f');
    } finally {
      await w.close();
    }
  });
});
