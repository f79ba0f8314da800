/**
 * A season at a low NBA rate (5 requests/s by default, the worker's maxTaskQueueActivitiesPerSecond):
 * wall time from start to result against the floor the limit sets, requests ÷ rate. How the requests
 * spread over the seconds is asserted by test/integration/pipeline/rate-limit.test.ts.
 */
import { timed } from '../clock.js';
import { expectCompleted, SEASON, startWorkers, TEAM_CONCURRENCY, type BenchContext } from '../context.js';

export async function measureRateLimit(ctx: BenchContext, ratePerSecond: number) {
  const database = await ctx.database('rate');
  const workers = await startWorkers(ctx, ratePerSecond);
  try {
    workers.use(database);
    ctx.replay.resetRequests();
    const { seconds, result } = await timed(() =>
      workers.ingest({ season: SEASON, teamConcurrency: TEAM_CONCURRENCY }),
    );
    expectCompleted('rate-limited run', result);
    const requests = ctx.replay.requests().total;
    const floor = requests / ratePerSecond;
    ctx.log(`rate: ${requests} requests at ${ratePerSecond}/s in ${seconds.toFixed(2)} s (floor ${floor} s)`);
    return {
      rate_limit_per_s: ratePerSecond,
      rate_limited_requests: requests,
      rate_limited_wall_s: seconds,
      rate_limit_floor_s: floor,
      rate_limited_ratio: seconds / floor,
    };
  } finally {
    await workers.stop();
    await database.close();
  }
}
