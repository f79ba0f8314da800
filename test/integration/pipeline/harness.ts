/**
 * A real pipeline for integration tests: a scratch PostgreSQL database, the replay server over the
 * shared NBA data, and the pipeline's workers on a unique task queue of the test run's dev server.
 */
import { Client, Connection, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { createDatabase, type Database } from '../../../db/client.js';
import type { SeasonType } from '../../../domain/season.js';
import { createNbaClient } from '../../../nba/client.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { createWorkers, type PipelineWorkers } from '../../../worker/create-workers.js';
import type { IngestSeasonInput, IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { createScratchDatabase, nbaDataDir, uniqueTaskQueue, uniqueWorkflowId } from '../../setup/index.js';

export interface Pipeline {
  databaseUrl: string;
  database: Database;
  replay: ReplayServer;
  client: Client;
  taskQueue: string;
  temporalAddress: string;
  /** Starts in-process workers (call again after stopWorkers to resume). */
  startWorkers(opts?: { rate?: number }): Promise<PipelineWorkers>;
  stopWorkers(): Promise<void>;
  start(input: IngestSeasonInput, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId>;
  ingest(input: IngestSeasonInput): Promise<IngestSeasonResult>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** The SDK logs every worker state change at INFO: keep test output to warnings and errors. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

export async function startPipeline(opts: { rate?: number } = {}): Promise<Pipeline> {
  installQuietRuntime();
  const temporalAddress = inject('temporalAddress');
  const scratch = await createScratchDatabase('pipeline');
  const database = createDatabase({ url: scratch.url, poolMax: 8, applicationName: 'pipeline-test' });
  const replay = await startReplayServer({ dataDirs: [nbaDataDir()], port: 0 });
  const clientConnection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  const taskQueue = uniqueTaskQueue('pipeline');
  const running: { workers: PipelineWorkers; connection: NativeConnection; done: Promise<void> }[] = [];

  const pipeline: Pipeline = {
    databaseUrl: scratch.url,
    database,
    replay,
    client,
    taskQueue,
    temporalAddress,
    async startWorkers(o = {}) {
      const connection = await NativeConnection.connect({ address: temporalAddress });
      const nba = createNbaClient({ baseUrl: replay.url, timeoutMs: 5_000 });
      const workers = await createWorkers({
        connection,
        namespace: 'default',
        taskQueue,
        activities: createActivities({ nba, database }),
        nbaRatePerSecond: o.rate ?? opts.rate ?? 50,
      });
      running.push({ workers, connection, done: workers.run() });
      return workers;
    },
    async stopWorkers() {
      for (const r of running.splice(0)) {
        r.workers.shutdown();
        await r.done;
        await r.connection.close();
      }
    },
    start(input, workflowId) {
      return client.workflow.start('ingestSeason', {
        taskQueue,
        workflowId: workflowId ?? uniqueWorkflowId(`ingest-${input.season}`),
        args: [{ trigger: 'test', ...input }],
      });
    },
    async ingest(input) {
      const handle = await pipeline.start(input);
      return (await handle.result()) as IngestSeasonResult;
    },
    async close() {
      await pipeline.stopWorkers();
      await clientConnection.close();
      await replay.close();
      await database.close();
      await scratch.drop();
    },
  };
  return pipeline;
}

export type { SeasonType };
