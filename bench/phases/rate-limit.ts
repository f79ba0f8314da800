/**
 * A season at NBA_RATE_LIMIT_PER_SEC = 5: wall time from start to result against the floor the
 * limit sets (requests ÷ rate). Temporal's limiter is a token bucket that starts full, so the first
 * requests go out at once and the request span can be a little under the floor; the burst's size
 * and the busiest 1 s windows are reported with it.
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
  /** Most requests in any 1 s window, over the whole run and after its first second. */
  rate_limited_peak_per_s: number;
  rate_limited_steady_peak_per_s: number;
  /** Requests within 100 ms of the first one: the limiter's initial burst. */
  rate_limited_initial_burst: number;
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
    const { seconds, result } = await timed(() =>
      workers.ingest({ season: SEASON, teamConcurrency: TEAM_CONCURRENCY }),
    );
    if (result.status !== 'completed') throw new Error(`rate-limited run ended ${result.status}`);
    const times = ctx.replay.requests().log.map((r) => r.t);
    const floor = times.length / ratePerSecond;
    const first = Math.min(...times);
    ctx.log(
      `rate limit: ${times.length} requests at ${ratePerSecond}/s in ${seconds.toFixed(2)} s (floor ${floor} s)`,
    );
    return {
      rate_limit_per_s: ratePerSecond,
      rate_limited_requests: times.length,
      rate_limited_wall_s: seconds,
      rate_limit_floor_s: floor,
      rate_limited_ratio: seconds / floor,
      rate_limited_request_span_s: (Math.max(...times) - first) / 1000,
      rate_limited_peak_per_s: maxInWindow(times, 1000),
      rate_limited_steady_peak_per_s: maxInWindow(
        times.filter((t) => t >= first + 1000),
        1000,
      ),
      rate_limited_initial_burst: times.filter((t) => t < first + 100).length,
    };
  } finally {
    await workers.stop();
    await database.close();
  }
}
