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
}

export type FetchOutcome =
  | { ok: true; status: number; body: Uint8Array }
  | { ok: false; status?: number; reason: string; rateLimited?: boolean; unreachable?: boolean; transient?: boolean };

/**
 * One GET with a timeout, inside the phase deadline; 5xx and network errors are retried with
 * backoff; 403/429 with rate-limit headers are reported as such and never retried.
 */
export async function get(url: string, headers: Record<string, string>, net: NetOptions, maxBytes = 20 * 1024 * 1024): Promise<FetchOutcome> {
  let last: FetchOutcome = { ok: false, reason: 'not attempted' };
  for (let attempt = 0; attempt <= net.retries; attempt++) {
    const left = net.deadline - Date.now();
    if (left <= 0) return { ok: false, reason: 'network deadline passed' };
    if (attempt > 0) {
      await sleep(Math.min(left, 250 * 2 ** (attempt - 1)));
      if (net.deadline - Date.now() <= 0) return { ok: false, reason: 'network deadline passed' };
    }
    last = await once(url, headers, Math.min(net.timeoutMs, net.deadline - Date.now()), maxBytes);
    if (last.ok || !last.transient) return last;
  }
  return last;
}

async function once(url: string, headers: Record<string, string>, timeoutMs: number, maxBytes: number): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, timeoutMs));
  try {
    const res = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    if (res.status === 429 || (res.status === 403 && (res.headers.get('x-ratelimit-remaining') === '0' || res.headers.has('retry-after')))) {
      await res.body?.cancel();
      const reset = res.headers.get('retry-after') ?? res.headers.get('x-ratelimit-reset');
      return { ok: false, status: res.status, rateLimited: true, reason: `rate limited (HTTP ${res.status}${reset ? `, ${res.headers.has('retry-after') ? 'retry after' : 'reset at'} ${reset}` : ''})` };
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, status: res.status, reason: `HTTP ${res.status}`, transient: res.status >= 500 };
    }
    const body = await readLimited(res, maxBytes);
    return body ? { ok: true, status: res.status, body } : { ok: false, status: res.status, reason: `response larger than ${maxBytes} bytes` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (controller.signal.aborted) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
    const code = e.cause?.code ?? e.message;
    // No such host or nobody listening: asking again, or for the next repo, will not help.
    const unreachable = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/.test(code);
    return { ok: false, reason: code, unreachable, transient: /ECONNRESET|EPIPE|UND_ERR_SOCKET/.test(code) };
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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
