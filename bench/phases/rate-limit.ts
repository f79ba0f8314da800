/**
 * A season at a low NBA rate (5 requests/s by default, the worker's maxTaskQueueActivitiesPerSecond):
 * wall time from start to result against the floor the limit sets, requests ÷ rate; then the same
 * season with its games league-wide (one leaguegamefinder instead of 30), the request count of a
 * league-wide season and its wall time against the per-team run's. How the requests spread over the
 * seconds is asserted by test/integration/pipeline/rate-limit.test.ts.
 */
import type { GamesBy } from '../../domain/runs.js';
import { timed } from '../clock.js';
import { expectCompleted, SEASON, startWorkers, TEAM_CONCURRENCY, type BenchContext } from '../context.js';

export async function measureRateLimit(ctx: BenchContext, ratePerSecond: number) {
  const workers = await startWorkers(ctx, ratePerSecond);
  /** One season at the rate into a fresh database: its wall time and the requests the replay server saw. */
  const season = async (gamesBy: GamesBy) => {
    const database = await ctx.database(`rate_${gamesBy}`);
    try {
      workers.use(database);
      ctx.replay.resetRequests();
      const { seconds, result } = await timed(() =>
        workers.ingest({ season: SEASON, teamConcurrency: TEAM_CONCURRENCY, gamesBy }),
      );
      expectCompleted(`rate-limited run (games by ${gamesBy})`, result);
      const requests = ctx.replay.requests().total;
      ctx.log(
        `rate: games by ${gamesBy}, ${requests} requests at ${ratePerSecond}/s in ${seconds.toFixed(2)} s`,
      );
      return { seconds, requests };
    } finally {
      await database.close();
    }
  };
  try {
    const team = await season('team');
    const league = await season('league');
    const floor = team.requests / ratePerSecond;
    return {
      rate_limit_per_s: ratePerSecond,
      rate_limited_requests: team.requests,
      rate_limited_wall_s: team.seconds,
      rate_limit_floor_s: floor,
      rate_limited_ratio: team.seconds / floor,
      api_calls_season_league: league.requests,
      rate_limited_wall_s_league: league.seconds,
      rate_limited_league_vs_team: league.seconds / team.seconds,
    };
  } finally {
    await workers.stop();
  }
}
