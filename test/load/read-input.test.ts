import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, readInput } from '../../src/load/read-input.js';
import { importSite } from '../../src/import/import-site.js';
import { build, validate } from '../../src/index.js';
import { cli } from '../cli/run.js';
import { endsWithin } from '../helpers.js';

// Files a repository (or a pull request) can hold that are endless or huge when read whole: git
// keeps symbolic links, so `refs.bib -> /dev/zero` arrives with a clone; a named pipe and a sparse
// file stand for what a folder on the machine can hold. Each was read whole, and hung the build.
const tmp = () => mkdtempSync(path.join(tmpdir(), 'sp-hostile-'));
const fifo = (file: string) => execFileSync('mkfifo', [file]);
function sparse(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** Settles within 20 s, or fails: the files below used to make the read wait for ever. */
const within = <T>(p: Promise<T>): Promise<T> => endsWithin(p, 20_000);

/** A small site without images (the cases below are about reading files, not encoding them). */
function example(): string {
  const dir = tmp();
  writeFileSync(path.join(dir, 'profile.yaml'), 'name: Ada Lovelace\nbibliography: refs.bib\n');
  writeFileSync(path.join(dir, 'refs.bib'), '@article{a, author={Lovelace, Ada}, title={Notes on the Engine}, journal={Memoirs}, year=1843}\n');
  return dir;
}

describe('readInput: only regular files, only up to a limit', () => {
  it('reads a regular file whole', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), 'hello');
    expect((await readInput(path.join(dir, 'a.txt'), 5)).toString()).toBe('hello');
  });

  it('refuses a device, a pipe, a folder and a file over the limit, before reading', async () => {
    const dir = tmp();
    symlinkSync('/dev/zero', path.join(dir, 'zero'));
    fifo(path.join(dir, 'pipe'));
    sparse(path.join(dir, 'sparse'), 2 ** 40); // a terabyte, of which nothing is on the disk
    writeFileSync(path.join(dir, 'six'), '123456');
    const code = (f: string, max = 1 << 20) => within(readInput(path.join(dir, f), max).then(() => 'read', (e: NodeJS.ErrnoException) => `${e instanceof InputFileError ? 'refused' : 'failed'} ${e.code}`));
    expect(await code('zero')).toBe('refused ENOTREG');
    expect(await code('pipe')).toBe('refused ENOTREG');
    expect(await code('sparse')).toBe('refused EFBIG');
    expect(await code('six', 5)).toBe('refused EFBIG');
    expect(await code('six', 6)).toBe('read');
    expect(await code('.')).toBe('refused EISDIR');
    expect(await code('missing')).toBe('failed ENOENT');
  });
});

describe('hostile files in a site end with a diagnostic, never a hang', () => {
  it('refs.bib linked to /dev/zero, a pipe, or a sparse terabyte: one line each, exit 1, the old page kept', { timeout: 120_000 }, () => {
    const dir = example();
    expect(cli(['build', '--offline'], { cwd: dir }).code).toBe(0);
    const page = readFileSync(path.join(dir, 'dist/index.html'));
    const cases: [string, (f: string) => void, string][] = [
      ['/dev/zero', (f) => symlinkSync('/dev/zero', f), 'refs.bib: error io/unreadable: not a regular file (a device, a pipe or a socket); only files are read'],
      ['a pipe', fifo, 'refs.bib: error io/unreadable: not a regular file (a device, a pipe or a socket); only files are read'],
      ['a sparse file', (f) => sparse(f, 2 ** 40), 'refs.bib: error io/too-large: the file is 1024 GiB; the limit is 64 MiB'],
    ];
    for (const [what, make, line] of cases) {
      rmSync(path.join(dir, 'refs.bib'));
      make(path.join(dir, 'refs.bib'));
      const r = cli(['build', '--offline'], { cwd: dir });
      expect(r.code, what).toBe(1);
      expect(r.stderr.split('\n')[0], what).toBe(line);
      expect(r.stderr, what).not.toMatch(/\n\s+at |internal error/);
      expect(readFileSync(path.join(dir, 'dist/index.html')).equals(page), what).toBe(true);
    }
  });

  it('profile.yaml linked to /dev/zero is reported as such, not as missing', async () => {
    const dir = example();
    rmSync(path.join(dir, 'profile.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'profile.yaml'));
    const r = await within(validate({ cwd: dir }));
    expect(r.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain('profile.yaml io/unreadable');
  });

  it('cache files that are pipes or links to /dev/zero are passed over: the build ends, and the page is the same', { timeout: 60_000 }, async () => {
    const dir = example();
    const clean = await build({ cwd: dir, offline: true, out: 'clean.html', cacheDir: 'c1' });
    expect(clean.errors).toBe(0);
    const cache = path.join(dir, 'c2');
    mkdirSync(path.join(cache, 'builds'), { recursive: true });
    fifo(path.join(cache, 'entries.json'));
    symlinkSync('/dev/zero', path.join(cache, 'stars.json'));
    fifo(path.join(cache, 'citations.json'));
    const r = await within(build({ cwd: dir, offline: true, out: 'other.html', cacheDir: 'c2' }));
    expect(r.errors).toBe(0);
    const strip = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(strip('other.html')).toBe(strip('clean.html'));
  });

  it('a theme file that is a pipe is theme/unreadable, at its path', async () => {
    const dir = example();
    mkdirSync(path.join(dir, 'mytheme/partials'), { recursive: true });
    writeFileSync(path.join(dir, 'mytheme/theme.json'), JSON.stringify({ name: 'mine', extends: 'default' }));
    fifo(path.join(dir, 'mytheme/partials/footer.hbs'));
    const r = await within(build({ cwd: dir, offline: true, theme: './mytheme' }));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.code}`)).toEqual(['mytheme/partials/footer.hbs theme/unreadable']);
  });

  it('import: a config that is a pipe, a link to /dev/zero or out of the site is not read, and is listed as not carried over', async () => {
    const site = tmp();
    mkdirSync(path.join(site, '_bibliography'));
    fifo(path.join(site, '_config.yml'));
    mkdirSync(path.join(site, '_pages'));
    symlinkSync('/dev/zero', path.join(site, '_pages/about.md'));
    writeFileSync(path.join(site, '_bibliography/papers.bib'), '@misc{a, title={T}, year=2020}\n');
    const secret = path.join(tmp(), 'secret.yml');
    writeFileSync(secret, 'first_name: Leaked\n');
    mkdirSync(path.join(site, '_data'));
    symlinkSync(secret, path.join(site, '_data/socials.yml'));
    const r = await within(importSite({ site, out: site, kind: 'al-folio' }));
    const dropped = r.report.dropped.map((n) => `${n.file}: ${n.why}`);
    expect(dropped).toContain('_config.yml: it was not read: not a regular file (a device, a pipe or a socket); only files are read');
    expect(dropped).toContain('_pages/about.md: "_pages/about.md" is a link that points outside the site folder');
    expect(dropped).toContain('_data/socials.yml: "_data/socials.yml" is a link that points outside the site folder');
    expect(existsSync(path.join(site, 'profile.yaml'))).toBe(true);
    expect(readFileSync(path.join(site, 'profile.yaml'), 'utf8')).not.toContain('Leaked');
  });
});
