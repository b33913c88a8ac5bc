import { createServer, type Server } from 'node:http';
import { listenLocal, type Handler } from './local-server.js';

export type ScholarApi = 'openalex' | 'semantic-scholar';

export interface FakeScholar {
  url: string;
  /** Every request path (with its query) received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** The work a request asks about, as the cache keys it ("doi:10.1/x", "arxiv:2101.00001"), or "". */
function workOf(api: ScholarApi, url: string): string {
  const p = decodeURIComponent(url.split('?')[0]).toLowerCase();
  if (api === 'openalex') {
    const doi = /^\/works\/doi:(.+)$/.exec(p)?.[1];
    if (!doi) return '';
    return doi.startsWith('10.48550/arxiv.') ? `arxiv:${doi.slice('10.48550/arxiv.'.length)}` : `doi:${doi}`;
  }
  const m = /^\/graph\/v1\/paper\/(doi|arxiv):(.+)$/.exec(p);
  return m ? `${m[1]}:${m[2]}` : '';
}

/** The body each API answers with: the real field names, among others it sends. */
export const answer = (api: ScholarApi, count: unknown): string =>
  JSON.stringify(api === 'openalex' ? { id: 'https://openalex.org/W1', display_name: 'A work', cited_by_count: count } : { paperId: 'abc123', citationCount: count });

/**
 * A real HTTP server on 127.0.0.1 that plays OpenAlex (GET /works/doi:…) or Semantic Scholar
 * (GET /graph/v1/paper/DOI:…|arXiv:…?fields=citationCount). `counts` maps a work to its count;
 * `behave` maps a work to a special behaviour (404, 429, 500-then-200, slow, black hole…).
 */
export async function fakeScholar(api: ScholarApi, counts: Record<string, number> = {}, behave: Record<string, Handler> = {}): Promise<FakeScholar> {
  const requests: string[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const work = workOf(api, url);
    const nth = (seen.get(work) ?? 0) + 1;
    seen.set(work, nth);
    const special = behave[work];
    if (special) return special(req, res, nth);
    if (work in counts) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer(api, counts[work]));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(api === 'openalex' ? '{"error":"Not Found"}' : '{"error":"Paper not found"}');
  });
  const { port, close } = await listenLocal(server);
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

export const scholarBehaviours = {
  status: (code: number, headers: Record<string, string> = {}): Handler => (_req, res) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end('{"error":"nope"}');
  },
  failThenOk: (api: ScholarApi, count: number): Handler => (_req, res, nth) => {
    res.writeHead(nth === 1 ? 500 : 200, { 'content-type': 'application/json' });
    res.end(nth === 1 ? '{"error":"boom"}' : answer(api, count));
  },
  slow: (api: ScholarApi, ms: number, count: number): Handler => (_req, res) => {
    const t = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer(api, count));
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
