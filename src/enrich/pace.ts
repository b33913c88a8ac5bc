/**
 * Spaces out the starts of requests to services with a documented rate limit: each call waits until
 * `intervalMs` after the previous one's turn for the same service. A turn that would come at or
 * after `deadline` is not waited for (the request then fails at once on the deadline).
 */
export function pacer(): (service: string, intervalMs: number | undefined, deadline: number) => Promise<void> {
  const next = new Map<string, number>();
  return async (service, intervalMs, deadline) => {
    if (!intervalMs) return;
    const now = Date.now();
    const at = Math.max(now, next.get(service) ?? 0);
    if (at >= deadline) return;
    next.set(service, at + intervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}
