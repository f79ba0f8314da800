/**
 * The pipeline's workers inside the benchmark process, built by the composition root
 * (worker/pipeline.ts) as every worker is, with two overrides: the activities' database can be
 * switched between runs, so that every timed run writes into a fresh database without bundling or
 * starting workers again; and the team activities are timed (or all replaced, for the floor).
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Activities } from '../activities/index.js';
import { connectClient } from '../cli/common.js';
import { loadConfig, type AppConfig } from '../config/env.js';
import type { Database } from '../db/client.js';
import { buildActivities, buildPipeline } from '../worker/pipeline.js';
import { ingestSeason, type IngestSeasonInput, type IngestSeasonResult } from '../workflows/index.js';

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

/** A client of the bench's Temporal server, made as every client is (cli/common.ts); the caller closes its connection. */
export function benchClient(address: string): Promise<Client> {
  return connectClient({ ...loadConfig({}), TEMPORAL_ADDRESS: address });
}

/** Defaults, with the NBA API at the bench's replay server. */
function benchConfig(nbaBaseUrl: string): AppConfig {
  return { ...loadConfig({}), NBA_STATS_BASE_URL: nbaBaseUrl };
}

/** The activities the in-process workers run, for calling directly (the Temporal-free side). */
export function directActivities(nbaBaseUrl: string, database: Database): Activities {
  return buildActivities(benchConfig(nbaBaseUrl), database).activities;
}

export interface InProcessWorkers extends SwitchableDatabase {
  taskQueue: string;
  /** Wall time of every games/roster activity execution inside this worker since the last call. */
  takeTeamActivityMs(): number[];
  /** Starts ingestSeason on this task queue and waits for its result. */
  ingest(
    input: IngestSeasonInput,
  ): Promise<IngestSeasonResult & { handle: WorkflowHandle<typeof ingestSeason> }>;
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
  const switchable = switchableDatabase();
  const taskQueue = uniqueName('bench');
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
  const config = {
    ...benchConfig(opts.nbaBaseUrl),
    TEMPORAL_ADDRESS: opts.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    NBA_RATE_LIMIT_PER_SEC: opts.ratePerSecond,
    WORKFLOW_BUNDLE_PATH: opts.bundlePath,
  };
  const pipeline = await buildPipeline(config, {
    database: switchable.database,
    activities: (built) => {
      const activities = opts.activities ?? built;
      return {
        ...activities,
        ingestTeamGames: timedUnit((input) => activities.ingestTeamGames(input)),
        ingestTeamRoster: timedUnit((input) => activities.ingestTeamRoster(input)),
      };
    },
  });
  void pipeline.run();
  return {
    ...switchable,
    taskQueue,
    takeTeamActivityMs() {
      const taken = teamActivityMs;
      teamActivityMs = [];
      return taken;
    },
    async ingest(input) {
      const handle = await opts.client.workflow.start(ingestSeason, {
        taskQueue,
        workflowId: uniqueName(`bench-ingest-${input.season}`),
        args: [{ trigger: 'test', ...input }],
      });
      return { ...(await handle.result()), handle };
    },
    stop: () => pipeline.close(),
  };
}
