/**
 * One real season (2023-24) through Temporal (in-process workers + the dev server) and through the
 * same activity functions called directly, alternating, each run into a fresh database; then, on the
 * last Temporal run's database, a no-op re-run (row writes from pg_stat_user_tables) and a
 * retransform from stored responses (API calls at the replay server).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WorkflowHandle } from '@temporalio/client';
import { createActivities } from '../../activities/index.js';
import type { Database } from '../../db/client.js';
import { tableChecksums } from '../../db/checksums.js';
import type { TableName } from '../../domain/records.js';
import { createNbaClient } from '../../nba/client.js';
import type { IngestSeasonResult } from '../../workflows/ingest-season.js';
import { median, timed } from '../clock.js';
import { HIGH_RATE_PER_SEC, openDatabase, SEASON, TEAM_CONCURRENCY, type BenchContext } from '../context.js';
import { cpuMeter, type CpuSeconds } from '../cpu.js';
import { ingestDirect } from '../direct-ingest.js';
import { historyTimings, type HistoryTimings } from '../history.js';
import { startInProcessWorkers, type InProcessWorkers } from '../in-process.js';
import { noopActivities } from '../noop-activities.js';
import { disableAutovacuum, settledWriteSnapshot, writeDelta, type WriteSnapshot } from '../pg-stats.js';

export interface IngestFigures {
  ingest_runs: number;
  ingest_team_concurrency: number;
  ingest_temporal_s: number;
  ingest_direct_s: number;
  orchestration_overhead: number;
  /** temporal − direct: what orchestration adds to a season, in seconds. */
  orchestration_overhead_s: number;
  ingest_temporal_runs_s: number[];
  ingest_direct_runs_s: number[];
  /** The same workflow and workers with activities that return at once: Temporal's own cost per season. */
  orchestration_floor_s: number;
  orchestration_floor_runs_s: number[];
  /** (direct + floor) ÷ direct: the lowest orchestration_overhead this machine allows for this DAG. */
  orchestration_overhead_floor: number;
  /** temporal − direct − floor: what the pipeline adds on top of Temporal's own cost. */
  orchestration_overhead_beyond_floor_s: number;
  /** The same comparison with every API answer delayed (the real API is not 1 ms away). */
  api_latency_ms: number;
  ingest_temporal_api_latency_s: number;
  ingest_direct_api_latency_s: number;
  orchestration_overhead_api_latency: number;
  api_calls_clean: number;
  api_calls_clean_direct: number;
  clean_run_tuples_inserted: number;
  clean_run_tuples_updated: number;
  noop_rerun_tuples_updated: number;
  noop_rerun_dead_tuples: number;
  noop_rerun_tuples_inserted: number;
  noop_rerun_api_calls: number;
  api_calls_retransform: number;
  retransform_tuples_updated: number;
  retransform_dead_tuples: number;
  retransform_s: number;
  /** Where the Temporal run's time went (last timed run's history) next to the direct activity times. */
  ingest_breakdown: HistoryTimings & {
    worker_team_activity_ms: number;
    direct_team_activity_ms: number;
    /** Median CPU seconds per run: this process and the Temporal dev server. */
    temporal_cpu_s: CpuSeconds;
    direct_cpu_s: CpuSeconds;
    /** Median over runs of the mean event-loop delay of this process (ms). */
    temporal_event_loop_delay_ms: number;
    direct_event_loop_delay_ms: number;
  };
  /** Checksums of the clean run's tables, for the crash phase to compare against. */
  cleanChecksums: Record<TableName, string>;
}

/** Added to every API answer in the latency comparison (stats.nba.com takes longer than this). */
const API_LATENCY_MS = 100;

/** Starts measuring this process's event-loop delay; the returned function stops and gives the mean (ms). */
function eventLoopDelay(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return () => {
    histogram.disable();
    return histogram.mean / 1e6;
  };
}

const medianCpu = (runs: CpuSeconds[]): CpuSeconds => ({
  node: median(runs.map((r) => r.node)),
  server: median(runs.map((r) => r.server)),
});

function expectCompleted(what: string, result: { status: string }): void {
  if (result.status !== 'completed')
    throw new Error(`${what}: run ended ${result.status}, expected completed`);
}

export async function measureIngest(
  ctx: BenchContext,
  runs: number,
  teamConcurrency = TEAM_CONCURRENCY,
): Promise<IngestFigures> {
  const nba = createNbaClient({ baseUrl: ctx.replay.url, timeoutMs: 30_000 });
  const workers = await startInProcessWorkers({
    address: ctx.temporalAddress,
    client: ctx.client,
    bundlePath: ctx.bundlePath,
    nbaBaseUrl: ctx.replay.url,
    ratePerSecond: HIGH_RATE_PER_SEC,
  });
  // The floor: ingestSeason on the same kind of workers, activities that do nothing.
  const floorWorkers = await startInProcessWorkers({
    address: ctx.temporalAddress,
    client: ctx.client,
    bundlePath: ctx.bundlePath,
    nbaBaseUrl: ctx.replay.url,
    ratePerSecond: HIGH_RATE_PER_SEC,
    activities: noopActivities(),
  });
  const open: Database[] = [];
  const fresh = async (label: string): Promise<{ url: string; database: Database }> => {
    const { url } = await ctx.databases.create(label);
    await disableAutovacuum(url);
    const database = openDatabase(url, label);
    open.push(database);
    return { url, database };
  };
  try {
    // Warm-up outside the timing: the first workflow (isolate, sticky cache), first activities, JIT.
    ctx.log('ingest: warm-up');
    const warm = await fresh('warmup');
    workers.use(warm.database);
    await workers.ingest({ season: SEASON, teamIds: [1610612737, 1610612738], teamConcurrency });
    await floorWorkers.ingest({ season: SEASON, teamConcurrency });
    await ingestDirect(createActivities({ nba, database: warm.database }), {
      season: SEASON,
      seasonType: 'Regular Season',
      teamConcurrency,
      teamIds: [1610612739, 1610612740],
    });

    const temporalRuns: number[] = [];
    const directRuns: number[] = [];
    const floorRuns: number[] = [];
    const temporalCalls: number[] = [];
    const directCalls: number[] = [];
    let last: { url: string; database: Database } | undefined;
    let lastHandle: WorkflowHandle | undefined;
    let beforeLast: WriteSnapshot | undefined;
    const directActivityMs: number[] = [];
    const workerActivityMs: number[] = [];
    const temporalCpu: CpuSeconds[] = [];
    const directCpu: CpuSeconds[] = [];
    const temporalDelay: number[] = [];
    const directDelay: number[] = [];
    /** One season through Temporal on `on`'s workers, timed; the run must complete. */
    const timeTemporal = async (what: string, on: InProcessWorkers = workers) => {
      const run = await timed(() => on.ingest({ season: SEASON, teamConcurrency }));
      expectCompleted(what, run.result);
      return run;
    };
    /** One season through the activity functions called directly into `database`, timed; it must complete. */
    const timeDirect = async (what: string, database: Database) => {
      const run = await timed(() =>
        ingestDirect(createActivities({ nba, database }), {
          season: SEASON,
          seasonType: 'Regular Season',
          teamConcurrency,
        }),
      );
      expectCompleted(what, run.result);
      return run;
    };
    const runTemporal = async (i: number): Promise<void> => {
      last = await fresh(`temporal${i}`);
      beforeLast = await settledWriteSnapshot(last.url);
      workers.use(last.database);
      ctx.replay.resetRequests();
      workers.takeTeamActivityMs();
      const cpu = cpuMeter(ctx.temporalPid);
      const delay = eventLoopDelay();
      const { seconds, result } = await timeTemporal('ingest through Temporal');
      temporalCpu.push(cpu());
      temporalDelay.push(delay());
      lastHandle = result.handle;
      workerActivityMs.push(...workers.takeTeamActivityMs());
      temporalRuns.push(seconds);
      temporalCalls.push(ctx.replay.requests().total);
      ctx.log(
        `ingest: temporal run ${i + 1}: ${seconds.toFixed(2)} s, ${ctx.replay.requests().total} API calls`,
      );
    };
    const runDirect = async (i: number): Promise<void> => {
      const { database } = await fresh(`direct${i}`);
      ctx.replay.resetRequests();
      const cpu = cpuMeter(ctx.temporalPid);
      const delay = eventLoopDelay();
      const { seconds, result } = await timeDirect('direct ingest', database);
      directCpu.push(cpu());
      directDelay.push(delay());
      directActivityMs.push(...result.teamActivityMs);
      directRuns.push(seconds);
      directCalls.push(ctx.replay.requests().total);
      ctx.log(
        `ingest: direct run ${i + 1}: ${seconds.toFixed(2)} s, ${ctx.replay.requests().total} API calls`,
      );
    };
    const runFloor = async (i: number): Promise<void> => {
      const { seconds } = await timeTemporal('ingest with no-op activities', floorWorkers);
      floorRuns.push(seconds);
      ctx.log(`ingest: floor run ${i + 1}: ${seconds.toFixed(2)} s`);
    };
    // Rotate which goes first, so a drift in machine load hits every side alike.
    const sides = [runDirect, runTemporal, runFloor];
    for (let i = 0; i < runs; i++) {
      for (let k = 0; k < sides.length; k++) await sides[(i + k) % sides.length]!(i);
    }
    // The same with an API that answers like a remote one: the fixed orchestration cost stays, the
    // work around it grows. Fewer runs: it only shows the trend.
    const latencyTemporal: number[] = [];
    const latencyDirect: number[] = [];
    ctx.replay.setFaults([{ kind: 'latency', latencyMs: API_LATENCY_MS }]);
    try {
      for (let i = 0; i < Math.min(runs, 3); i++) {
        workers.use((await fresh(`temporal-latency${i}`)).database);
        const viaTemporal = await timeTemporal('ingest through Temporal, API latency');
        latencyTemporal.push(viaTemporal.seconds);
        const called = await timeDirect(
          'direct ingest, API latency',
          (await fresh(`direct-latency${i}`)).database,
        );
        latencyDirect.push(called.seconds);
        ctx.log(
          `ingest: API latency ${API_LATENCY_MS} ms, run ${i + 1}: temporal ${viaTemporal.seconds.toFixed(2)} s, direct ${called.seconds.toFixed(2)} s`,
        );
      }
    } finally {
      ctx.replay.clearFaults();
    }

    if (!last || !lastHandle) throw new Error('no Temporal run');
    const breakdown = {
      ...(await historyTimings(lastHandle)),
      worker_team_activity_ms: median(workerActivityMs),
      direct_team_activity_ms: median(directActivityMs),
      temporal_cpu_s: medianCpu(temporalCpu),
      direct_cpu_s: medianCpu(directCpu),
      temporal_event_loop_delay_ms: median(temporalDelay),
      direct_event_loop_delay_ms: median(directDelay),
    };
    const measured = last;
    const cleanChecksums = await tableChecksums(measured.database);

    // No-op re-run: same API answers into the loaded database. The pools are closed around it so
    // that every backend has flushed its counters before a snapshot is taken. The clean run's own
    // writes, measured the same way, show that the counters do move.
    await measured.database.close();
    const cleanWrites = writeDelta(beforeLast ?? {}, await settledWriteSnapshot(measured.url));
    const rerunOf = async (label: string, responses?: 'stored') => {
      const before = await settledWriteSnapshot(measured.url);
      const database = openDatabase(measured.url, label);
      workers.use(database);
      ctx.replay.resetRequests();
      let run: { seconds: number; result: IngestSeasonResult & { handle: WorkflowHandle } };
      try {
        run = await timed(() =>
          workers.ingest({ season: SEASON, teamConcurrency, ...(responses ? { responses } : {}) }),
        );
      } finally {
        await database.close();
      }
      expectCompleted(label, run.result);
      const calls = ctx.replay.requests().total;
      const writes = writeDelta(before, await settledWriteSnapshot(measured.url));
      ctx.log(
        `ingest: ${label}: ${run.seconds.toFixed(2)} s, ${calls} API calls, writes ${JSON.stringify(writes)}`,
      );
      return { seconds: run.seconds, calls, writes };
    };
    const noop = await rerunOf('noop-rerun');
    const retransform = await rerunOf('retransform', 'stored');

    const temporal = median(temporalRuns);
    const direct = median(directRuns);
    const floor = median(floorRuns);
    return {
      ingest_runs: runs,
      ingest_team_concurrency: teamConcurrency,
      ingest_temporal_s: temporal,
      ingest_direct_s: direct,
      orchestration_overhead: temporal / direct,
      orchestration_overhead_s: temporal - direct,
      ingest_temporal_runs_s: temporalRuns,
      ingest_direct_runs_s: directRuns,
      orchestration_floor_s: floor,
      orchestration_floor_runs_s: floorRuns,
      orchestration_overhead_floor: (direct + floor) / direct,
      orchestration_overhead_beyond_floor_s: temporal - direct - floor,
      api_latency_ms: API_LATENCY_MS,
      ingest_temporal_api_latency_s: median(latencyTemporal),
      ingest_direct_api_latency_s: median(latencyDirect),
      orchestration_overhead_api_latency: median(latencyTemporal) / median(latencyDirect),
      api_calls_clean: Math.max(...temporalCalls),
      api_calls_clean_direct: Math.max(...directCalls),
      clean_run_tuples_inserted: cleanWrites.inserted,
      clean_run_tuples_updated: cleanWrites.updated,
      noop_rerun_tuples_updated: noop.writes.updated,
      noop_rerun_dead_tuples: noop.writes.dead,
      noop_rerun_tuples_inserted: noop.writes.inserted,
      noop_rerun_api_calls: noop.calls,
      api_calls_retransform: retransform.calls,
      retransform_tuples_updated: retransform.writes.updated,
      retransform_dead_tuples: retransform.writes.dead,
      retransform_s: retransform.seconds,
      ingest_breakdown: breakdown,
      cleanChecksums,
    };
  } finally {
    await floorWorkers.stop();
    await workers.stop();
    await Promise.allSettled(open.map((d) => d.close()));
  }
}
