import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { listenLocal, type Handler } from './local-server.js';

export interface FakeGitHub {
  url: string;
  /** Every request path received, in order. */
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that plays the GitHub API. `stars` maps "owner/name" to a count;
 * `behave` maps "owner/name" to a special behaviour (404, rate limits, 500-then-200, slow, black hole…).
 * With `tls` (a key and certificate), it is an HTTPS server.
 */
export async function fakeGitHub(stars: Record<string, number> = {}, behave: Record<string, Handler> = {}, tls?: { key: string; cert: string }): Promise<FakeGitHub> {
  const requests: FakeGitHub['requests'] = [];
  const seen = new Map<string, number>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '';
    requests.push({ path, authorization: req.headers.authorization });
    const repo = /^\/repos\/([^/]+\/[^/?]+)/.exec(path)?.[1] ?? '';
    const nth = (seen.get(repo) ?? 0) + 1;
    seen.set(repo, nth);
    const special = behave[repo];
    if (special) return special(req, res, nth);
    if (repo in stars) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ full_name: repo, stargazers_count: stars[repo] }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"Not Found"}');
  };
  const server: Server = tls ? createTlsServer(tls, handle) : createServer(handle);
  const { port, close } = await listenLocal(server);
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, requests, close };
}

export const behaviours = {
  status: (code: number, headers: Record<string, string> = {}): Handler => (_req, res) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end('{"message":"nope"}');
  },
  failThenOk: (count: number): Handler => (_req, res, nth) => {
    res.writeHead(nth === 1 ? 500 : 200, { 'content-type': 'application/json' });
    res.end(nth === 1 ? '{"message":"boom"}' : JSON.stringify({ stargazers_count: count }));
  },
  slow: (ms: number, count: number): Handler => (_req, res) => {
    const t = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ stargazers_count: count }));
    }, ms);
    res.on('close', () => clearTimeout(t));
  },
  /** The connection is accepted and never answered. */
  blackHole: (): Handler => () => {},
  body: (text: string): Handler => (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(text);
  },
};
