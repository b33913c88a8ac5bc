import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagePaperFiles } from '../../src/write/paper-files.js';
import { OutputError } from '../../src/write/atomic.js';
import type { PaperFile } from '../../src/render/paper-page.js';

const page = (name: string, text = `<p>${name}</p>`): PaperFile => ({ name, bytes: Buffer.from(text) });

/** An output folder; `papers/` in it, and what is there (dot files included). */
function outDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-paper-files-'));
  const papers = path.join(dir, 'papers');
  return {
    outFile: path.join(dir, 'index.html'),
    papers,
    list: () => (existsSync(papers) ? readdirSync(papers).sort() : []),
    read: (n: string) => readFileSync(path.join(papers, n), 'utf8'),
  };
}

async function write(outFile: string, files: PaperFile[] | undefined): Promise<void> {
  await (await stagePaperFiles(outFile, files)).commit();
}

describe('the files of papers/', () => {
  it('are written with a list of what was written; a page of an entry that is gone is removed', async () => {
    const o = outDir();
    await write(o.outFile, [page('a.html'), page('b.html')]);
    expect(o.list()).toEqual(['.scholar-page.json', 'a.html', 'b.html']);
    expect(Object.keys(JSON.parse(o.read('.scholar-page.json')).files)).toEqual(['a.html', 'b.html']);
    await write(o.outFile, [page('b.html', '<p>new b</p>')]);
    expect(o.list()).toEqual(['.scholar-page.json', 'b.html']);
    expect(o.read('b.html')).toBe('<p>new b</p>');
  });

  it('never remove a file someone else put there, nor one of ours that was edited since', async () => {
    const o = outDir();
    await write(o.outFile, [page('a.html'), page('b.html')]);
    writeFileSync(path.join(o.papers, 'notes.html'), 'mine');
    writeFileSync(path.join(o.papers, 'b.html'), 'edited by hand');
    await write(o.outFile, []);
    expect(o.list()).toEqual(['.scholar-page.json', 'b.html', 'notes.html']);
    expect(o.read('b.html')).toBe('edited by hand');
    expect(JSON.parse(o.read('.scholar-page.json')).files).toEqual({});
  });

  it('off: the files a build wrote go, with the list and the folder; a folder with other files stays', async () => {
    const o = outDir();
    await write(o.outFile, [page('a.html')]);
    await write(o.outFile, undefined);
    expect(existsSync(o.papers)).toBe(false);
    await write(o.outFile, [page('a.html')]);
    writeFileSync(path.join(o.papers, 'keep.pdf'), 'mine');
    await write(o.outFile, undefined);
    expect(o.list()).toEqual(['keep.pdf']);
  });

  it('off, with nothing written before: no papers/ folder is made', async () => {
    const o = outDir();
    await write(o.outFile, undefined);
    expect(existsSync(path.dirname(o.outFile)) && readdirSync(path.dirname(o.outFile))).toEqual([]);
  });

  it('a file of that name that is not ours fails the write, and nothing in papers/ changes', async () => {
    const o = outDir();
    await write(o.outFile, [page('a.html'), page('b.html')]);
    writeFileSync(path.join(o.papers, 'c.html'), 'not ours');
    const before = o.list().map((n) => [n, o.read(n)]);
    const err = await stagePaperFiles(o.outFile, [page('a.html', 'new a'), page('c.html')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toMatch(/^papers\/c\.html exists and was not written by scholar-page; nothing was written/);
    expect(o.list().map((n) => [n, o.read(n)])).toEqual(before); // a.html not replaced, no temporary file left
  });

  it('staged and aborted: the old files stay, and no temporary file is left', async () => {
    const o = outDir();
    await write(o.outFile, [page('a.html')]);
    const staged = await stagePaperFiles(o.outFile, [page('a.html', 'new'), page('b.html')]);
    expect(o.list().filter((n) => n.startsWith('.scholar-page-tmp-'))).toHaveLength(2);
    await staged.abort();
    expect(o.list()).toEqual(['.scholar-page.json', 'a.html']);
    expect(o.read('a.html')).toBe('<p>a.html</p>');
  });

  it('the same bytes of someone else are left alone, and not claimed (so never removed later)', async () => {
    const o = outDir();
    mkdirSync(o.papers);
    writeFileSync(path.join(o.papers, 'a.pdf'), 'the PDF');
    await write(o.outFile, [{ name: 'a.pdf', source: path.join(o.papers, 'a.pdf') }]);
    expect(JSON.parse(o.read('.scholar-page.json')).files).toEqual({});
    await write(o.outFile, []);
    expect(o.read('a.pdf')).toBe('the PDF');
  });

  it('read the list as untrusted: a name that is not ours is ignored, so nothing outside papers/ is removed', async () => {
    const o = outDir();
    await write(o.outFile, [page('a.html')]);
    const outside = path.join(path.dirname(o.outFile), 'x.html');
    writeFileSync(outside, '<p>a.html</p>');
    const list = JSON.parse(o.read('.scholar-page.json'));
    list.files['../x.html'] = list.files['a.html'];
    writeFileSync(path.join(o.papers, '.scholar-page.json'), JSON.stringify(list));
    await write(o.outFile, []);
    expect(existsSync(outside)).toBe(true);
    expect(o.list()).toEqual(['.scholar-page.json']);
  });

  it('papers/ as a symlink out of the output folder is refused', async () => {
    const o = outDir();
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'sp-paper-elsewhere-'));
    symlinkSync(elsewhere, o.papers);
    await expect(stagePaperFiles(o.outFile, [page('a.html')])).rejects.toThrow(/would be written outside/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('copy a PDF in chunks, and refuse one over the limit in one line naming it, writing nothing', async () => {
    const o = outDir();
    const src = path.join(path.dirname(o.outFile), 'paper.pdf');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    writeFileSync(src, bytes);
    await write(o.outFile, [{ name: 'paper.pdf', source: src }]);
    expect(readFileSync(path.join(o.papers, 'paper.pdf')).equals(bytes)).toBe(true);
    expect(JSON.parse(o.read('.scholar-page.json')).files['paper.pdf']).toBe(createHash('sha256').update(bytes).digest('hex'));
    truncateSync(src, 1.5 * 1024 ** 3); // sparse: claimed, not on the disk
    const err = await stagePaperFiles(o.outFile, [{ name: 'paper.pdf', source: src }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toBe(`cannot copy ${src} to papers/paper.pdf (the file is 1.5 GiB; the limit is 1 GiB)`);
    expect(readFileSync(path.join(o.papers, 'paper.pdf')).equals(bytes)).toBe(true);
  });
});

