/**
 * backfillSeasons over every season the shared data has (the seven of ../shared/nba-data), two at a
 * time, through the real worker process (scripts/worker.ts):
 *  - `backfill`: at an unlimited rate; its peak memory;
 *  - `throttled`: under stats.nba.com-like throttling (the replay server's cutoff: after every 25
 *    answers, 15 s of silence) at 20 requests/s and a 2 s NBA timeout, against its floor — the
 *    requests at that rate plus the cutoff seconds the run could not avoid waiting.
 * Game counts, W-L, history sizes and the throttled run's data are asserted by
 * test/integration/pipeline/backfill.test.ts and throttled-backfill.test.ts (the latter on three seasons
 * and 5 s cutoffs: this phase is the full-size run).
 */
import { openDataStore } from '../../replay/data-store.js';
import type { FaultRule } from '../../replay/faults.js';
import type { ReplayServer } from '../../replay/server.js';
import { nbaDataDir } from '../../test/support/nba-data.js';
import { spawnWorker } from '../../test/support/worker-process.js';
import { backfillSeasons } from '../../workflows/index.js';
import { timed } from '../clock.js';
import { HIGH_RATE_PER_SEC, TEAM_CONCURRENCY, type BenchContext } from '../context.js';
import { uniqueName } from '../in-process.js';

const THROTTLED_RATE_PER_SEC = 20;
const CUTOFF = { kind: 'cutoff', every: 25, seconds: 15, mode: 'hang' } as const satisfies FaultRule;

export async function runBackfill(
  ctx: BenchContext,
  opts: {
    label: string;
    ratePerSecond: number;
    workerEnv?: Record<string, string>;
    input?: object;
    /** Default: every season of the shared data, from the bench's replay server. */
    seasons?: string[];
    replay?: ReplayServer;
  },
) {
  const seasons = opts.seasons ?? (await openDataStore([nbaDataDir()])).seasons();
  const replay = opts.replay ?? ctx.replay;
  const database = await ctx.database(opts.label);
  const taskQueue = uniqueName(`bench-${opts.label}`);
  const worker = await spawnWorker(
    {
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: ctx.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: database.url,
      NBA_STATS_BASE_URL: replay.url,
      NBA_RATE_LIMIT_PER_SEC: String(opts.ratePerSecond),
      WORKFLOW_BUNDLE_PATH: ctx.bundlePath,
      ...opts.workerEnv,
    },
    ctx.client,
  );
  try {
    const readyRss = worker.peakRssMb();
    replay.resetRequests();
    const { seconds, result } = await timed(async () => {
      const handle = await ctx.client.workflow.start(backfillSeasons, {
        taskQueue,
        workflowId: uniqueName(`bench-${opts.label}`),
        args: [{ seasons, parallelism: 2, teamConcurrency: TEAM_CONCURRENCY, ...opts.input }],
      });
      return handle.result();
    });
    const statuses: Record<string, number> = {};
    for (const s of result.seasons) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    ctx.log(
      `${opts.label}: ${seasons.length} seasons in ${seconds.toFixed(1)} s, ${JSON.stringify(statuses)}`,
    );
    return {
      seconds,
      result,
      statuses,
      requests: replay.requests(),
      readyRss,
      peakRss: worker.peakRssMb(),
      taskQueue,
    };
  } finally {
    await worker.kill('SIGTERM');
    await database.close();
  }
}

export async function measureBackfill(ctx: BenchContext) {
  // The games and rosters, comparable with the results before the players' lines (their own phase):
  // four of the eight seasons have no player logs on hand.
  const run = await runBackfill(ctx, {
    label: 'backfill',
    ratePerSecond: HIGH_RATE_PER_SEC,
    input: { playerGames: false },
  });
  return {
    backfill_seasons: run.result.seasons.length,
    backfill_statuses: run.statuses,
    backfill_s: run.seconds,
    backfill_api_calls: run.requests.total,
    worker_peak_rss_mb: run.peakRss,
    worker_ready_rss_mb: run.readyRss,
  };
}

export async function measureThrottledBackfill(ctx: BenchContext) {
  ctx.replay.setFaults([CUTOFF]);
  try {
    const run = await runBackfill(ctx, {
      label: 'throttled',
      ratePerSecond: THROTTLED_RATE_PER_SEC,
      // `cutoff` cuts off after every 25 answers at any rate: a pace cannot avoid it (`pacing` measures that).
      workerEnv: { NBA_TIMEOUT_MS: '2000', NBA_PACING: 'fixed' },
      // Per team, as the acceptance test runs it: 420 requests meet 17 cutoffs (league-wide: 217).
      input: { gamesBy: 'team', nbaCooldownMinS: 4, nbaCooldownMaxS: 60, playerGames: false },
    });
    const cutoffsHit = Object.keys(run.requests.cutoffs.perCutoff).length;
    const floor = run.requests.total / THROTTLED_RATE_PER_SEC + cutoffsHit * CUTOFF.seconds;
    return {
      throttled_backfill_statuses: run.statuses,
      throttled_backfill_api_calls: run.requests.total,
      throttled_backfill_cutoffs: cutoffsHit,
      throttled_backfill_requests_in_cutoffs: run.requests.cutoffs.requests,
      throttled_backfill_s: run.seconds,
      throttled_backfill_floor_s: floor,
      throttled_backfill_ratio: run.seconds / floor,
    };
  } finally {
    ctx.replay.clearFaults();
  }
}
