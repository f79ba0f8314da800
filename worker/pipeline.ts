/**
 * The composition root: the one place the pipeline is wired. From the configuration it builds the
 * NBA client (counted), the database, the activities (instrumented), one Temporal connection and
 * the two workers; `close()` drains the workers and closes what it opened. The worker, the main
 * job, the integration-test harness and the benchmark all start their workers here, so what they
 * run is what production runs.
 */
import { NativeConnection } from '@temporalio/worker';
import { createActivities, type Activities } from '../activities/index.js';
import { runHistoryFrom, type RunHistory } from '../activities/run-origin.js';
import { instrumentActivities, instrumentNbaClient, runTimesFrom } from '../activities/instrument.js';
import type { AppConfig } from '../config/env.js';
import { temporalConnectionOptions } from '../config/temporal-profile.js';
import { createDatabase, type Database } from '../db/client.js';
import { createPipelineMetrics, type PipelineMetrics } from '../lib/metrics.js';
import { createNbaClient, type NbaClient } from '../nba/client.js';
import { createNbaPacer, type NbaPacer, type NbaQueue } from '../activities/nba-pace.js';
import { nbaTaskQueueFor } from '../domain/task-queues.js';
import { createWorkers, type PipelineWorkers } from './create-workers.js';

export interface ActivityOverrides {
  /** The registry the counters go to (default: a new one, e.g. for a test to read). */
  metrics?: PipelineMetrics;
  /** Told when recording a metric failed; the activity's result is never affected. */
  onMetricsError?: (error: Error, activity: string) => void;
}

export interface PipelineOverrides extends ActivityOverrides {
  /** An open database to use instead of opening one at DATABASE_URL; the caller closes it. */
  database?: Database;
  /** Wraps or replaces the instrumented activities (the benchmark's timing and no-op floor). */
  activities?: (activities: Activities) => Activities;
  /** Told when a pooled connection of the database it opens broke (the query on it fails and is retried). */
  onDatabaseConnectionError?: (error: Error) => void;
  /** pg_stat_activity's application_name of the pool the pipeline opens. */
  applicationName?: string;
  identity?: string;
}

export interface Pipeline {
  database: Database;
  metrics: PipelineMetrics;
  workers: PipelineWorkers;
  /** Polls both task queues until SIGINT/SIGTERM or close(); rejects if a worker fails. */
  run(): Promise<void>;
  /** Drains the workers, then closes the connection and the database it opened. Idempotent. */
  close(): Promise<void>;
}

/** The NBA Stats client the configuration describes (uncounted: the main job probes with it). */
export function nbaClientFrom(config: AppConfig): NbaClient {
  return createNbaClient({
    baseUrl: config.NBA_STATS_BASE_URL,
    timeoutMs: config.NBA_TIMEOUT_MS,
    ...(config.NBA_HEADERS_JSON ? { headers: config.NBA_HEADERS_JSON } : {}),
  });
}

/**
 * The activities over `database`, with the NBA client and the activities counted into `metrics`.
 * buildPipeline registers them on its workers; the benchmark also calls them without Temporal.
 */
/** What the activities read and write on the Temporal server through the worker's connection. */
export interface TemporalReach {
  runHistory: RunHistory;
  /** The NBA queue, whose config holds the fleet's learned rate. */
  nbaQueue: NbaQueue;
}

export function buildActivities(
  config: AppConfig,
  database: Database,
  overrides: ActivityOverrides = {},
  temporal?: TemporalReach,
): { activities: Activities; metrics: PipelineMetrics; nbaPacer?: NbaPacer | undefined } {
  const metrics = overrides.metrics ?? createPipelineMetrics();
  const nba = instrumentNbaClient(nbaClientFrom(config), metrics);
  const nbaPacer = temporal
    ? createNbaPacer(temporal.nbaQueue, {
        maxRps: config.NBA_RATE_LIMIT_PER_SEC,
        adaptive: config.NBA_PACING === 'adaptive',
        observed: (rps) => metrics.nbaRateLimit.set(rps),
      })
    : undefined;
  const activities = instrumentActivities(
    createActivities({
      nba,
      database,
      alertWebhookUrl: config.ALERT_WEBHOOK_URL,
      runHistory: temporal?.runHistory,
      nbaPacer,
      rowCap: config.NBA_ROW_CAP,
    }),
    metrics,
    {
      runTimes: runTimesFrom(database),
      ...(overrides.onMetricsError ? { onMetricsError: overrides.onMetricsError } : {}),
    },
  );
  return { activities, metrics, nbaPacer };
}

export async function buildPipeline(config: AppConfig, overrides: PipelineOverrides = {}): Promise<Pipeline> {
  const database =
    overrides.database ??
    createDatabase({
      url: config.DATABASE_URL,
      poolMax: config.DATABASE_POOL_MAX,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      applicationName: overrides.applicationName ?? 'nba-ingest-worker',
      ...(overrides.onDatabaseConnectionError
        ? { onConnectionError: overrides.onDatabaseConnectionError }
        : {}),
    });
  const closeOwnDatabase = async (): Promise<void> => {
    if (!overrides.database) await database.close();
  };

  let connection: NativeConnection | undefined;
  let workers: PipelineWorkers;
  let built: ReturnType<typeof buildActivities>;
  try {
    connection = await NativeConnection.connect(temporalConnectionOptions(config));
    // The run records name who started each run: the activities read it from the histories.
    built = buildActivities(config, database, overrides, {
      runHistory: runHistoryFrom(connection.workflowService, config.TEMPORAL_NAMESPACE),
      nbaQueue: {
        service: connection.workflowService,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: nbaTaskQueueFor(config.TEMPORAL_TASK_QUEUE),
      },
    });
    const { activities } = built;
    workers = await createWorkers({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: overrides.activities ? overrides.activities(activities) : activities,
      nbaRatePerSecond: config.NBA_RATE_LIMIT_PER_SEC,
      maxConcurrentActivities: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      ...(config.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: config.WORKFLOW_BUNDLE_PATH } : {}),
      ...(overrides.identity ? { identity: overrides.identity } : {}),
    });
  } catch (error) {
    // A worker created before the failure may still hold the connection: the first error matters.
    await connection?.close().catch(() => undefined);
    await closeOwnDatabase();
    throw error;
  }
  const openConnection = connection;
  const { metrics } = built;
  // nba_rate_limit_per_second from the start, not only from the first change (best effort: a metric).
  void built.nbaPacer?.current().catch(() => undefined);

  let running: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  return {
    database,
    metrics,
    workers,
    run() {
      running ??= workers.run();
      return running;
    },
    close() {
      closing ??= (async () => {
        // Workers that never ran still hold the connection: start them only to stop them.
        running ??= workers.run();
        workers.shutdown();
        // run()'s caller sees a worker failure; closing only waits for the drain.
        await running.catch(() => undefined);
        await openConnection.close();
        await closeOwnDatabase();
      })();
      return closing;
    },
  };
}
