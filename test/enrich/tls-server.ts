import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll } from 'vitest';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/tls');
/** The self-signed certificate of test/fixtures/tls (for 127.0.0.1), as a CA file for the build. */
export const CERT_FILE = path.join(FIXTURES, 'cert.pem');
const TLS = { key: readFileSync(path.join(FIXTURES, 'key.pem'), 'utf8'), cert: readFileSync(CERT_FILE, 'utf8') };

/**
 * Trusts the test certificate for this test file's requests: the build reads
 * SCHOLAR_PAGE_EXTRA_CA_CERTS on its first HTTPS request (src/enrich/http.ts). The variables are
 * put back after the file, as the next file in this worker (isolate: false) expects them.
 */
export function trustTestCertificate(): void {
  const was = { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS, SCHOLAR_PAGE_EXTRA_CA_CERTS: process.env.SCHOLAR_PAGE_EXTRA_CA_CERTS };
  delete process.env.NODE_EXTRA_CA_CERTS;
  process.env.SCHOLAR_PAGE_EXTRA_CA_CERTS = CERT_FILE;
  afterAll(() => {
    for (const [k, v] of Object.entries(was)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/** A real HTTPS server on 127.0.0.1 that records the paths asked for. */
export async function httpsServer(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: string[] = [];
  const server: Server = createServer(TLS, (req, res) => {
    seen.push(req.url ?? '');
    handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    seen,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
