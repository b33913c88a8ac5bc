/**
 * No request where a co-author points (issue 19): a thumbnail URL read from a .bib is fetched only
 * from a public https: address, checked after DNS and on every redirect, and only an image body is
 * kept. Real HTTPS servers on 127.0.0.1, which is exactly what must be refused by default.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { isPublicAddress } from '../../src/enrich/egress.js';
import { get, type NetOptions } from '../../src/enrich/http.js';
import { CERT_FILE, httpsServer, trustTestCertificate } from './tls-server.js';
import { cliAsync } from '../cli/run.js';

trustTestCertificate();
const PNG = readFileSync(path.join(import.meta.dirname, '../../data/example/thumbnails/pa-gan.png'));

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function imageServer() {
  const s = await httpsServer((req, res) => {
    if (req.url === '/img.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (req.url === '/page.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end('<html><body>internal dashboard</body></html>');
    if (req.url === '/to-http') return void res.writeHead(302, { location: `http://127.0.0.1:${s.port}/img.png` }).end();
    res.writeHead(404).end();
  });
  closers.push(s.close);
  return s;
}

function site(thumbnails: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-egress-'));
  writeFileSync(path.join(dir, 'profile.yaml'), 'name: Jane Doe\nbibliography: refs.bib\n');
  writeFileSync(path.join(dir, 'refs.bib'), thumbnails.map((t, i) => `@misc{e${i}, title={T}, author={Doe, Jane}, year=2020, thumbnail={${t}}}`).join('\n'));
  return dir;
}
const run = (dir: string, allowPrivateNetwork?: boolean) => build({ cwd: dir, out: 'index.html', netTimeoutMs: 2000, netBudgetMs: 5000, allowPrivateNetwork });
const messages = (r: Awaited<ReturnType<typeof run>>) => r.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);
const downloads = (dir: string) => (existsSync(path.join(dir, '.scholar-cache/images')) ? readdirSync(path.join(dir, '.scholar-cache/images')).filter((f) => f.startsWith('download-')) : []);

describe('which addresses are public', () => {
  it('refuses loopback, private, link-local, CGNAT, unique-local, v4-mapped, multicast and unspecified', () => {
    const refused = ['127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', '64:ff9b::a00:1', 'ff02::1', '[::1]', 'not an address'];
    for (const a of refused) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['8.8.8.8', '140.82.112.3', '2606:4700::1111', '[2a00:1450::1]']) expect(isPublicAddress(a), a).toBe(true);
  });
});

describe('thumbnail URLs from a .bib', () => {
  it('are not fetched from 127.0.0.1, 10.x, 169.254.169.254, or a name that resolves to the loopback', async () => {
    const s = await imageServer();
    const dir = site([`${s.url}/img.png`, 'https://10.0.0.1/img.png', 'https://169.254.169.254/latest/meta-data/', `https://localhost:${s.port}/img.png`, `https://[::ffff:127.0.0.1]:${s.port}/img.png`]);
    const r = await run(dir);
    expect(messages(r)).toEqual([
      `warning image/download-failed: thumbnail of "e0": 127.0.0.1 is not a public address (--allow-private-network allows it); no thumbnail shown`,
      `warning image/download-failed: thumbnail of "e1": 10.0.0.1 is not a public address (--allow-private-network allows it); no thumbnail shown`,
      `warning image/download-failed: thumbnail of "e2": 169.254.169.254 is not a public address (--allow-private-network allows it); no thumbnail shown`,
      `warning image/download-failed: thumbnail of "e3": localhost (127.0.0.1) is not a public address (--allow-private-network allows it); no thumbnail shown`,
      `warning image/download-failed: thumbnail of "e4": ::ffff:7f00:1 is not a public address (--allow-private-network allows it); no thumbnail shown`,
    ]);
    expect(s.seen).toEqual([]);
    expect(downloads(dir)).toEqual([]);
    // Lifted for an intranet: the one served here is fetched and shown.
    const allowed = await run(site([`${s.url}/img.png`]), true);
    expect(messages(allowed)).toEqual([]);
    expect(s.seen).toEqual(['/img.png']);
  });

  it('must be https: an http: one is a warning from validation and is never asked for', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => void (hits.push(req.url ?? ''), res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    const r = await run(site([`http://127.0.0.1:${(server.address() as { port: number }).port}/img.png`]), true);
    expect(messages(r)).toEqual(['warning image/insecure-url: thumbnail of "e0": only https: URLs are downloaded; no thumbnail shown']);
    expect(hits).toEqual([]);
  });

  it('are checked again on every redirect: https: to http: is refused', async () => {
    const s = await imageServer();
    const r = await run(site([`${s.url}/to-http`]), true);
    expect(messages(r)).toEqual([`warning image/download-failed: thumbnail of "e0": redirected to http://127.0.0.1:${s.port}/img.png: only https: URLs are fetched, not http:; no thumbnail shown`]);
    expect(s.seen).toEqual(['/to-http']);
  });

  it('keep only image bodies: a page served as image/png is not written into the cache', async () => {
    const s = await imageServer();
    const dir = site([`${s.url}/page.png`]);
    const r = await run(dir, true);
    expect(messages(r)).toEqual(['warning image/download-failed: thumbnail of "e0": the server sent no image (expected JPEG, PNG, GIF, WebP, AVIF or SVG); no thumbnail shown']);
    expect(downloads(dir)).toEqual([]);
  });
});

describe('--allow-private-network, through bin/scholar-page', () => {
  it('is the CLI option that lifts the address rule', async () => {
    const s = await imageServer();
    const dir = site([`${s.url}/img.png`]);
    const env = { NODE_EXTRA_CA_CERTS: undefined, SCHOLAR_PAGE_EXTRA_CA_CERTS: CERT_FILE };
    const refused = await cliAsync(['build', 'refs.bib'], { cwd: dir, env });
    expect(refused.stderr).toContain('127.0.0.1 is not a public address (--allow-private-network allows it)');
    expect(s.seen).toEqual([]);
    const allowed = await cliAsync(['build', 'refs.bib', '--allow-private-network'], { cwd: dir, env });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).not.toContain('warning');
    expect(s.seen).toEqual(['/img.png']);
  });
});

describe('the GitHub API base is the user\'s own setting', () => {
  it('is asked on 127.0.0.1 without --allow-private-network (get without fromFile)', async () => {
    const s = await imageServer();
    const net: NetOptions = { offline: false, timeoutMs: 2000, deadline: Date.now() + 5000, concurrency: 1, retries: 0 };
    expect((await get(`${s.url}/img.png`, {}, net)).ok).toBe(true);
    expect(await get(`${s.url}/img.png`, {}, net, 1000, true)).toMatchObject({ ok: false, reason: '127.0.0.1 is not a public address (--allow-private-network allows it)' });
  });
});
