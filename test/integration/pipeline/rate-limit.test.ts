/**
 * The NBA rate limit is a property of the task queue, not of a worker: with two workers and
 * NBA_RATE_LIMIT_PER_SEC=2 the replay server never sees more than 2 requests in any second
 * (plus the burst Temporal's limiter allows), and both workers take part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { hasNbaData } from '../../support/index.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';
import { maxInWindow } from '../../support/windows.js';

const RATE = 2;
/**
 * Temporal's limiter is a token bucket that starts full: measured here, 3 tasks go out at once when
 * the queue fills, then exactly one every 1/RATE s. So the first second may see RATE + 3 requests;
 * from then on a 1 s window holds at most RATE + 1 (a window's two edges can both catch a request).
 */
const INITIAL_BURST = 3;

describe.skipIf(!hasNbaData())('global NBA rate limit across workers (needs ../shared/nba-data)', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline();
    await pipeline.startWorkers({ rate: RATE, identity: 'worker-a' });
    await pipeline.startWorkers({ rate: RATE, identity: 'worker-b' });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it(`holds ${RATE} requests/s with two workers, and both workers execute activities`, async () => {
    pipeline.replay.resetRequests();
    const handle = await pipeline.start({
      season: '2023-24',
      teamIds: NBA_TEAM_IDS.slice(0, 10),
      teamConcurrency: 6,
    });
    const result = (await handle.result()) as { status: string };
    expect(result.status).toBe('completed');

    const times = pipeline.replay.requests().log.map((r) => r.t);
    expect(times).toHaveLength(20);
    const peak = maxInWindow(times, 1_000);
    console.info(
      `rate limit ${RATE}/s: peak ${peak} requests in a 1 s window over ${times.length} requests, ` +
        `${((Math.max(...times) - Math.min(...times)) / 1000).toFixed(1)} s`,
    );
    expect(peak).toBeLessThanOrEqual(RATE + INITIAL_BURST);
    const first = Math.min(...times);
    const steady = times.filter((t) => t >= first + 1_000);
    expect(maxInWindow(steady, 1_000)).toBeLessThanOrEqual(RATE + 1);

    const identities = new Set<string>();
    for (const event of (await handle.fetchHistory()).events ?? []) {
      const identity = event.activityTaskStartedEventAttributes?.identity;
      if (identity) identities.add(identity);
    }
    expect([...identities].sort()).toEqual(['worker-a', 'worker-b']);
  });
});
