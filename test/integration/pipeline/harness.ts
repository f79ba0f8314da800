/**
 * A real pipeline for integration tests: a scratch PostgreSQL database, the replay server over the
 * shared NBA data, and the pipeline's workers on a unique task queue of the test run's dev server.
 */
import { Client, Connection, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { instrumentActivities, instrumentNbaClient, runTimesFrom } from '../../../activities/instrument.js';
import { createDatabase, type Database } from '../../../db/client.js';
import type { SeasonType } from '../../../domain/season.js';
import type { PipelineMetrics } from '../../../lib/metrics.js';
import { createNbaClient } from '../../../nba/client.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { createWorkers, type PipelineWorkers } from '../../../worker/create-workers.js';
import type { IngestSeasonInput, IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { recordHistory } from '../../helpers/histories.js';
import {
  createIsolatedNamespace,
  createScratchDatabase,
  nbaDataDir,
  uniqueTaskQueue,
  uniqueWorkflowId,
} from '../../setup/index.js';

export interface Pipeline {
  databaseUrl: string;
  database: Database;
  replay: ReplayServer;
  client: Client;
  taskQueue: string;
  temporalAddress: string;
  /** The pipeline's own namespace: deterministic workflow ids never meet another test file's. */
  namespace: string;
  /** Starts in-process workers (call again after stopWorkers to resume). */
  startWorkers(opts?: { rate?: number; identity?: string }): Promise<PipelineWorkers>;
  stopWorkers(): Promise<void>;
  start(input: IngestSeasonInput, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId>;
  /** Runs a season to its end; `recordAs` saves its history as a replay fixture (RECORD_HISTORIES=1). */
  ingest(input: IngestSeasonInput, recordAs?: string): Promise<IngestSeasonResult>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** The SDK logs every worker state change at INFO: keep test output to warnings and errors. */
function installQuietRuntime(prometheusBindAddress?: string): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    ...(prometheusBindAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: prometheusBindAddress } } } }
      : {}),
  });
  runtimeInstalled = true;
}

export interface PipelineOptions {
  rate?: number;
  /** Instrument the NBA client and the activities as scripts/worker.ts does. */
  metrics?: PipelineMetrics;
  /** host:port where Core exports the SDK's Prometheus metrics (first startPipeline of the process only). */
  sdkMetricsBindAddress?: string;
  /** POSTed a JSON alert when a run is anomalous. */
  alertWebhookUrl?: string;
  /** NBA_TIMEOUT_MS of the workers' client (default 5000). */
  nbaTimeoutMs?: number;
}

export async function startPipeline(opts: PipelineOptions = {}): Promise<Pipeline> {
  installQuietRuntime(opts.sdkMetricsBindAddress);
  const temporalAddress = inject('temporalAddress');
  const scratch = await createScratchDatabase('pipeline');
  const database = createDatabase({ url: scratch.url, poolMax: 8, applicationName: 'pipeline-test' });
  const replay = await startReplayServer({ dataDirs: [nbaDataDir()], port: 0 });
  const clientConnection = await Connection.connect({ address: temporalAddress });
  const namespace = await createIsolatedNamespace(temporalAddress, 'ns');
  const client = new Client({ connection: clientConnection, namespace });
  const taskQueue = uniqueTaskQueue('pipeline');
  const running: { workers: PipelineWorkers; connection: NativeConnection; done: Promise<void> }[] = [];

  const pipeline: Pipeline = {
    databaseUrl: scratch.url,
    database,
    replay,
    client,
    taskQueue,
    temporalAddress,
    namespace,
    async startWorkers(o = {}) {
      const connection = await NativeConnection.connect({ address: temporalAddress });
      const { metrics } = opts;
      const plainNba = createNbaClient({ baseUrl: replay.url, timeoutMs: opts.nbaTimeoutMs ?? 5_000 });
      const nba = metrics ? instrumentNbaClient(plainNba, metrics) : plainNba;
      const activities = createActivities({ nba, database, alertWebhookUrl: opts.alertWebhookUrl });
      const workers = await createWorkers({
        connection,
        namespace,
        taskQueue,
        activities: metrics
          ? instrumentActivities(activities, metrics, { runTimes: runTimesFrom(database) })
          : activities,
        nbaRatePerSecond: o.rate ?? opts.rate ?? 50,
        ...(o.identity ? { identity: o.identity } : {}),
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
    async ingest(input, recordAs) {
      const handle = await pipeline.start(input);
      try {
        return (await handle.result()) as IngestSeasonResult;
      } finally {
        if (recordAs) await recordHistory(handle, namespace, recordAs);
      }
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
