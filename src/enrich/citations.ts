import { enrichProblem, type Enricher, type EnrichContext } from './enricher.js';
import { get, mapLimit, type FetchOutcome } from './http.js';
import { CitationCache, type CitationRecord, type CitationSource } from './citation-cache.js';
import { isCount } from './cache.js';
import type { Publication } from '../model/publication.js';
import type { Position } from '../model/diagnostic.js';

/** The work an entry names, as the cache keys it: its DOI, else its arXiv id. */
export function workOf(raw: Record<string, string>): string | undefined {
  const doi = raw.doi?.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, '');
  if (doi && /^10\.\d{4,9}\/\S{1,300}$/.test(doi)) return `doi:${doi.toLowerCase()}`;
  const eprint = /arxiv/i.test(raw.archiveprefix ?? raw.eprinttype ?? '') ? raw.eprint : undefined;
  const id = (raw.arxiv ?? eprint)?.trim().replace(/^(?:https?:\/\/arxiv\.org\/abs\/|arxiv:)/i, '').replace(/v\d+$/, '');
  if (id && /^(?:\d{4}\.\d{4,5}|[a-z-]{2,20}(?:\.[a-z]{2})?\/\d{7})$/i.test(id)) return `arxiv:${id.toLowerCase()}`;
  return undefined;
}

/** al-folio fields whose badges are a third party's script: recognized, and said to be left out. */
const THIRD_PARTY = ['altmetric', 'dimensions', 'google_scholar_id'];

type Failure = { reason: string; rateLimited?: boolean; unreachable?: boolean };
type Service = { source: CitationSource; url(work: string): string; count(json: unknown): unknown };

/**
 * Citation counts, when the profile asks (`citations: openalex`): OpenAlex by DOI or arXiv id,
 * Semantic Scholar when OpenAlex has no answer; through `.scholar-cache/citations.json`. A failure
 * keeps the last known count, or shows no badge; it never fails the build unless --strict.
 */
export const citationCounts: Enricher = {
  name: 'citations',
  waits: true,
  async enrich(pubs, ctx) {
    reportThirdParty(pubs, ctx);
    if (!ctx.profile.citations) return;
    const byWork = new Map<string, Publication[]>();
    for (const p of pubs) {
      if (/^\s*false\s*$/i.test(p.entry.raw.citations ?? '')) continue;
      const work = workOf(p.entry.raw);
      if (work) byWork.set(work, [...(byWork.get(work) ?? []), p]);
    }
    if (!byWork.size) return;
    const cache = await CitationCache.open(ctx.cache.dir, ctx.report);
    const services = servicesFor(ctx);
    const stopped = new Map<CitationSource, string>(); // a service rate limited or unreachable is not asked again
    const results = new Map<string, CitationRecord | undefined>();
    let skipped = 0;
    await mapLimit([...byWork.keys()], ctx.net.concurrency, async (work) => {
      const cached = cache.get(work);
      if ((cached && ctx.now - cached.fetchedAt < ctx.citations.ttlMs) || ctx.net.offline) return void results.set(work, cached);
      const failures: string[] = [];
      let limited = false;
      for (const s of services) {
        if (stopped.has(s.source)) {
          failures.push(`${s.source}: not asked (${stopped.get(s.source)})`);
          continue;
        }
        const got = await ask(s, work, ctx);
        if (typeof got === 'number') {
          const record = { count: got, source: s.source, fetchedAt: ctx.now };
          cache.set(work, record);
          return void results.set(work, record);
        }
        if (got.rateLimited) stopped.set(s.source, 'rate limited');
        if (got.unreachable) stopped.set(s.source, 'unreachable');
        limited ||= !!got.rateLimited;
        failures.push(`${s.source}: ${got.reason}`);
      }
      results.set(work, cached);
      if (failures.every((f) => f.includes(': not asked ('))) return void skipped++;
      const p = byWork.get(work)![0];
      enrichProblem(ctx, p.entry.file, where(p), limited ? 'citations/rate-limited' : 'citations/fetch-failed',
        `citations of ${work}: ${failures.join('; ')}; ${cached ? `keeping the last known count (${cached.count}, ${cached.source})` : 'no citations badge'}`);
    });
    if (skipped) {
      enrichProblem(ctx, pubs[0].entry.file, undefined, 'citations/not-asked', `${skipped} more works were not asked (${[...stopped].map(([s, why]) => `${s} ${why}`).join(', ')}); they keep their last known counts`);
    }
    await cache.save(ctx.report);
    for (const [work, list] of byWork) {
      const r = results.get(work);
      if (!r) continue;
      if (!ctx.net.offline) ctx.citations.dueAt = Math.min(ctx.citations.dueAt ?? Infinity, r.fetchedAt + ctx.citations.ttlMs);
      for (const p of list) p.citations = r;
    }
  },
};

function servicesFor(ctx: EnrichContext): Service[] {
  const email = ctx.profile.email?.trim().replace(/^mailto:/i, '');
  const mailto = email && /^[^\s@]+@[^\s@]+$/.test(email) ? `?mailto=${encodeURIComponent(email)}` : '';
  return [
    {
      source: 'OpenAlex',
      // arXiv papers are in OpenAlex under the DOIs arXiv mints for them.
      url: (work) => `${base(ctx.citations.openalexApi)}/works/doi:${path(work.startsWith('doi:') ? work.slice(4) : `10.48550/arXiv.${work.slice(6)}`)}${mailto}`,
      count: (json) => (json as { cited_by_count?: unknown }).cited_by_count,
    },
    {
      source: 'Semantic Scholar',
      url: (work) => `${base(ctx.citations.semanticScholarApi)}/graph/v1/paper/${work.startsWith('doi:') ? 'DOI:' : 'arXiv:'}${path(work.slice(work.indexOf(':') + 1))}?fields=citationCount`,
      count: (json) => (json as { citationCount?: unknown }).citationCount,
    },
  ];
}

async function ask(s: Service, work: string, ctx: EnrichContext): Promise<number | Failure> {
  const r: FetchOutcome = await get(s.url(work), { accept: 'application/json', 'user-agent': 'scholar-page' }, ctx.net, 1024 * 1024);
  if (!r.ok) return { reason: r.status === 404 ? 'not found (HTTP 404)' : r.reason, rateLimited: r.rateLimited, unreachable: r.unreachable };
  let n: unknown;
  try {
    n = s.count(JSON.parse(Buffer.from(r.body).toString('utf8')) ?? {});
  } catch {
    return { reason: 'the response is not valid JSON' };
  }
  return isCount(n) ? n : { reason: n === undefined ? 'the response has no citation count' : 'the response\'s citation count is not a non-negative integer' };
}

function reportThirdParty(pubs: Publication[], ctx: EnrichContext): void {
  for (const field of THIRD_PARTY) {
    const having = pubs.filter((p) => p.entry.raw[field] !== undefined);
    if (!having.length) continue;
    const first = having[0].entry;
    ctx.report.info(first.file, first.fieldPos[field] ?? first.pos, {
      code: 'citations/third-party-field',
      message: `\`${field}\` (${having.length} entr${having.length === 1 ? 'y' : 'ies'}) is not shown: its badge needs a third-party script`,
      hint: ctx.profile.citations ? undefined : 'for citation counts without a script, set `citations: openalex` in the profile',
    });
  }
}

const where = (p: Publication): Position | undefined => p.entry.fieldPos.doi ?? p.entry.fieldPos.arxiv ?? p.entry.fieldPos.eprint ?? p.entry.pos;
const path = (id: string): string => id.split('/').map(encodeURIComponent).join('/');
function base(url: string): string {
  let b = url;
  while (b.endsWith('/')) b = b.slice(0, -1); // not /\/+$/: quadratic on a run of slashes
  return b;
}
