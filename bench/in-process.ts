/**
 * The pipeline's workers inside the benchmark process, as test/integration/pipeline/harness.ts runs
 * them, with one twist: the activities' database can be switched between runs, so that every timed
 * run writes into a fresh database without bundling or starting workers again.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities, type Activities } from '../activities/index.js';
import type { Database } from '../db/client.js';
import { createNbaClient } from '../nba/client.js';
import { createWorkers, type PipelineWorkers } from '../worker/create-workers.js';
import type { IngestSeasonInput, IngestSeasonResult } from '../workflows/ingest-season.js';

export interface SwitchableDatabase {
  database: Database;
  use(database: Database): void;
}

/** A Database whose pool and drizzle handle are those of whichever database was `use`d last. */
export function switchableDatabase(): SwitchableDatabase {
  let current: Database | undefined;
  const active = (): Database => {
    if (!current) throw new Error('bench: no database selected for the in-process workers');
    return current;
  };
  const database: Database = {
    get db() {
      return active().db;
    },
    get pool() {
      return active().pool;
    },
    close: () => active().close(),
  };
  return { database, use: (d) => void (current = d) };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface TemporalClient {
  client: Client;
  close: () => Promise<void>;
}

export async function connectClient(address: string): Promise<TemporalClient> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace: 'default' }), close: () => connection.close() };
}

export interface InProcessWorkers extends SwitchableDatabase {
  taskQueue: string;
  /** Wall time of every games/roster activity execution inside this worker since the last call. */
  takeTeamActivityMs(): number[];
  /** Starts ingestSeason on this task queue and waits for its result. */
  ingest(input: IngestSeasonInput): Promise<IngestSeasonResult & { handle: WorkflowHandle }>;
  stop(): Promise<void>;
}

export async function startInProcessWorkers(opts: {
  address: string;
  client: Client;
  bundlePath: string;
  nbaBaseUrl: string;
  ratePerSecond: number;
  /** Instead of the pipeline's own (e.g. bench/noop-activities.ts). */
  activities?: Activities;
}): Promise<InProcessWorkers> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const switchable = switchableDatabase();
  const taskQueue = uniqueName('bench');
  const nba = createNbaClient({ baseUrl: opts.nbaBaseUrl, timeoutMs: 30_000 });
  const activities = opts.activities ?? createActivities({ nba, database: switchable.database });
  let teamActivityMs: number[] = [];
  const timedUnit =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await fn(...args);
      } finally {
        teamActivityMs.push(performance.now() - started);
      }
    };
  const workers: PipelineWorkers = await createWorkers({
    connection,
    namespace: 'default',
    taskQueue,
    activities: {
      ...activities,
      ingestTeamGames: timedUnit((input) => activities.ingestTeamGames(input)),
      ingestTeamRoster: timedUnit((input) => activities.ingestTeamRoster(input)),
    },
    nbaRatePerSecond: opts.ratePerSecond,
    workflowBundlePath: opts.bundlePath,
  });
  const running = workers.run();
  return {
    ...switchable,
    taskQueue,
    takeTeamActivityMs() {
      const taken = teamActivityMs;
      teamActivityMs = [];
      return taken;
    },
    async ingest(input) {
      const handle = await opts.client.workflow.start('ingestSeason', {
        taskQueue,
        workflowId: uniqueName(`bench-ingest-${input.season}`),
        args: [{ trigger: 'test', ...input } satisfies IngestSeasonInput],
      });
      return { ...((await handle.result()) as IngestSeasonResult), handle };
    },
    async stop() {
      workers.shutdown();
      await running;
      await connection.close();
    },
  };
}
