/**
 * `npm run worker`: connects to TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE, builds the activities once
 * and polls both task queues until SIGINT/SIGTERM, then drains in-flight work and closes the pool.
 */
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { instrumentActivities, instrumentNbaClient, runTimesFrom } from '../activities/instrument.js';
import { loadConfig, redactDatabaseUrl } from '../config/env.js';
import { createDatabase } from '../db/client.js';
import { createLogger } from '../lib/logger.js';
import { createPipelineMetrics } from '../lib/metrics.js';
import { freeLocalPort, sdkPrometheusEndpoint, startMetricsServer } from '../lib/metrics-server.js';
import { createNbaClient } from '../nba/client.js';
import { temporalConnectionOptions } from '../worker/connection.js';
import { createWorkers } from '../worker/create-workers.js';
import { installRuntime } from '../worker/runtime.js';

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'worker' });
// With METRICS_PORT, Core exports the SDK's metrics on a private port that our /metrics appends.
const sdkMetrics =
  config.METRICS_PORT !== undefined ? sdkPrometheusEndpoint(await freeLocalPort()) : undefined;
installRuntime(logger, 'INFO', { prometheusBindAddress: sdkMetrics?.bindAddress });
const metrics = createPipelineMetrics();

const database = createDatabase({
  url: config.DATABASE_URL,
  poolMax: config.DATABASE_POOL_MAX,
  statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  applicationName: 'nba-ingest-worker',
  onConnectionError: (error) =>
    logger.warn({ error: error.message }, 'database connection lost; its queries fail and are retried'),
});
const nba = instrumentNbaClient(
  createNbaClient({
    baseUrl: config.NBA_STATS_BASE_URL,
    timeoutMs: config.NBA_TIMEOUT_MS,
    ...(config.NBA_HEADERS_JSON ? { headers: config.NBA_HEADERS_JSON } : {}),
  }),
  metrics,
);

const connection = await NativeConnection.connect(temporalConnectionOptions(config));
const workers = await createWorkers({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  activities: instrumentActivities(
    createActivities({ nba, database, alertWebhookUrl: config.ALERT_WEBHOOK_URL }),
    metrics,
    {
      runTimes: runTimesFrom(database),
      onMetricsError: (error, activity) =>
        logger.warn({ activity, error: error.message }, 'metrics not recorded'),
    },
  ),
  nbaRatePerSecond: config.NBA_RATE_LIMIT_PER_SEC,
  maxConcurrentActivities: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  ...(config.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: config.WORKFLOW_BUNDLE_PATH } : {}),
});

const metricsServer =
  config.METRICS_PORT !== undefined
    ? await startMetricsServer({
        registry: metrics.registry,
        port: config.METRICS_PORT,
        sdkMetricsUrl: sdkMetrics?.url,
        onSdkError: (error) =>
          logger.warn({ error: error.message }, 'Temporal SDK metrics not included in this scrape'),
      })
    : undefined;

logger.info(
  {
    temporal: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    nbaRatePerSecond: config.NBA_RATE_LIMIT_PER_SEC,
    nbaBaseUrl: config.NBA_STATS_BASE_URL,
    database: redactDatabaseUrl(config.DATABASE_URL),
    metrics: metricsServer?.url,
  },
  'worker started',
);
try {
  // The Temporal Runtime turns SIGINT/SIGTERM into a graceful shutdown of both workers.
  await workers.run();
} finally {
  await metricsServer?.close();
  await connection.close();
  await database.close();
  logger.info('worker stopped');
}
