import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, ROOT } from './run.js';
import { serve } from '../../src/watch/serve.js';
import { copyExample } from '../example-site.js';

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
    copyExample(dir);
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
    // The page, and the example's linked PDF copied beside it; no temporary file left.
    expect(readdirSync(path.join(dir, 'dist'))).toEqual(['index.html', 'projects']);
  });

  it('keeps seeing a file an editor saved by renaming a copy over it, and a thumbnail replaced the same way', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sp-watch-rename-'));
    copyExample(dir);
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
    copyExample(dir);
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

/** A copy of the example site in a temp folder. */
function exampleSite(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  copyExample(dir);
  return dir;
}

/** A GET with the Host header as given (undefined: none at all). */
function getWithHost(url: string, host: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { setHost: host !== undefined, headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scholar-page watch is safe to leave running', () => {
  it('answers only to the loopback names with its port (DNS rebinding)', { timeout: 60_000 }, async () => {
    const dir = exampleSite('sp-watch-host-');
    const w = await serve({ cwd: dir, bib: 'refs.bib', out: 'dist/index.html', port: 0, offline: true });
    try {
      const port = new URL(w.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
        const r = await getWithHost(w.url, host);
        expect(r.status, host).toBe(200);
        expect(r.body, host).toContain('EigenGAN');
      }
      // (no Host at all: Node's server itself answers 400)
      expect((await getWithHost(w.url, undefined)).status).toBe(400);
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost:${Number(port) + 1}`, '127.0.0.1']) {
        const r = await getWithHost(w.url, host);
        expect(r.status, String(host)).toBe(421);
        expect(r.body, String(host)).not.toContain('EigenGAN');
        expect((await getWithHost(`${w.url}__scholar-page/events`, host)).status, String(host)).toBe(421);
      }
    } finally {
      await w.close();
    }
  });

  it('shows a diagnostic holding $` $& $\' in the overlay as text, the page once', { timeout: 60_000 }, async () => {
    const dir = exampleSite('sp-watch-dollar-');
    const bib = path.join(dir, 'refs.bib');
    const w = await serve({ cwd: dir, bib: 'refs.bib', out: 'dist/index.html', port: 0, offline: true });
    try {
      writeFileSync(bib, `${readFileSync(bib, 'utf8')}\n@misc{dollar, title={D}, year=2020, repo={$\`<b>$&</b>$'}}\n`);
      const html = await until(async () => {
        const t = await (await fetch(w.url)).text();
        return t.includes('scholar-page-overlay') ? t : undefined;
      });
      expect(html.match(/<!DOCTYPE html>/gi)).toHaveLength(1);
      expect(html.match(/<\/body>/g)).toHaveLength(1);
      expect(html).toContain('repo &quot;$`&lt;b&gt;$&amp;&lt;/b&gt;$&#39;&quot;');
    } finally {
      await w.close();
    }
  });

  it('builds again only when a file the build read changed by content: not for a log in the site folder, nor a save of the same bytes', { timeout: 60_000 }, async () => {
    const dir = exampleSite('sp-watch-content-');
    const bib = path.join(dir, 'refs.bib');
    let builds = 0;
    const w = await serve({ cwd: dir, bib: 'refs.bib', out: 'dist/index.html', port: 0, offline: true, onBuild: () => builds++ });
    try {
      expect(builds).toBe(1);
      const log = path.join(dir, 'build.log');
      for (let i = 0; i < 20; i++) {
        appendFileSync(log, `line ${i}\n`);
        writeFileSync(path.join(dir, 'thumbnails/unused.txt'), String(i));
        await new Promise((r) => setTimeout(r, 25));
      }
      writeFileSync(bib, readFileSync(bib)); // saved, unchanged
      utimesSync(path.join(dir, 'thumbnails/jodi.jpg'), new Date(), new Date(Date.now() + 5000)); // touched
      await new Promise((r) => setTimeout(r, 1000));
      expect(builds).toBe(1);
      appendFileSync(bib, '\n@misc{later2040, title = {A Real Change}, author = {He, Zhenliang}, year = 2040, selected = true}\n');
      await until(() => builds >= 2, 30_000);
      expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('A Real Change');
      // and no more: the thumbnail touched into the future was not changed during that build
      await new Promise((r) => setTimeout(r, 2000));
      expect(builds).toBe(2);
    } finally {
      await w.close();
    }
  });

  it('follows the file people: names: made later in a folder made later, then edited', { timeout: 120_000 }, async () => {
    const dir = exampleSite('sp-watch-people-');
    appendFileSync(path.join(dir, 'profile.yaml'), '\npeople: _data/coauthors.yml\n');
    const results: string[][] = [];
    const w = await serve({ cwd: dir, out: 'dist/index.html', port: 0, offline: true, onBuild: (r) => results.push(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)) });
    const page = () => readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    const kan = (url: string) => `"kan":\n  - firstname: [Meina, M.]\n    url: ${url}\n`;
    try {
      expect(results).toEqual([['people/not-found']]);
      mkdirSync(path.join(dir, '_data'));
      writeFileSync(path.join(dir, '_data/coauthors.yml'), kan('https://kan.example.org/'));
      await until(() => existsSync(path.join(dir, 'dist/index.html')) && page().includes('href="https://kan.example.org/">Meina Kan</a>'));
      writeFileSync(path.join(dir, '_data/coauthors.yml'), kan('https://meina.example.org/'));
      await until(() => page().includes('href="https://meina.example.org/">Meina Kan</a>'));
    } finally {
      await w.close();
    }
  });

  it('`watch 2> build.log` inside the site folder builds once, not in a loop', { timeout: 60_000 }, async () => {
    const dir = exampleSite('sp-watch-log-');
    const log = path.join(dir, 'build.log');
    const fd = openSync(log, 'w');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/scholar-page'), 'watch', '--port', '0', '--offline'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', fd] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    try {
      await until(() => /http:\/\/127\.0\.0\.1:\d+\//.test(stdout));
      await new Promise((r) => setTimeout(r, 2500));
      expect(readFileSync(log, 'utf8').match(/^built \d+ entries/gm)).toHaveLength(1);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('close', r));
      closeSync(fd);
    }
  });

  it('a port in use: one line suggesting --port 0, exit 2, nothing built; a bad --port is a usage error', { timeout: 60_000 }, async () => {
    const dir = exampleSite('sp-watch-port-');
    const taken = createNetServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as AddressInfo;
    try {
      const r = await cliAsync(['watch', '--port', String(port), '--offline'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`scholar-page: port ${port} on 127.0.0.1 is in use (another scholar-page watch, or jekyll serve?); use --port 0 for any free port, or another --port\n`);
      expect(r.stdout).toBe('');
      expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      taken.close();
    }
    for (const bad of ['abc', '70000', '-1']) expect((await cliAsync(['watch', '--port', bad], { cwd: dir })).code, bad).toBe(2);
  });
});
