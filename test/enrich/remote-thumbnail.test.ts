import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { httpsServer, trustTestCertificate } from './tls-server.js';

const JPG = readFileSync(path.join(import.meta.dirname, '../../data/example/thumbnails/attgan.jpg'));
trustTestCertificate();

describe('a thumbnail given as a URL', () => {
  it('is downloaded once, cached, and embedded; a failed download is a warning', async () => {
    const server = await httpsServer((req, res) => {
      if (req.url === '/thumb.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(JPG);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    const base = server.url;
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'sp-remote-'));
      writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\n');
      writeFileSync(path.join(dir, 'refs.bib'), `@misc{a, title={A}, author={Doe, Jane}, year=2020, thumbnail={${base}/thumb.jpg}}\n@misc{b, title={B}, author={Doe, Jane}, year=2020, thumbnail={${base}/gone.jpg}}`);
      // The server is on 127.0.0.1: a private address, allowed here as for an intranet (test/enrich/egress.test.ts).
      const opts = { cwd: dir, out: 'index.html', netTimeoutMs: 2000, netBudgetMs: 5000, allowPrivateNetwork: true };
      const first = await build(opts);
      expect(first.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['image/download-failed warning']);
      const html = readFileSync(first.outFile!, 'utf8');
      expect(html.match(/<img src="data:image\/(webp|avif);base64,/g)).toHaveLength(1);
      expect(html).not.toContain(base);
      expect(server.seen.filter((h) => h === '/thumb.jpg')).toHaveLength(1);

      await build(opts);
      expect(server.seen.filter((h) => h === '/thumb.jpg')).toHaveLength(1); // from the cache
      const offline = await build({ ...opts, offline: true });
      expect(readFileSync(offline.outFile!, 'utf8')).toBe(html);
    } finally {
      await server.close();
    }
  });
});
