/** mapWithConcurrency: results in input order, never more than `limit` in flight, errors propagate. */
import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../workflows/concurrency.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An `fn` that records how many calls run at once; each waits `delays[item]` ticks. */
function tracked(delays: number[]) {
  let inFlight = 0;
  const stats = { peak: 0, started: [] as number[] };
  const fn = async (item: number): Promise<string> => {
    stats.started.push(item);
    inFlight += 1;
    stats.peak = Math.max(stats.peak, inFlight);
    for (let i = 0; i < (delays[item] ?? 0); i++) await tick();
    inFlight -= 1;
    return `r${item}`;
  };
  return { fn, stats };
}

describe('mapWithConcurrency', () => {
  it('returns results in input order whatever order they finish in', async () => {
    const { fn } = tracked([5, 1, 3, 0, 2]);
    expect(await mapWithConcurrency([0, 1, 2, 3, 4], 3, fn)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });

  it.each([1, 2, 4])('never has more than %i calls in flight, and reaches that limit', async (limit) => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const { fn, stats } = tracked(items.map((i) => (i * 7) % 5));
    await mapWithConcurrency(items, limit, fn);
    expect(stats.peak).toBe(limit);
    expect(stats.started.sort((a, b) => a - b)).toEqual(items);
  });

  it('starts items in input order (a deterministic schedule, as workflows need)', async () => {
    const { fn, stats } = tracked([3, 0, 2, 1, 0, 0]);
    await mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, fn);
    expect(stats.started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('handles no items and a limit larger than the items or below one', async () => {
    expect(await mapWithConcurrency([], 4, async (x: number) => x)).toEqual([]);
    const { fn, stats } = tracked([1, 1]);
    expect(await mapWithConcurrency([0, 1], 10, fn)).toEqual(['r0', 'r1']);
    expect(stats.peak).toBe(2);
    const serial = tracked([1, 1, 1]);
    expect(await mapWithConcurrency([0, 1, 2], 0, serial.fn)).toEqual(['r0', 'r1', 'r2']);
    expect(serial.stats.peak).toBe(1);
  });

  it('rejects with the first error and starts nothing new in that lane', async () => {
    const started: number[] = [];
    const run = mapWithConcurrency([0, 1, 2, 3], 1, async (item) => {
      started.push(item);
      if (item === 1) throw new Error('item 1 failed');
      return item;
    });
    await expect(run).rejects.toThrow('item 1 failed');
    expect(started).toEqual([0, 1]);
  });
});
