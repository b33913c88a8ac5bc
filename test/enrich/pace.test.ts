import { describe, expect, it } from 'vitest';
import { pacer } from '../../src/enrich/pace.js';

describe('pacer', () => {
  it('starts the calls for one service at least the interval apart; other services do not wait', async () => {
    const paced = pacer();
    const start = Date.now();
    const ends: Record<string, number[]> = { a: [], b: [] };
    await Promise.all([
      ...[0, 1, 2, 3].map(() => paced('a', 100, Infinity).then(() => ends.a.push(Date.now() - start))),
      paced('b', 100, Infinity).then(() => ends.b.push(Date.now() - start)),
      paced('c', undefined, Infinity),
    ]);
    ends.a.sort((x, y) => x - y);
    // A timer never fires early (a millisecond of rounding aside): the k-th call waited k × 100 ms at least.
    ends.a.forEach((t, k) => expect(t).toBeGreaterThanOrEqual(k * 100 - 1));
    expect(ends.b).toHaveLength(1);
    expect(ends.b[0]).toBeLessThan(ends.a[3]);
  });

  it('does not wait for a turn past the deadline', async () => {
    const paced = pacer();
    const start = Date.now();
    await paced('a', 10_000, start + 1000);
    await paced('a', 10_000, start + 1000); // its turn would be 10 s on: past the deadline
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
