import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';
import { serve } from '../../src/watch/serve.js';

/** Resolves when `test` holds, polling; fails after `ms`. */
async function until<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('scholar-page watch', () => {
  it('serves on 127.0.0.1 with live reload, keeps the last good page on a broken save, and stops cleanly on Ctrl-C', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-watch-'));
    cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/scholar-page'), 'watch', '--port', '0', '--offline'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const url = await until(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0]);
      const first = await (await fetch(url)).text();
      expect(first).toContain('EigenGAN: Layer-Wise Eigen-Learning for GANs');
      expect(first).toContain('/__scholar-page/events');

      // live reload: the event stream announces the rebuild
      const events = await fetch(`${url}__scholar-page/events`);
      const reader = events.body!.getReader();
      const bib = path.join(dir, 'refs.bib');
      const original = readFileSync(bib, 'utf8');
      writeFileSync(bib, original.replace('Layer-Wise Eigen-Learning for {GANs}', 'Layer-Wise Eigen-Learning, Edited'));
      let got = '';
      await until(async () => {
        const { value } = await reader.read();
        got += new TextDecoder().decode(value);
        return got.includes('data: reload');
      });
      await reader.cancel();
      const second = await until(async () => {
        const t = await (await fetch(url)).text();
        return t.includes('Layer-Wise Eigen-Learning, Edited') ? t : undefined;
      });
      expect(second).not.toContain('scholar-page-overlay');

      // a broken save: the last good page stays, with the diagnostics over it
      writeFileSync(bib, original.replace('@inproceedings{he2021eigengan,', '@inproceedings{he2021eigengan,\n  title {broken},'));
      const broken = await until(async () => {
        const t = await (await fetch(url)).text();
        return t.includes('scholar-page-overlay') ? t : undefined;
      });
      expect(broken).toMatch(/refs\.bib:\d+:\d+: error bib\/syntax/);
      expect(broken).toContain('Layer-Wise Eigen-Learning, Edited');
      expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('Layer-Wise Eigen-Learning, Edited');
      await until(() => stderr.includes('the last good page stays up'));
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist'))).toEqual(['index.html']);
  });

  it('keeps seeing a file an editor saved by renaming a copy over it, and a thumbnail replaced the same way', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-watch-rename-'));
    cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
    const bib = path.join(dir, 'refs.bib');
    const w = await serve({ cwd: dir, bib: 'refs.bib', out: 'dist/index.html', port: 0, offline: true });
    const page = () => readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    // Each step waits for the page it must lead to (a late event of the step before may build first).
    const after = (change: () => void, ready: (html: string) => boolean): Promise<string> => {
      change();
      return until(() => (ready(page()) ? page() : undefined), 40_000);
    };
    const renameOver = (file: string, data: string | Buffer) => {
      writeFileSync(`${file}.swp`, data);
      renameSync(`${file}.swp`, file);
    };
    try {
      await after(() => renameOver(bib, readFileSync(bib, 'utf8').replace('Layer-Wise Eigen-Learning for {GANs}', 'Renamed Over')), (h) => h.includes('Renamed Over'));
      // the file now on disk is a new one: a change made in place must still be seen
      await after(() => appendFileSync(bib, '\n@misc{later2030, title = {Appended In Place}, author = {He, Zhenliang}, year = 2030, selected = true}\n'), (h) => h.includes('Appended In Place'));
      await after(() => appendFileSync(bib, '\n@misc{later2031, title = {Appended Again}, author = {He, Zhenliang}, year = 2031, selected = true}\n'), (h) => h.includes('Appended Again'));

      const thumb = path.join(dir, 'thumbnails/attgan.jpg');
      const before = page();
      const swapped = await after(() => renameOver(thumb, readFileSync(path.join(dir, 'thumbnails/jodi.jpg'))), (h) => h !== before);
      await after(() => copyFileSync(path.join(dir, 'thumbnails/s2gan.jpg'), thumb), (h) => h !== swapped);
    } finally {
      await w.close();
    }
  });

  it('follows a theme folder (a partial edited, a stylesheet and a partial added) and a thumbnail folder made later', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-watch-theme-'));
    cpSync(path.join(ROOT, 'data/example'), dir, { recursive: true, filter: (s) => !/[\\/](dist|\.scholar-cache)$/.test(s) });
    const theme = path.join(dir, 'mytheme');
    mkdirSync(path.join(theme, 'partials'), { recursive: true });
    writeFileSync(path.join(theme, 'theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    writeFileSync(path.join(theme, 'partials/footer.hbs'), '<footer>FOOTER-ONE</footer>');
    const bib = path.join(dir, 'refs.bib');
    const w = await serve({ cwd: dir, bib: 'refs.bib', theme: './mytheme', out: 'dist/index.html', port: 0, offline: true });
    const page = () => readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    const seen = (text: string) => until(() => page().includes(text), 40_000);
    try {
      expect(page()).toContain('FOOTER-ONE');
      writeFileSync(path.join(theme, 'partials/footer.hbs'), '<footer>FOOTER-TWO</footer>');
      await seen('FOOTER-TWO');
      writeFileSync(path.join(theme, 'style.css'), '.x-new-style{color:red}');
      await seen('x-new-style');
      writeFileSync(path.join(theme, 'partials/header.hbs'), '<header>HEADER-NEW</header>');
      await seen('HEADER-NEW');
      // a thumbnail in a folder that does not exist yet: the build fails, and the folder's parent
      // is watched until the folder is made
      appendFileSync(bib, '\n@misc{later2032, title = {Later Thumb}, author = {He, Zhenliang}, year = 2032, selected = true, thumbnail = {later/x.jpg}}\n');
      await new Promise((r) => setTimeout(r, 500));
      expect(page()).not.toContain('Later Thumb');
      mkdirSync(path.join(dir, 'later'));
      copyFileSync(path.join(dir, 'thumbnails/jodi.jpg'), path.join(dir, 'later/x.jpg'));
      await seen('Thumbnail for “Later Thumb”');
    } finally {
      await w.close();
    }
  });
});
