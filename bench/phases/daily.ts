/**
 * Daily incremental runs (issue 12, items 2 and 3): ten consecutive days of 2023-24 as the daily
 * schedule runs them (nominal times 09:00 New York, 2023-10-24 … 2023-11-02, each run's input from
 * scheduledIncrement: the games since the watermark in one league-wide request, rosters only where
 * playerindex shows a change), into one fresh database. `api_calls_daily_median` is the median of
 * the runs' NBA requests (target ≤ 3: games, playerindex and the standings of a run at its nominal time;
 * these past days are not held to today's standings, so 2); the first day also fetches every roster,
 * nothing being stored yet.
 */
import { timed } from '../clock.js';
import { expectCompleted, HIGH_RATE_PER_SEC, SEASON, startWorkers, type BenchContext } from '../context.js';
import { scheduledIncrement } from '../../workflows/increments.js';

const DAYS = 10;
const FIRST_NOMINAL = Date.parse('2023-10-24T13:00:00Z'); // 09:00 EDT

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function measureDaily(ctx: BenchContext) {
  const database = await ctx.database('daily');
  const workers = await startWorkers(ctx, HIGH_RATE_PER_SEC);
  try {
    workers.use(database);
    const apiCalls: number[] = [];
    const seconds: number[] = [];
    for (let day = 0; day < DAYS; day++) {
      const nominal = new Date(FIRST_NOMINAL + day * 86_400_000);
      ctx.replay.resetRequests();
      const run = await timed(() =>
        workers.ingest({
          season: SEASON,
          gamesBy: 'league',
          trigger: 'schedule',
          ...scheduledIncrement(nominal),
        }),
      );
      expectCompleted(`daily run ${nominal.toISOString()}`, run.result);
      const requests = ctx.replay.requests().total;
      if (requests !== run.result.apiCalls)
        throw new Error(
          `daily run: ${requests} requests reached the API, the run counted ${run.result.apiCalls}`,
        );
      apiCalls.push(requests);
      seconds.push(run.seconds);
    }
    ctx.log(`daily: requests per run ${apiCalls.join(', ')}`);
    return {
      daily_runs: DAYS,
      api_calls_daily_median: median(apiCalls),
      api_calls_daily_runs: apiCalls,
      daily_run_median_s: median(seconds),
    };
  } finally {
    await workers.stop();
    await database.close();
  }
}
