/**
 * `npm run worker`: connects to the Temporal server of the profile (TEMPORAL_PROFILE in
 * TEMPORAL_CONFIG_FILE) and the TEMPORAL_* variables (config/temporal-profile.ts), builds the pipeline once
 * (worker/pipeline.ts) and polls both task queues until SIGINT/SIGTERM, then drains in-flight work
 * and closes the pool.
 */
import { loadConfig, redactDatabaseUrl } from '../config/env.js';
import { createLogger } from '../lib/logger.js';
import { nodeRuntimeLine } from '../lib/node-runtime.js';
import { freeLocalPort } from '../lib/free-ports.js';
import { sdkPrometheusEndpoint, startMetricsServer } from '../lib/metrics-server.js';
import { buildPipeline } from '../worker/pipeline.js';
import { installRuntime } from '../worker/runtime.js';

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'worker' });
logger.info(nodeRuntimeLine());
// With METRICS_PORT, Core exports the SDK's metrics on a private port that our /metrics appends.
const sdkMetrics =
  config.METRICS_PORT !== undefined ? sdkPrometheusEndpoint(await freeLocalPort()) : undefined;
installRuntime(logger, 'INFO', { prometheusBindAddress: sdkMetrics?.bindAddress });

const pipeline = await buildPipeline(config, {
  onMetricsError: (error, activity) =>
    logger.warn({ activity, error: error.message }, 'metrics not recorded'),
  onDatabaseConnectionError: (error) =>
    logger.warn({ error: error.message }, 'database connection lost; its queries fail and are retried'),
});

const metricsServer =
  config.METRICS_PORT !== undefined
    ? await startMetricsServer({
        registry: pipeline.metrics.registry,
        port: config.METRICS_PORT,
        sdkMetricsUrl: sdkMetrics?.url,
        onSdkError: (error) =>
          logger.warn({ error: error.message }, 'Temporal SDK metrics not included in this scrape'),
      })
    : undefined;

logger.info(
  {
    temporal: config.TEMPORAL_ADDRESS,
    temporalProfile: config.TEMPORAL_PROFILE,
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
  await pipeline.run();
} finally {
  await metricsServer?.close();
  await pipeline.close();
  logger.info('worker stopped');
}
