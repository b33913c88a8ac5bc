import { describe, expect, it } from 'vitest';
import { runEnrichers } from '../../src/enrich/index.js';
import type { Enricher, EnrichContext } from '../../src/enrich/enricher.js';

const ctx = {} as EnrichContext; // the fake enrichers below read nothing of it

describe('the order enrichers run in', () => {
  it('starts those that wait first, runs those that compute meanwhile, and ends when all are done', async () => {
    const order: string[] = [];
    const waiting = (name: string): Enricher => ({
      name,
      waits: true,
      async enrich() {
        order.push(`${name} starts`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${name} ends`);
      },
    });
    const computing = (name: string): Enricher => ({ name, enrich: () => void order.push(name) });
    await runEnrichers([computing('badge'), computing('links'), waiting('stars'), waiting('images')], [], ctx);
    expect(order).toEqual(['stars starts', 'images starts', 'badge', 'links', 'stars ends', 'images ends']);
  });

  it('an enricher that computes and throws fails the run with its error; one that waits and fails later is not left unhandled', async () => {
    let failed = false;
    const slow: Enricher = { name: 'slow', waits: true, enrich: () => new Promise<void>((_, reject) => setTimeout(() => { failed = true; reject(new Error('late')); }, 20)) };
    const broken: Enricher = { name: 'broken', enrich: () => { throw new Error('bug'); } };
    await expect(runEnrichers([broken, slow], [], ctx)).rejects.toThrow('bug');
    await new Promise((r) => setTimeout(r, 40)); // vitest fails the run on an unhandled rejection
    expect(failed).toBe(true);
  });
});
