/**
 * A season at NBA_RATE_LIMIT_PER_SEC = 5: wall time from start to result against the floor the
 * limit sets (requests ÷ rate). Temporal's limiter is a token bucket that starts with a small burst
 * (3 tasks at once measured at 2/s), so the request span can be a little under the floor.
 */
import { maxInWindow } from '../../test/helpers/windows.js';
import { timed } from '../clock.js';
import { openDatabase, SEASON, TEAM_CONCURRENCY, type BenchContext } from '../context.js';
import { startInProcessWorkers } from '../in-process.js';

export interface RateLimitFigures {
  rate_limit_per_s: number;
  rate_limited_requests: number;
  rate_limited_wall_s: number;
  rate_limit_floor_s: number;
  rate_limited_ratio: number;
  rate_limited_request_span_s: number;
  rate_limited_peak_per_s: number;
}

export async function measureRateLimit(ctx: BenchContext, ratePerSecond: number): Promise<RateLimitFigures> {
  const { url } = await ctx.databases.create('rate');
  const database = openDatabase(url, 'rate');
  const workers = await startInProcessWorkers({
    address: ctx.temporalAddress,
    client: ctx.client,
    bundlePath: ctx.bundlePath,
    nbaBaseUrl: ctx.replay.url,
    ratePerSecond,
  });
  try {
    workers.use(database);
    ctx.replay.resetRequests();
    const { seconds, result } = await timed(() => workers.ingest({ season: SEASON, teamConcurrency: TEAM_CONCURRENCY }));
    if (result.status !== 'completed') throw new Error(`rate-limited run ended ${result.status}`);
    const times = ctx.replay.requests().log.map((r) => r.t);
    const floor = times.length / ratePerSecond;
    ctx.log(`rate limit: ${times.length} requests at ${ratePerSecond}/s in ${seconds.toFixed(2)} s (floor ${floor} s)`);
    return {
      rate_limit_per_s: ratePerSecond,
      rate_limited_requests: times.length,
      rate_limited_wall_s: seconds,
      rate_limit_floor_s: floor,
      rate_limited_ratio: seconds / floor,
      rate_limited_request_span_s: (Math.max(...times) - Math.min(...times)) / 1000,
      rate_limited_peak_per_s: maxInWindow(times, 1000),
    };
  } finally {
    await workers.stop();
    await database.close();
  }
}
