/**
 * A backfill of every shared season through the real worker process: backfillSeasons over the
 * seven seasons the replay data has (or a FROM..TO range: seasons without data answer empty and
 * end 'anomalous'), the worker's peak RSS, and the largest history among
 * the backfill's runs (it continues as new every 10 seasons) and its child ingestSeason runs.
 */
import type { BackfillInput, BackfillResult } from '../../workflows/backfill-seasons.js';
import { timed, waitFor } from '../clock.js';
import { TEAM_CONCURRENCY, HIGH_RATE_PER_SEC, type BenchContext } from '../context.js';
import { uniqueName } from '../in-process.js';
import { spawnChildWorker, type ChildWorker } from '../worker-process.js';

export interface BackfillFigures {
  backfill_range: string;
  backfill_seasons: number;
  backfill_seasons_with_rows: number;
  backfill_statuses: Record<string, number>;
  backfill_s: number;
  backfill_api_calls: number;
  backfill_runs: number;
  max_history_events: number;
  max_history_events_backfill: number;
  max_history_events_season: number;
  worker_peak_rss_mb: number;
  worker_ready_rss_mb: number;
}

export async function measureBackfill(
  ctx: BenchContext,
  range: { from: string; to: string } | { seasons: string[] },
): Promise<BackfillFigures> {
  const { url } = await ctx.databases.create('backfill');
  const taskQueue = uniqueName('bench-backfill');
  let worker: ChildWorker | undefined;
  try {
    worker = await spawnChildWorker(
      {
        TEMPORAL_ADDRESS: ctx.temporalAddress,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATABASE_URL: url,
        NBA_STATS_BASE_URL: ctx.replay.url,
        NBA_RATE_LIMIT_PER_SEC: String(HIGH_RATE_PER_SEC),
        WORKFLOW_BUNDLE_PATH: ctx.bundlePath,
      },
      ctx.client,
    );
    const readyRss = worker.peakRssMb();
    ctx.replay.resetRequests();
    const workflowId = uniqueName('bench-backfill');
    const input: BackfillInput = { ...range, parallelism: 2, teamConcurrency: TEAM_CONCURRENCY };
    const { seconds, result } = await timed(async () => {
      const handle = await ctx.client.workflow.start('backfillSeasons', {
        taskQueue,
        workflowId,
        args: [input],
      });
      return (await handle.result()) as BackfillResult;
    });
    const peakRss = worker.peakRssMb();

    // Every run of the backfill (continue-as-new chain) and every child, by its history length.
    const backfillRuns = await waitFor(
      'every run of the backfill in visibility',
      async () => {
        const lengths: number[] = [];
        for await (const execution of ctx.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
          lengths.push(
            (await ctx.client.workflow.getHandle(workflowId, execution.runId).describe()).historyLength,
          );
        }
        return lengths.length > result.continuedAsNew ? lengths : undefined;
      },
      10_000,
      250,
    );
    const seasonRuns = await Promise.all(
      result.seasons.map(
        async (s) => (await ctx.client.workflow.getHandle(s.workflowId).describe()).historyLength,
      ),
    );
    const statuses: Record<string, number> = {};
    for (const s of result.seasons) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    const withRows = result.seasons.filter((s) => s.teamGameStats > 0);
    ctx.log(
      `backfill: ${result.seasons.length} seasons in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(statuses)}, ` +
        `with rows: ${withRows.map((s) => `${s.season}(${s.status})`).join(' ')}`,
    );
    const maxBackfill = Math.max(0, ...backfillRuns);
    const maxSeason = Math.max(0, ...seasonRuns);
    return {
      backfill_range: 'seasons' in range ? range.seasons.join(',') : `${range.from}..${range.to}`,
      backfill_seasons: result.seasons.length,
      backfill_seasons_with_rows: withRows.length,
      backfill_statuses: statuses,
      backfill_s: seconds,
      backfill_api_calls: ctx.replay.requests().total,
      backfill_runs: backfillRuns.length,
      max_history_events: Math.max(maxBackfill, maxSeason),
      max_history_events_backfill: maxBackfill,
      max_history_events_season: maxSeason,
      worker_peak_rss_mb: peakRss,
      worker_ready_rss_mb: readyRss,
    };
  } finally {
    await worker?.kill('SIGTERM');
  }
}
