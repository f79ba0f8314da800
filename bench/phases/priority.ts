/**
 * `priority` (issue 22, item 1): a one-day interval run of 2025-26 as of 2026-02-21 (a season the
 * backfill does not hold; as the daily schedule runs it, rosters where playerindex shows a change:
 * all of them, into a database without the season), at 1 request/s, three times, each on fresh
 * workers and a queue of their own: alone; started mid-backfill of the seven shared seasons (league-
 * wide, two at a time) with the priority keys the pipeline gives them (domain/priority.ts); and the
 * same with the run at the backfill's key, so the rate-limited queue serves both first in, first out.
 */
import type { Client } from '@temporalio/client';
import { runPriority, type RunPriority } from '../../domain/priority.js';
import { openDataStore } from '../../replay/data-store.js';
import { nbaDataDir } from '../../test/support/nba-data.js';
import { backfillSeasons } from '../../workflows/backfill-seasons.js';
import { ingestSeason, type IngestSeasonInput } from '../../workflows/ingest-season.js';
import { timed } from '../clock.js';
import { startWorkers, TEAM_CONCURRENCY, type BenchContext } from '../context.js';
import { uniqueName } from '../in-process.js';

const RATE_PER_SEC = 1;
const DAILY: IngestSeasonInput = {
  season: '2025-26',
  asOf: '2026-02-21',
  gamesBy: 'league',
  dates: { since: '2026-02-20', until: '2026-02-20' },
  rosters: 'changed',
  trigger: 'schedule',
};
/** Requests the backfill has sent before the daily run starts: its lanes fill the queue by then. */
const BACKFILL_LEAD_REQUESTS = 15;

async function dailyRun(client: Client, taskQueue: string, priority: RunPriority) {
  return client.workflow.execute(ingestSeason, {
    taskQueue,
    workflowId: uniqueName('bench-priority-daily'),
    args: [DAILY],
    ...runPriority(priority),
  });
}

/** The daily run's seconds on fresh workers, alone or mid-backfill, at `priority`. */
async function measureDailyRun(
  ctx: BenchContext,
  label: string,
  opts: { backfill: boolean; priority: RunPriority },
): Promise<number> {
  const database = await ctx.database(`priority_${label}`);
  const workers = await startWorkers(ctx, RATE_PER_SEC);
  workers.use(database);
  ctx.replay.resetRequests();
  const backfill = opts.backfill
    ? await ctx.client.workflow.start(backfillSeasons, {
        taskQueue: workers.taskQueue,
        workflowId: uniqueName('bench-priority-backfill'),
        args: [
          {
            seasons: (await openDataStore([nbaDataDir()])).seasons().filter((s) => s !== DAILY.season),
            parallelism: 2,
            teamConcurrency: TEAM_CONCURRENCY,
          },
        ],
        ...runPriority('backfill'),
      })
    : undefined;
  try {
    while (backfill && ctx.replay.requests().total < BACKFILL_LEAD_REQUESTS)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const { seconds, result } = await timed(() => dailyRun(ctx.client, workers.taskQueue, opts.priority));
    const own = ctx.replay.requests().log.filter((r) => r.params.Season === DAILY.season).length;
    ctx.log(`priority ${label}: the daily run ${result.status} in ${seconds.toFixed(1)} s, ${own} requests`);
    if (result.apiCalls !== own)
      throw new Error(`priority ${label}: ${own} requests, the run counted ${result.apiCalls}`);
    return seconds;
  } finally {
    await backfill?.terminate('bench: the daily run is measured').catch(() => undefined);
    await workers.stop();
    await database.close();
  }
}

export async function measurePriority(ctx: BenchContext) {
  const alone = await measureDailyRun(ctx, 'alone', { backfill: false, priority: 'interactive' });
  const lanes = await measureDailyRun(ctx, 'lanes', { backfill: true, priority: 'interactive' });
  const fifo = await measureDailyRun(ctx, 'fifo', { backfill: true, priority: 'backfill' });
  return {
    daily_alone_s: alone,
    daily_during_backfill_s: lanes,
    daily_during_backfill_fifo_s: fifo,
    daily_during_backfill_extra_s: lanes - alone,
  };
}
