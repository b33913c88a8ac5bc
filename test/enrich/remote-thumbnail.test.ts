import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';

const JPG = readFileSync(path.join(import.meta.dirname, '../../data/example/thumbnails/attgan.jpg'));

describe('a thumbnail given as a URL', () => {
  it('is downloaded once, cached, and embedded; a failed download is a warning', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/thumb.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(JPG);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'sp-remote-'));
      writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\n');
      writeFileSync(path.join(dir, 'refs.bib'), `@misc{a, title={A}, author={Doe, Jane}, year=2020, thumbnail={${base}/thumb.jpg}}\n@misc{b, title={B}, author={Doe, Jane}, year=2020, thumbnail={${base}/gone.jpg}}`);
      const opts = { cwd: dir, out: 'index.html', netTimeoutMs: 2000, netBudgetMs: 5000 };
      const first = await build(opts);
      expect(first.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['image/download-failed warning']);
      const html = readFileSync(first.outFile!, 'utf8');
      expect(html.match(/<img src="data:image\/(webp|avif);base64,/g)).toHaveLength(1);
      expect(html).not.toContain(base);
      expect(hits.filter((h) => h === '/thumb.jpg')).toHaveLength(1);

      await build(opts);
      expect(hits.filter((h) => h === '/thumb.jpg')).toHaveLength(1); // from the cache
      const offline = await build({ ...opts, offline: true });
      expect(readFileSync(offline.outFile!, 'utf8')).toBe(html);
    } finally {
      server.close();
    }
  });
});
