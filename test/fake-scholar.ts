import { createServer, type Server } from 'node:http';
import { listenLocal, type Handler } from './local-server.js';

export type ScholarApi = 'openalex' | 'semantic-scholar' | 'inspire';

export interface FakeScholar {
  url: string;
  /** Every request path (with its query) received, in order. */
  requests: string[];
  /** When each of them arrived (Date.now()). */
  arrivals: number[];
  close(): Promise<void>;
}

/** A work OpenAlex's title search can find: by its title's words and its publication year. */
export interface TitledWork { title: string; year: number; count: number }

/** Words of a text, as a word search sees them: accents and case folded. */
const words = (s: string): string[] => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * The lookup a request asks about, as the cache keys it ("doi:10.1/x", "arxiv:2101.00001",
 * "inspire:3255", "title:2020:some words"), or "".
 */
function lookupOf(api: ScholarApi, url: string): string {
  const u = new URL(url, 'http://fake');
  const p = decodeURIComponent(u.pathname).toLowerCase();
  if (api === 'inspire') {
    if (p !== '/literature') return '';
    const m = /^(recid|doi|arxiv):"?([^"]+)"?$/.exec(u.searchParams.get('q') ?? '');
    return m ? `${m[1] === 'recid' ? 'inspire' : m[1]}:${m[2].toLowerCase()}` : '';
  }
  if (api === 'openalex') {
    const title = /^title\.search:([^,]*),publication_year:(\d+)$/.exec(u.searchParams.get('filter') ?? '');
    if (p === '/works' && title) return `title:${title[2]}:${title[1]}`;
    const doi = /^\/works\/doi:(.+)$/.exec(p)?.[1];
    if (!doi) return '';
    return doi.startsWith('10.48550/arxiv.') ? `arxiv:${doi.slice('10.48550/arxiv.'.length)}` : `doi:${doi}`;
  }
  const m = /^\/graph\/v1\/paper\/(doi|arxiv):(.+)$/.exec(p);
  return m ? `${m[1]}:${m[2]}` : '';
}

/** The body each API answers with: the real field names, among others it sends. */
export function answer(api: ScholarApi, count: unknown): string {
  if (api === 'openalex') return JSON.stringify({ id: 'https://openalex.org/W1', display_name: 'A work', cited_by_count: count });
  if (api === 'inspire') return inspireHits(count === undefined ? [] : [count]);
  return JSON.stringify({ paperId: 'abc123', citationCount: count });
}

/** INSPIRE's search answer: `hits.total` and one hit per count, with only `citation_count` asked for. */
export const inspireHits = (counts: unknown[]): string =>
  JSON.stringify({ hits: { hits: counts.map((c, i) => ({ id: String(1000 + i), metadata: { citation_count: c } })), total: counts.length }, links: { self: 'https://inspirehep.net/api/literature/?q=x' } });

/** OpenAlex's list answer for a title search. */
export const openAlexResults = (list: TitledWork[]): string =>
  JSON.stringify({ meta: { count: list.length, page: 1, per_page: 10 }, results: list.map((w, i) => ({ id: `https://openalex.org/W${100 + i}`, display_name: w.title, publication_year: w.year, cited_by_count: w.count })), group_by: [] });

/**
 * A real HTTP server on 127.0.0.1 that plays OpenAlex (GET /works/doi:…, and GET /works?filter=
 * title.search:…,publication_year:… over `works`, by words as the real search is), Semantic Scholar
 * (GET /graph/v1/paper/DOI:…|arXiv:…?fields=citationCount) or INSPIRE-HEP (GET /literature?q=recid:…|
 * doi:"…"|arxiv:"…", answering 200 with no hits when it has no record, as INSPIRE does). `counts`
 * maps a lookup to its count; `behave` maps one to a special behaviour (404, 429, 500-then-200…).
 */
export async function fakeScholar(api: ScholarApi, counts: Record<string, number> = {}, behave: Record<string, Handler> = {}, works: TitledWork[] = []): Promise<FakeScholar> {
  const requests: string[] = [];
  const arrivals: number[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    arrivals.push(Date.now());
    const key = lookupOf(api, url);
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const special = behave[key];
    if (special) return special(req, res, nth);
    const json = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (key.startsWith('title:')) {
      const [, year, query] = /^title:(\d+):(.*)$/.exec(key)!;
      const found = works.filter((w) => w.year === Number(year) && words(query).every((q) => words(w.title).includes(q)));
      return json(200, openAlexResults(found));
    }
    if (key in counts) return json(200, answer(api, counts[key]));
    if (api === 'inspire') return json(200, inspireHits([]));
    json(404, api === 'openalex' ? '{"error":"Not Found"}' : '{"error":"Paper not found"}');
  });
  const { port, close } = await listenLocal(server);
  return { url: `http://127.0.0.1:${port}`, requests, arrivals, close };
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
