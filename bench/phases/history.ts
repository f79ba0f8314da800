/**
 * `history`: how the cost grows with the history backfilled. backfillSeasons (league-wide, two seasons
 * at a time, through the real worker process) over 1, 8 and 43 synthetic seasons (1983-84 onwards:
 * every season leaguegamefinder serves, nba_api #339), each into a fresh database, from a replay server
 * of made-up seasons shaped like real ones (replay/synthetic-seasons.ts) at an unlimited rate. Figures
 * per size: seconds per season, the largest workflow history (events) and the worker's peak memory;
 * and what the 43 seasons would take at the pipeline's default 1 request/s (requests ÷ rate).
 */
import { loadConfig } from '../../config/env.js';
import { startReplayServer } from '../../replay/server.js';
import { seasonFromStartYear } from '../../domain/season.js';
import { HIGH_RATE_PER_SEC, type BenchContext } from '../context.js';
import { runBackfill } from './backfill.js';

export const HISTORY_SIZES = [1, 8, 43] as const;
/** leaguegamefinder's first season. */
const FIRST_START_YEAR = 1983;
const SYNTHETIC_SEED = 1;
/** NBA_RATE_LIMIT_PER_SEC's default. */
const DEFAULT_RATE_PER_SEC = loadConfig({}).NBA_RATE_LIMIT_PER_SEC;

export async function measureHistory(ctx: BenchContext) {
  const largest = Math.max(...HISTORY_SIZES);
  const all = Array.from({ length: largest }, (_, i) => seasonFromStartYear(FIRST_START_YEAR + i));
  const replay = await startReplayServer({ dataDirs: [], synthetic: { seasons: all, seed: SYNTHETIC_SEED } });
  ctx.atExit(() => replay.close());
  const figures: Record<string, unknown> = {};
  let maxEvents = 0;
  let peakMb = 0;
  for (const size of HISTORY_SIZES) {
    const seasons = all.slice(0, size);
    const run = await runBackfill(ctx, {
      label: `history_${size}`,
      ratePerSecond: HIGH_RATE_PER_SEC,
      seasons,
      replay,
      // Made-up seasons have no player lines to serve: the games' history, as measured before them.
      input: { playerGames: false },
      // What the worker holds, not how lazily V8 collects: uncapped on an idle machine its heap grew to a
      // 546 MB peak at 43 seasons, capped at 256 MB of old space it peaked at 389 MB, at the same speed.
      workerEnv: { NODE_OPTIONS: '--max-old-space-size=256' },
    });
    const unfinished = run.result.seasons.filter((s) => s.status !== 'completed');
    if (unfinished.length > 0)
      throw new Error(`history ${size}: seasons not completed: ${JSON.stringify(unfinished)}`);
    const events = await largestHistory(ctx, run.taskQueue);
    maxEvents = Math.max(maxEvents, events);
    peakMb = Math.max(peakMb, run.peakRss);
    figures[`history_s_per_season_${size}`] = run.seconds / size;
    figures[`history_requests_${size}`] = run.requests.total;
    figures[`history_worker_peak_mb_${size}`] = run.peakRss;
    figures[`history_max_events_${size}`] = events;
    ctx.log(`history ${size}: ${(run.seconds / size).toFixed(2)} s a season, ${events} events at most`);
    if (size === largest) figures.history_wall_s_at_default_rate = run.requests.total / DEFAULT_RATE_PER_SEC;
  }
  return {
    ...figures,
    history_max_events: maxEvents,
    history_worker_peak_mb: peakMb,
    history_growth:
      (figures[`history_s_per_season_${largest}`] as number) /
      (figures[`history_s_per_season_${HISTORY_SIZES[0]}`] as number),
  };
}

/** The longest history (events) of the backfill and its children on `taskQueue`. */
async function largestHistory(ctx: BenchContext, taskQueue: string): Promise<number> {
  let most = 0;
  for await (const execution of ctx.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
    most = Math.max(most, execution.historyLength);
  return most;
}
