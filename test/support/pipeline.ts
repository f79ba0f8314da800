/**
 * A real pipeline for integration tests: a scratch PostgreSQL database, the replay server over the
 * shared NBA data, and the pipeline's workers on a unique task queue of the test run's dev server.
 */
import { Client, Connection, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../config/env.js';
import { createDatabase, type Database } from '../../db/client.js';
import type { SeasonType } from '../../domain/season.js';
import type { PipelineMetrics } from '../../lib/metrics.js';
import { startReplayServer, type ReplayServer } from '../../replay/server.js';
import type { SyntheticSeasonsOptions } from '../../replay/synthetic-seasons.js';
import type { PipelineWorkers } from '../../worker/create-workers.js';
import { buildPipeline, type Pipeline as BuiltPipeline } from '../../worker/pipeline.js';
import type { IngestSeasonInput, IngestSeasonResult } from '../../workflows/ingest-season.js';
import { recordHistory } from './histories.js';
import {
  createIsolatedNamespace,
  createScratchDatabase,
  nbaDataDir,
  uniqueTaskQueue,
  uniqueWorkflowId,
} from './index.js';

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
  startWorkers(opts?: { rate?: number; identity?: string; rowCap?: number }): Promise<PipelineWorkers>;
  stopWorkers(): Promise<void>;
  start(input: IngestSeasonInput, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId>;
  /** Runs a season to its end; `recordAs` saves its history as a replay fixture (RECORD_HISTORIES=1). */
  ingest(input: IngestSeasonInput, recordAs?: string): Promise<IngestSeasonResult>;
  close(): Promise<void>;
}

/** What points the command line (scripts/ingest.ts in a child process) at this pipeline. */
export function cliEnvironment(pipeline: Pipeline): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: pipeline.temporalAddress,
    TEMPORAL_NAMESPACE: pipeline.namespace,
    TEMPORAL_TASK_QUEUE: pipeline.taskQueue,
    DATABASE_URL: pipeline.databaseUrl,
    LOG_FORMAT: 'json',
  };
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
  /** NBA_PACING (default adaptive, as in production). */
  pacing?: 'adaptive' | 'fixed';
  /** Where the pipeline's counters go, for the test to read (default: a registry of its own). */
  metrics?: PipelineMetrics;
  /** host:port where Core exports the SDK's Prometheus metrics (first startPipeline of the process only). */
  sdkMetricsBindAddress?: string;
  /** POSTed a JSON alert when a run is anomalous. */
  alertWebhookUrl?: string;
  /** NBA_TIMEOUT_MS of the workers' client (default 5000). */
  nbaTimeoutMs?: number;
  /** Data directories the replay server reads before the shared data (the first one wins on duplicates). */
  replayDataDirs?: string[];
  /** Made-up seasons instead of any real data (replay/synthetic-seasons.ts). */
  replaySynthetic?: SyntheticSeasonsOptions;
}

export async function startPipeline(opts: PipelineOptions = {}): Promise<Pipeline> {
  installQuietRuntime(opts.sdkMetricsBindAddress);
  const temporalAddress = inject('temporalAddress');
  const scratch = await createScratchDatabase('pipeline');
  const database = createDatabase({ url: scratch.url, poolMax: 8, applicationName: 'pipeline-test' });
  const replay = await startReplayServer({
    ...(opts.replaySynthetic
      ? { dataDirs: [], synthetic: opts.replaySynthetic }
      : { dataDirs: [...(opts.replayDataDirs ?? []), nbaDataDir()] }),
    port: 0,
  });
  const clientConnection = await Connection.connect({ address: temporalAddress });
  const namespace = await createIsolatedNamespace(temporalAddress, 'ns');
  const client = new Client({ connection: clientConnection, namespace });
  const taskQueue = uniqueTaskQueue('pipeline');
  const running: { built: BuiltPipeline; done: Promise<void> }[] = [];

  const pipeline: Pipeline = {
    databaseUrl: scratch.url,
    database,
    replay,
    client,
    taskQueue,
    temporalAddress,
    namespace,
    async startWorkers(o = {}) {
      // The configuration a worker would read from its environment, pointed at this pipeline.
      const config = {
        ...loadConfig({}),
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_NAMESPACE: namespace,
        TEMPORAL_TASK_QUEUE: taskQueue,
        NBA_STATS_BASE_URL: replay.url,
        NBA_TIMEOUT_MS: opts.nbaTimeoutMs ?? 5_000,
        NBA_RATE_LIMIT_PER_SEC: o.rate ?? opts.rate ?? 50,
        NBA_PACING: opts.pacing ?? 'adaptive',
        ...(o.rowCap ? { NBA_ROW_CAP: o.rowCap } : {}),
        ALERT_WEBHOOK_URL: opts.alertWebhookUrl,
        WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      };
      const built = await buildPipeline(config, {
        database,
        ...(opts.metrics ? { metrics: opts.metrics } : {}),
        ...(o.identity ? { identity: o.identity } : {}),
      });
      running.push({ built, done: built.run() });
      return built.workers;
    },
    async stopWorkers() {
      for (const r of running.splice(0)) {
        await r.built.close();
        await r.done;
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

/**
 * The pipeline of one test file or suite, its workers polling: started before its tests, closed after
 * them. Call it in a `describe` (or at the top of the file); read the pipeline through the getter.
 */
export function usePipeline(opts: PipelineOptions = {}): () => Pipeline {
  let pipeline: Pipeline | undefined;
  beforeAll(async () => {
    pipeline = await startPipeline(opts);
    await pipeline.startWorkers();
  });
  afterAll(async () => {
    await pipeline?.close();
  });
  return () => {
    if (!pipeline) throw new Error('the pipeline is not started yet: read it inside a hook or a test');
    return pipeline;
  };
}
