/**
 * The one GET every enricher makes (src/enrich/http.ts), against real servers on 127.0.0.1:
 * redirects as fetch follows them, and HTTPS with the extra certificates of NODE_EXTRA_CA_CERTS,
 * which bin/scholar-page hands over so that they are read only when a request is made.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { get, type NetOptions } from '../../src/enrich/http.js';
import { fakeGitHub, type FakeGitHub } from '../fake-github.js';
import { cliAsync, ROOT } from '../cli/run.js';

// Generous: a busy machine may take seconds to answer; the tests of a timeout set their own.
const net = (): NetOptions => ({ offline: false, timeoutMs: 20_000, deadline: Date.now() + 60_000, concurrency: 1, retries: 0 });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server that answers each path with a handler, and records what it was sent. */
async function serve(routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>) {
  const seen: { path: string; authorization?: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const route = routes[req.url ?? ''];
    if (route) return route(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}
const redirect = (to: string, code = 302) => (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(code, { location: to }).end();
const text = (body: string) => (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(200).end(body);

describe('GET', () => {
  it('follows redirects, relative and absolute, of every kind, and returns the last answer', async () => {
    const a = await serve({ '/1': redirect('/2', 301), '/2': redirect('3', 303), '/3': redirect('/4', 307), '/4': redirect('/5', 308), '/5': text('here') });
    const r = await get(`${a.url}/1`, {}, net());
    expect(r.ok && Buffer.from(r.body).toString()).toBe('here');
    expect(a.seen.map((s) => s.path)).toEqual(['/1', '/2', '/3', '/4', '/5']);
  });

  it('keeps the Authorization header on the same origin and drops it when a redirect leaves it', async () => {
    const b = await serve({ '/there': text('other origin') });
    const a = await serve({ '/start': redirect('/same'), '/same': redirect(`${b.url}/there`) });
    const r = await get(`${a.url}/start`, { authorization: 'Bearer secret' }, net());
    expect(r.ok).toBe(true);
    expect(a.seen.map((s) => s.authorization)).toEqual(['Bearer secret', 'Bearer secret']);
    expect(b.seen).toEqual([{ path: '/there', authorization: undefined }]);
  });

  it('refuses a redirect out of http(s), and a loop of redirects', async () => {
    const a = await serve({ '/file': redirect('file:///etc/passwd'), '/loop': redirect('/loop') });
    expect(await get(`${a.url}/file`, {}, net())).toMatchObject({ ok: false, reason: 'not an http(s) URL: file:' });
    expect(await get(`${a.url}/loop`, {}, net())).toMatchObject({ ok: false, status: 302, reason: 'more than 20 redirects' });
    expect(a.seen.filter((s) => s.path === '/loop')).toHaveLength(21);
  });

  it('reports a status, a body over the limit and a refused connection as failures', async () => {
    const a = await serve({ '/big': text('x'.repeat(2000)), '/gone': (_q, res) => void res.writeHead(410).end() });
    expect(await get(`${a.url}/gone`, {}, net())).toMatchObject({ ok: false, status: 410, reason: 'HTTP 410', transient: false });
    expect(await get(`${a.url}/big`, {}, net(), 1000)).toMatchObject({ ok: false, reason: 'response larger than 1000 bytes' });
    // Port 1 on the loopback: privileged, and nobody listens there.
    expect(await get('http://127.0.0.1:1/', {}, net())).toMatchObject({ ok: false, reason: 'ECONNREFUSED', unreachable: true });
  });

  it('refuses a URL with a user name or password, as fetch does, without asking', async () => {
    const a = await serve({ '/x': text('x') });
    expect(await get(a.url.replace('http://', 'http://user:pw@') + '/x', {}, net())).toMatchObject({ ok: false, reason: 'the URL holds credentials' });
    expect(a.seen).toEqual([]);
  });

  it('times out on a server that sends the headers and then stalls', async () => {
    const a = await serve({ '/stall': (_q, res) => void res.writeHead(200, { 'content-length': '100' }).write('only part') });
    expect(await get(`${a.url}/stall`, {}, { ...net(), timeoutMs: 200 })).toMatchObject({ ok: false, reason: 'timed out after 200 ms' });
  });

  it('closes a refused answer at once instead of reading its body', async () => {
    let closedAt = 0;
    const a = await serve({
      '/endless': (_q, res) => {
        res.writeHead(404);
        const t = setInterval(() => res.write('x'.repeat(1000)), 5);
        res.on('close', () => { clearInterval(t); closedAt = Date.now(); });
      },
    });
    const r = await get(`${a.url}/endless`, {}, net());
    expect(r).toMatchObject({ ok: false, status: 404 });
    // An endless body that were read (drained) would keep the connection open for ever; no time
    // bound beyond a generous wait (the machine may be busy).
    for (let i = 0; i < 200 && !closedAt; i++) await new Promise((done) => setTimeout(done, 50));
    expect(closedAt).toBeGreaterThan(0);
  });

  it('decodes gzip, deflate and br bodies as fetch does, and counts the limit after decoding', async () => {
    const body = 'decoded '.repeat(500);
    const coded = (coding: string, bytes: Buffer) => (_q: IncomingMessage, res: ServerResponse) => void res.writeHead(200, { 'content-encoding': coding }).end(bytes);
    const a = await serve({
      '/gzip': coded('gzip', gzipSync(body)), '/deflate': coded('deflate', deflateSync(body)), '/br': coded('br', brotliCompressSync(body)),
      '/both': coded('deflate, gzip', gzipSync(deflateSync(body))), '/odd': coded('zstd-like', Buffer.from('as sent')),
      '/accept': (req, res) => void res.writeHead(200).end(String(req.headers['accept-encoding'])),
    });
    for (const path of ['/gzip', '/deflate', '/br', '/both']) {
      const r = await get(`${a.url}${path}`, {}, net());
      expect(r.ok && Buffer.from(r.body).toString(), path).toBe(body);
    }
    const odd = await get(`${a.url}/odd`, {}, net());
    expect(odd.ok && Buffer.from(odd.body).toString()).toBe('as sent');
    expect(await get(`${a.url}/gzip`, {}, net(), 1000)).toMatchObject({ ok: false, reason: 'response larger than 1000 bytes' });
    const accept = await get(`${a.url}/accept`, {}, net());
    expect(accept.ok && Buffer.from(accept.body).toString()).toBe('gzip, deflate, br');
  });
});

const TLS = { key: readFileSync(path.join(ROOT, 'test/fixtures/tls/key.pem'), 'utf8'), cert: readFileSync(path.join(ROOT, 'test/fixtures/tls/cert.pem'), 'utf8') };
const CERT_FILE = path.join(ROOT, 'test/fixtures/tls/cert.pem');

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-tls-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@misc{e, title = {Entry}, author = {Doe, Jane}, year = {2020}, repo = {tls/repo}}\n');
  return dir;
}

describe('HTTPS and NODE_EXTRA_CA_CERTS, through bin/scholar-page', () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  it('trusts the extra certificates for the requests a build makes', async () => {
    github = await fakeGitHub({ 'tls/repo': 321 }, {}, TLS);
    const r = await cliAsync(['build', 'refs.bib', '--github-api', github.url], { cwd: site(), env: { NODE_EXTRA_CA_CERTS: CERT_FILE, SCHOLAR_PAGE_EXTRA_CA_CERTS: undefined }, shell: true });
    expect(r.stderr).toContain('repos 1 fetched');
    expect(github.requests.map((q) => q.path)).toEqual(['/repos/tls/repo']);
  });

  it('without them, the self-signed server is refused', async () => {
    github = await fakeGitHub({ 'tls/repo': 321 }, {}, TLS);
    const r = await cliAsync(['build', 'refs.bib', '--github-api', github.url], { cwd: site(), env: { NODE_EXTRA_CA_CERTS: undefined, SCHOLAR_PAGE_EXTRA_CA_CERTS: undefined }, shell: true });
    expect(r.stderr).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|self[- ]signed/i);
    expect(r.stderr).toContain('1 failed');
  });

  it('reads them only when a request is made: an offline build never opens the file', async () => {
    const missing = path.join(tmpdir(), 'sp-no-such-ca.pem');
    const offline = await cliAsync(['build', 'refs.bib', '--offline'], { cwd: site(), env: { NODE_EXTRA_CA_CERTS: missing, SCHOLAR_PAGE_EXTRA_CA_CERTS: undefined }, shell: true });
    expect(offline.code).toBe(0);
    expect(offline.stderr).not.toContain('Ignoring extra certs');
    github = await fakeGitHub({ 'tls/repo': 321 }, {}, TLS);
    const online = await cliAsync(['build', 'refs.bib', '--github-api', github.url], { cwd: site(), env: { NODE_EXTRA_CA_CERTS: missing, SCHOLAR_PAGE_EXTRA_CA_CERTS: undefined }, shell: true });
    expect(online.stderr).toContain(`Ignoring extra certs from \`${missing}\``);
  });

  it('keeps the certificates before a bad one, and says that the rest was not loaded', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sp-ca-')), 'ca.pem');
    writeFileSync(file, `${TLS.cert}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n`);
    github = await fakeGitHub({ 'tls/repo': 321 }, {}, TLS);
    const r = await cliAsync(['build', 'refs.bib', '--github-api', github.url], { cwd: site(), env: { NODE_EXTRA_CA_CERTS: file, SCHOLAR_PAGE_EXTRA_CA_CERTS: undefined }, shell: true });
    expect(r.stderr).toContain(`Ignoring extra certs from \`${file}\``);
    expect(r.stderr).toContain('repos 1 fetched');
  });
});
