/**
 * backfillSeasons over every season the shared data has (the seven of ../shared/nba-data), two at a
 * time, through the real worker process (scripts/worker.ts) at an unlimited rate; its peak memory.
 * Game counts, W-L and history sizes are asserted by test/integration/pipeline/backfill.test.ts.
 */
import { openDataStore } from '../../replay/data-store.js';
import { nbaDataDir } from '../../testkit/nba-data.js';
import type { BackfillResult } from '../../workflows/backfill-seasons.js';
import { timed } from '../clock.js';
import { HIGH_RATE_PER_SEC, TEAM_CONCURRENCY, type BenchContext } from '../context.js';
import { uniqueName } from '../in-process.js';
import { spawnWorker } from '../../testkit/worker-process.js';

export async function measureBackfill(ctx: BenchContext) {
  const seasons = (await openDataStore([nbaDataDir()])).seasons();
  const database = await ctx.database('backfill');
  const taskQueue = uniqueName('bench-backfill');
  const worker = await spawnWorker(
    {
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: ctx.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: database.url,
      NBA_STATS_BASE_URL: ctx.replay.url,
      NBA_RATE_LIMIT_PER_SEC: String(HIGH_RATE_PER_SEC),
      WORKFLOW_BUNDLE_PATH: ctx.bundlePath,
    },
    ctx.client,
  );
  try {
    const readyRss = worker.peakRssMb();
    ctx.replay.resetRequests();
    const { seconds, result } = await timed(async () => {
      const handle = await ctx.client.workflow.start('backfillSeasons', {
        taskQueue,
        workflowId: uniqueName('bench-backfill'),
        args: [{ seasons, parallelism: 2, teamConcurrency: TEAM_CONCURRENCY }],
      });
      return (await handle.result()) as BackfillResult;
    });
    const statuses: Record<string, number> = {};
    for (const s of result.seasons) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    ctx.log(`backfill: ${seasons.length} seasons in ${seconds.toFixed(1)} s, ${JSON.stringify(statuses)}`);
    return {
      backfill_seasons: result.seasons.length,
      backfill_statuses: statuses,
      backfill_s: seconds,
      backfill_api_calls: ctx.replay.requests().total,
      worker_peak_rss_mb: worker.peakRssMb(),
      worker_ready_rss_mb: readyRss,
    };
  } finally {
    await worker.kill('SIGTERM');
    await database.close();
  }
}
