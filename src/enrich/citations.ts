import { enrichProblem, type Enricher, type EnrichContext } from './enricher.js';
import { get, mapLimit } from './http.js';
import { pacer } from './pace.js';
import { CitationCache, type CitationRecord, type CitationSource } from './citation-cache.js';
import { isCount } from './cache.js';
import { citationsOff, lookupOf, type Lookup } from './citation-lookup.js';
import { openAlex, openAlexByTitle } from './citation-sources/openalex.js';
import { semanticScholar } from './citation-sources/semantic-scholar.js';
import { inspire } from './citation-sources/inspire.js';
import type { CitationService } from './citation-sources/service.js';
import { citationSettings, type CitationSettings } from '../model/citation-settings.js';
import type { Publication } from '../model/publication.js';
import type { Position } from '../model/diagnostic.js';
import { reportUnusedFields } from './citation-fields.js';

type Failure = { reason: string; rateLimited?: boolean; unreachable?: boolean; definite?: boolean };

/**
 * Citation counts, when the profile asks (`citations:`): by `inspirehep_id` from INSPIRE-HEP, by DOI
 * or arXiv id from OpenAlex then Semantic Scholar (INSPIRE-HEP first with `source: inspire`), by
 * exact title and year from OpenAlex when asked (`by_title`); through `.scholar-cache/citations.json`.
 * A failure keeps the last known count, or shows no badge; it never fails the build unless --strict.
 */
export const citationCounts: Enricher = {
  name: 'citations',
  waits: true,
  async enrich(pubs, ctx) {
    const settings = citationSettings(ctx.profile);
    reportUnusedFields(pubs, ctx, settings);
    if (!settings) return;
    const byKey = new Map<string, { lookup: Lookup; pubs: Publication[] }>();
    for (const p of pubs) {
      if (citationsOff(p.entry.raw)) continue;
      const lookup = lookupOf(p, settings);
      if (lookup) byKey.set(lookup.key, { lookup, pubs: [...(byKey.get(lookup.key)?.pubs ?? []), p] });
    }
    if (!byKey.size) return;
    const cache = await CitationCache.open(ctx.cache.dir, ctx.report);
    const services = servicesOf(ctx);
    const paced = pacer();
    const stopped = new Map<CitationSource, string>(); // a service rate limited or unreachable is not asked again
    const results = new Map<string, CitationRecord | undefined>();
    let skipped = 0;
    await mapLimit([...byKey.values()], ctx.net.concurrency, async ({ lookup, pubs: [p] }) => {
      const { key } = lookup;
      const cached = cache.get(key);
      const missed = cache.missedAt(key);
      const fresh = (t: number | undefined): boolean => t !== undefined && ctx.now - t < ctx.citations.ttlMs;
      if (fresh(cached?.fetchedAt) || fresh(missed) || ctx.net.offline) return void results.set(key, cached);
      const failures: string[] = [];
      let limited = false;
      let definite = true;
      for (const s of chainOf(lookup, settings, services)) {
        if (stopped.has(s.source)) {
          failures.push(`${s.source}: not asked (${stopped.get(s.source)})`);
          definite = false;
          continue;
        }
        await paced(s.source, s.minIntervalMs, ctx.net.deadline);
        const got = await ask(s, lookup, ctx);
        if (typeof got === 'number') {
          const record = { count: got, source: s.source, fetchedAt: ctx.now };
          cache.set(key, record);
          return void results.set(key, record);
        }
        if (got.rateLimited) stopped.set(s.source, 'rate limited');
        if (got.unreachable) stopped.set(s.source, 'unreachable');
        limited ||= !!got.rateLimited;
        definite &&= !!got.definite;
        failures.push(`${s.source}: ${got.reason}`);
      }
      if (lookup.title && definite) {
        // Not a failure: the title is not there, or not only once (a count it had before is dropped). Asked again when due.
        cache.setMiss(key, ctx.now);
        ctx.report.info(p.entry.file, p.entry.fieldPos.title ?? p.entry.pos, { code: 'citations/no-title-match', message: `no citations badge for "${p.entry.key}": ${failures.join('; ')}`, hint: 'add the entry\'s doi (or arxiv) for a lookup by identifier' });
        return;
      }
      results.set(key, cached);
      if (failures.every((f) => f.includes(': not asked ('))) return void skipped++;
      enrichProblem(ctx, p.entry.file, where(p, lookup), limited ? 'citations/rate-limited' : 'citations/fetch-failed',
        `citations of ${lookup.title ? `"${p.entry.key}" (by title)` : key}: ${failures.join('; ')}; ${cached ? `keeping the last known count (${cached.count}, ${cached.source})` : 'no citations badge'}`);
    });
    if (skipped) {
      enrichProblem(ctx, pubs[0].entry.file, undefined, 'citations/not-asked', `${skipped} more works were not asked (${[...stopped].map(([s, why]) => `${s} ${why}`).join(', ')}); they keep their last known counts`);
    }
    await cache.save(ctx.report);
    for (const [key, { lookup, pubs: list }] of byKey) {
      const r = results.get(key);
      const due = r?.fetchedAt ?? cache.missedAt(key);
      if (!ctx.net.offline && due !== undefined) ctx.citations.dueAt = Math.min(ctx.citations.dueAt ?? Infinity, due + ctx.citations.ttlMs);
      if (!r) continue;
      for (const p of list) p.citations = { ...r, work: lookup.key };
    }
  },
};

type Services = { inspire: CitationService; openAlex: CitationService; byTitle: CitationService; semanticScholar: CitationService };

function servicesOf(ctx: EnrichContext): Services {
  const { openalexApi, semanticScholarApi, inspireApi, openalexKey } = ctx.citations;
  return {
    inspire: inspire(inspireApi),
    openAlex: openAlex(openalexApi, ctx.profile.email, openalexKey),
    byTitle: openAlexByTitle(openalexApi, ctx.profile.email, openalexKey),
    semanticScholar: semanticScholar(semanticScholarApi),
  };
}

/** Who is asked, in order: INSPIRE-HEP first for an `inspirehep_id` or with `source: inspire`. */
function chainOf(l: Lookup, settings: CitationSettings, s: Services): CitationService[] {
  if (l.title) return [s.byTitle];
  const chain = l.inspire || settings.first === 'inspire' ? [s.inspire, s.openAlex, s.semanticScholar] : [s.openAlex, s.semanticScholar];
  return chain.filter((x) => x.url(l) !== undefined);
}

async function ask(s: CitationService, l: Lookup, ctx: EnrichContext): Promise<number | Failure> {
  const r = await get(s.url(l)!, { accept: 'application/json', 'user-agent': 'scholar-page' }, ctx.net, 1024 * 1024);
  if (!r.ok) return { reason: r.status === 404 ? 'not found (HTTP 404)' : r.reason, rateLimited: r.rateLimited, unreachable: r.unreachable };
  let got: ReturnType<CitationService['count']>;
  try {
    got = s.count(JSON.parse(Buffer.from(r.body).toString('utf8')) ?? {}, l);
  } catch {
    return { reason: 'the response is not valid JSON' };
  }
  if (!('value' in got)) return got;
  const n = got.value;
  return isCount(n) ? n : { reason: n === undefined ? 'the response has no citation count' : 'the response\'s citation count is not a non-negative integer' };
}

const where = (p: Publication, l: Lookup): Position | undefined => {
  const f = p.entry.fieldPos;
  return (l.inspire ? f.inspirehep_id : l.title ? f.title : f.doi ?? f.arxiv ?? f.eprint) ?? p.entry.pos;
};
