/**
 * Durability cost in API calls: the worker process is SIGKILLed once half the teams' game requests
 * have reached the API; a new worker process resumes the same run. Counted at the replay server.
 * Requests in flight at the kill are the ones made again (their responses died with the process).
 */
import { tableChecksums } from '../../db/checksums.js';
import type { TableName } from '../../domain/records.js';
import type { IngestSeasonResult } from '../../workflows/ingest-season.js';
import { timed, waitFor } from '../clock.js';
import { openDatabase, SEASON, TEAM_CONCURRENCY, type BenchContext } from '../context.js';
import { uniqueName } from '../in-process.js';
import { spawnChildWorker, type ChildWorker, type WorkerEnv } from '../worker-process.js';

export interface KillFigures {
  api_calls_after_kill: number;
  kill_rate_per_s: number;
  kill_at_requests: number;
  kill_repeated_requests: number;
  kill_resume_s: number;
  kill_matches_clean_run: boolean | null;
}

const KILL_AFTER_GAME_REQUESTS = 15;

export async function measureKill(
  ctx: BenchContext,
  opts: { ratePerSecond: number; cleanChecksums?: Record<TableName, string> },
): Promise<KillFigures> {
  const { url } = await ctx.databases.create('kill');
  const taskQueue = uniqueName('bench-kill');
  const env: WorkerEnv = {
    TEMPORAL_ADDRESS: ctx.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: url,
    NBA_STATS_BASE_URL: ctx.replay.url,
    NBA_RATE_LIMIT_PER_SEC: String(opts.ratePerSecond),
    WORKFLOW_BUNDLE_PATH: ctx.bundlePath,
  };
  const workers: ChildWorker[] = [];
  try {
    workers.push(await spawnChildWorker(env, ctx.client));
    ctx.replay.resetRequests();
    const handle = await ctx.client.workflow.start('ingestSeason', {
      taskQueue,
      workflowId: uniqueName('bench-kill'),
      args: [{ season: SEASON, teamConcurrency: TEAM_CONCURRENCY, trigger: 'test' }],
    });
    const gameRequests = (): number => ctx.replay.requests().perEndpoint.leaguegamefinder ?? 0;
    await waitFor(
      'half the teams requested',
      () => (gameRequests() >= KILL_AFTER_GAME_REQUESTS ? true : undefined),
      120_000,
      5,
    );
    await workers[0]!.kill('SIGKILL');
    const atKill = ctx.replay.requests().total;
    ctx.log(`kill: worker SIGKILLed after ${atKill} API calls; starting a new worker`);

    const { seconds, result } = await timed(async () => {
      workers.push(await spawnChildWorker(env, ctx.client));
      return (await handle.result()) as IngestSeasonResult;
    });
    if (result.status !== 'completed') throw new Error(`crash run ended ${result.status}`);
    if (result.runId !== handle.firstExecutionRunId) throw new Error('crash run did not resume the same run');
    const log = ctx.replay.requests().log;
    const perQuery = new Map<string, number>();
    for (const r of log) perQuery.set(r.query, (perQuery.get(r.query) ?? 0) + 1);
    const repeated = [...perQuery.values()].reduce((n, c) => n + c - 1, 0);

    let matches: boolean | null = null;
    if (opts.cleanChecksums) {
      const database = openDatabase(url, 'kill-check');
      try {
        matches = JSON.stringify(await tableChecksums(database)) === JSON.stringify(opts.cleanChecksums);
      } finally {
        await database.close();
      }
    }
    ctx.log(`kill: resumed in ${seconds.toFixed(1)} s, ${log.length} API calls (${repeated} repeated)`);
    return {
      api_calls_after_kill: log.length,
      kill_rate_per_s: opts.ratePerSecond,
      kill_at_requests: atKill,
      kill_repeated_requests: repeated,
      kill_resume_s: seconds,
      kill_matches_clean_run: matches,
    };
  } finally {
    for (const w of workers) await w.kill('SIGTERM');
  }
}
