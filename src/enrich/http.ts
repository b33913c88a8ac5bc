import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { lazyRequire } from '../lazy.js';
import { publicLookup, PrivateAddressError, urlProblem, type Egress } from './egress.js';

// Loaded on the first request: a run that asks nothing never loads them.
const http = lazyRequire<typeof import('node:http')>('node:http');
const https = lazyRequire<typeof import('node:https')>('node:https');
const tls = lazyRequire<typeof import('node:tls')>('node:tls');
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib');
const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

/** Network settings shared by the enrichers that fetch. */
export interface NetOptions {
  /** No request at all: the cache only. */
  offline: boolean;
  /** Per-request timeout. */
  timeoutMs: number;
  /** When the whole network phase must be over. */
  deadline: number;
  concurrency: number;
  retries: number;
  /** URLs read from files may reach private addresses too (--allow-private-network). */
  allowPrivateNetwork?: boolean;
}

export type FetchOutcome =
  | { ok: true; status: number; body: Uint8Array }
  | { ok: false; status?: number; reason: string; rateLimited?: boolean; unreachable?: boolean; transient?: boolean };

/**
 * One GET with a timeout, inside the phase deadline; 5xx and network errors are retried with
 * backoff; 403/429 with rate-limit headers are reported as such and never retried. `fromFile`: the
 * URL was read from a file (a thumbnail), so it and every redirect must be a public https: address
 * (egress.ts), unless `net.allowPrivateNetwork`. The GitHub API base is the user's own setting.
 */
export async function get(url: string, headers: Record<string, string>, net: NetOptions, maxBytes = 20 * 1024 * 1024, fromFile = false): Promise<FetchOutcome> {
  const egress: Egress | undefined = fromFile ? { allowPrivateNetwork: net.allowPrivateNetwork ?? false } : undefined;
  let last: FetchOutcome = { ok: false, reason: 'not attempted' };
  for (let attempt = 0; attempt <= net.retries; attempt++) {
    const left = net.deadline - Date.now();
    if (left <= 0) return { ok: false, reason: 'network deadline passed' };
    if (attempt > 0) {
      await sleep(Math.min(left, 250 * 2 ** (attempt - 1)));
      if (net.deadline - Date.now() <= 0) return { ok: false, reason: 'network deadline passed' };
    }
    last = await once(url, headers, Math.min(net.timeoutMs, net.deadline - Date.now()), maxBytes, egress);
    if (last.ok || !last.transient) return last;
  }
  return last;
}

async function once(url: string, headers: Record<string, string>, timeoutMs: number, maxBytes: number, egress: Egress | undefined): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, timeoutMs));
  try {
    let target = new URL(url);
    let sent = headers;
    for (let hop = 0; ; hop++) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return { ok: false, reason: `not an http(s) URL: ${target.protocol}` };
      // As fetch does: a user name or password in the URL is refused, not sent.
      if (target.username || target.password) return { ok: false, reason: 'the URL holds credentials' };
      const refused = egress && urlProblem(target, egress);
      if (refused) return { ok: false, reason: hop ? `redirected to ${target.href}: ${refused}` : refused };
      const res = await request(target, sent, controller.signal, egress ? !egress.allowPrivateNetwork : false);
      const status = res.statusCode ?? 0;
      const header = (name: string): string | undefined => [res.headers[name]].flat().join(', ') || undefined;
      const location = header('location');
      if (REDIRECTS.has(status) && location) {
        res.destroy(); // a body we do not read is not waited for
        if (hop === MAX_REDIRECTS) return { ok: false, status, reason: `more than ${MAX_REDIRECTS} redirects` };
        const next = new URL(location, target);
        // As fetch does: credentials never follow a redirect to another origin.
        if (next.origin !== target.origin) sent = Object.fromEntries(Object.entries(sent).filter(([k]) => k.toLowerCase() !== 'authorization'));
        target = next;
        continue;
      }
      const retryAfter = res.headers['retry-after'];
      if (status === 429 || (status === 403 && (header('x-ratelimit-remaining') === '0' || retryAfter !== undefined))) {
        res.destroy();
        const reset = retryAfter || header('x-ratelimit-reset');
        return { ok: false, status, rateLimited: true, reason: `rate limited (HTTP ${status}${reset ? `, ${retryAfter !== undefined ? 'retry after' : 'reset at'} ${reset}` : ''})` };
      }
      if (status < 200 || status > 299) {
        res.destroy();
        return { ok: false, status, reason: `HTTP ${status}`, transient: status >= 500 };
      }
      const body = await readLimited(decoded(res), maxBytes);
      return body ? { ok: true, status, body } : { ok: false, status, reason: `response larger than ${maxBytes} bytes` };
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    if (controller.signal.aborted) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
    if (e instanceof PrivateAddressError) return { ok: false, reason: e.message };
    const code = e.code ?? e.message;
    // No such host or nobody listening: asking again, or for the next repo, will not help.
    const unreachable = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/.test(code);
    return { ok: false, reason: code, unreachable, transient: /ECONNRESET|EPIPE|ERR_STREAM_PREMATURE_CLOSE/.test(code) };
  } finally {
    clearTimeout(timer);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/** One GET; resolves with the response once its headers are in. `publicOnly`: connect to public addresses only. */
function request(url: URL, headers: Record<string, string>, signal: AbortSignal, publicOnly: boolean): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const sent = Object.keys(headers).some((k) => k.toLowerCase() === 'accept-encoding') ? headers : { 'accept-encoding': 'gzip, deflate, br', ...headers };
    // A guarded request gets an agent of its own: a kept-alive socket that another request opened
    // to a private address is never reused by it. Only https: is guarded (egress.ts).
    const agent = publicOnly ? guardedAgent() : secure ? extraCaAgent() : undefined;
    const req = (secure ? https() : http()).get(url, { headers: sent, signal, agent }, resolve);
    req.on('error', reject);
  });
}

/** The body as sent, decoded as fetch decodes it (gzip, deflate, br; an unknown coding is left as is). */
function decoded(res: IncomingMessage): Readable {
  const codings = (res.headers['content-encoding'] ?? '').toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
  const decoders = codings.reverse().map((c) =>
    c === 'gzip' || c === 'x-gzip' ? zlib().createGunzip() : c === 'deflate' ? zlib().createInflate() : c === 'br' ? zlib().createBrotliDecompress() : undefined);
  if (!decoders.length || decoders.includes(undefined)) return res;
  // pipeline() passes an error of any stage on to the last one, and destroys them all with it.
  return pipeline([res, ...(decoders as Transform[])], () => {}) as unknown as Readable;
}

/** The body, or undefined past `maxBytes` (counted after decoding). */
async function readLimited(body: Readable, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Node 20 reads the certificates of NODE_EXTRA_CA_CERTS at every start, whether the run makes a
 * request or not (~40 ms for a system bundle of 144; nodejs/node#40524). `bin/scholar-page` hands
 * the variable over as SCHOLAR_PAGE_EXTRA_CA_CERTS instead, and they are read here, on the first
 * HTTPS request, into one TLS context that all requests share: Node's default roots (its bundled
 * ones, or the system's when Node is built or started to use those) and these, as Node would
 * trust them. Set by hand, it does the same; with NODE_EXTRA_CA_CERTS set, Node's own handling stands.
 */
let agent: HttpsAgent | undefined | null;
let tlsOptions: object | undefined;
function extraCaAgent(): HttpsAgent | undefined {
  const file = process.env.SCHOLAR_PAGE_EXTRA_CA_CERTS;
  if (agent !== undefined || !file || process.env.NODE_EXTRA_CA_CERTS) return agent ?? undefined;
  agent = null;
  let certs: string[] = [];
  try {
    certs = extraCerts(readFileSync(file, 'latin1'));
  } catch (err) {
    // As Node does when it cannot load the file: a warning, and the certificates read until then.
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(err as Error).message}`);
    certs = (err as { read?: string[] }).read ?? [];
  }
  if (!certs.length) return undefined;
  // The default context (Node's roots, as configured) with the extra certificates added: what
  // Node does with NODE_EXTRA_CA_CERTS. `ca` alone would replace the roots instead.
  const secureContext = tls().createSecureContext();
  const native = (secureContext as unknown as { context?: { addCACert?(pem: string): void } }).context;
  const add = native?.addCACert?.bind(native);
  if (add) for (const pem of certs) add(pem);
  tlsOptions = add ? { secureContext } : { ca: [...tls().rootCertificates, ...certs] };
  agent = new (https().Agent)({ ...AGENT, ...tlsOptions });
  return agent;
}
const AGENT = { keepAlive: true, scheduling: 'lifo', timeout: 5000 } as const;

/** The HTTPS agent that connects to public addresses only, trusting what extraCaAgent trusts. */
let guarded: HttpsAgent | undefined;
function guardedAgent(): HttpsAgent {
  extraCaAgent();
  return (guarded ??= new (https().Agent)({ ...AGENT, ...tlsOptions, lookup: publicLookup as never }));
}

/** The PEM certificates of a file, each checked; throws at the first bad one, with those before it. */
function extraCerts(text: string): string[] {
  const read: string[] = [];
  for (const pem of pemBlocks(text)) {
    try {
      new (crypto().X509Certificate)(pem.replace(/TRUSTED CERTIFICATE/g, 'CERTIFICATE'));
    } catch (err) {
      throw Object.assign(new Error(`a certificate after the first ${read.length} is not valid (${(err as Error).message})`), { read });
    }
    read.push(pem);
  }
  return read;
}

/**
 * The `-----BEGIN (TRUSTED) CERTIFICATE-----` … `-----END …-----` blocks of a text, found with
 * indexOf: a lazy pattern over them is quadratic on many BEGINs with no END.
 */
function* pemBlocks(text: string): Generator<string> {
  const BEGIN = /-----BEGIN (?:TRUSTED )?CERTIFICATE-----/g;
  const END = /-----END (?:TRUSTED )?CERTIFICATE-----/g;
  for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
    END.lastIndex = BEGIN.lastIndex;
    const end = END.exec(text);
    if (!end) return;
    yield text.slice(m.index, END.lastIndex);
    BEGIN.lastIndex = END.lastIndex;
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
