/**
 * A production-shaped fleet on the cluster: N real worker processes (`scripts/worker.ts`) on the
 * production task queue of the `default` namespace, a fresh migrated database, and the replay server
 * over the shared NBA data. One fleet at a time: the task queue name is fixed (the cluster's dynamic
 * config gives its NBA queue one partition), so two fleets would take each other's tasks.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { inject } from 'vitest';
import { loadConfig } from '../../config/env.js';
import { createDatabase, type Database } from '../../db/client.js';
import { workflowBundlerOptions } from '../../lib/temporal-bundler.js';
import { startReplayServer, type ReplayServer } from '../../replay/server.js';
import { WORKFLOWS_PATH } from '../../worker/create-workers.js';
import type { IngestProgress } from '../../workflows/progress.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';
import { createScratchDatabase, nbaDataDir, uniqueWorkflowId } from '../support/index.js';

/** The production queue name (config/env.ts's default, pinned in deploy/temporal/dynamicconfig). */
export const TASK_QUEUE = loadConfig({}).TEMPORAL_TASK_QUEUE;

export interface Fleet {
  client: Client;
  database: Database;
  replay: ReplayServer;
  workers: WorkerProcess[];
  /** The SDK's default worker identity of each process: `<pid>@<host>`. */
  identities(): string[];
  startSeason(season: string): Promise<WorkflowHandle>;
  /** SIGTERM (graceful drain) and replace each worker in turn, never more than one down. */
  rollingRestart(): Promise<void>;
  close(): Promise<void>;
}

let bundle: Promise<string> | undefined;

/** The workflow bundle, built once per test file, as `npm run build` does for production images. */
function prebuiltBundle(): Promise<string> {
  bundle ??= (async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions() });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'nba-ingest-bundle-')), 'workflow-bundle.js');
    await writeFile(file, code);
    return file;
  })();
  return bundle;
}

export async function startFleet(opts: { size: number; rate: number }): Promise<Fleet> {
  const address = inject('temporalAddress');
  const scratch = await createScratchDatabase('cluster');
  const database = createDatabase({ url: scratch.url, poolMax: 4, applicationName: 'cluster-test' });
  const replay = await startReplayServer({ dataDirs: [nbaDataDir()], port: 0 });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: inject('temporalNamespace') });
  const env = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATABASE_URL: scratch.url,
    DATABASE_POOL_MAX: '4',
    NBA_STATS_BASE_URL: replay.url,
    NBA_RATE_LIMIT_PER_SEC: String(opts.rate),
    // Workers start in seconds, as in the Docker image: the rolling restart must fit inside a run.
    WORKFLOW_BUNDLE_PATH: await prebuiltBundle(),
  };
  const spawn = () => spawnWorker(env, client, 120_000);
  const workers: WorkerProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await connection.close();
    await replay.close();
    await database.close();
    await scratch.drop();
  };
  try {
    workers.push(...(await Promise.all(Array.from({ length: opts.size }, spawn))));
  } catch (error) {
    await close();
    throw error;
  }
  const host = os.hostname();
  return {
    client,
    database,
    replay,
    workers,
    identities: () => workers.map((w) => `${w.child.pid}@${host}`),
    startSeason: (season) =>
      client.workflow.start('ingestSeason', {
        taskQueue: TASK_QUEUE,
        workflowId: uniqueWorkflowId(`cluster-${season}`),
        args: [{ season, trigger: 'test' }],
      }),
    async rollingRestart() {
      for (let i = 0; i < workers.length; i++) {
        const code = await workers[i]!.kill('SIGTERM');
        if (code !== 0)
          throw new Error(`worker ${i} exited with ${code} on SIGTERM:\n${workers[i]!.output()}`);
        workers[i] = await spawn();
      }
    },
    close,
  };
}

/** Teams whose games are loaded, summed over the runs (a run that cannot answer yet counts 0). */
export async function gamesDone(handles: WorkflowHandle[]): Promise<number> {
  const progress = await Promise.all(
    handles.map((h) => h.query<IngestProgress>('progress').catch(() => undefined)),
  );
  return progress.reduce((sum, p) => sum + (p?.teams.gamesDone ?? 0), 0);
}

/** Identities of the workers that started the handles' team units (games and rosters). */
export async function teamUnitIdentities(handles: WorkflowHandle[]): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const handle of handles) {
    const scheduled = new Map<string, string>();
    for (const event of (await handle.fetchHistory()).events ?? []) {
      const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
      if (type) scheduled.set(String(event.eventId), type);
      const started = event.activityTaskStartedEventAttributes;
      const unit = started ? scheduled.get(String(started.scheduledEventId)) : undefined;
      if (started?.identity && (unit === 'ingestTeamGames' || unit === 'ingestTeamRoster')) {
        identities.add(started.identity);
      }
    }
  }
  return identities;
}
