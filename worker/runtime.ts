/** Routes the Temporal SDK's logs (worker, workflow `log`, activity `log`) into our pino logger. */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../lib/logger.js';

const PINO_METHOD: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The NBA task queue's worker has activities only, by design: not worth a warning on every start. */
const EXPECTED_WARNINGS = new Set(['No workflows registered, not polling for workflow tasks']);

/**
 * `prometheusBindAddress` (host:port): Core serves the SDK's runtime metrics (temporal_…) there;
 * lib/metrics-server.ts appends them to the worker's /metrics.
 */
export function installRuntime(
  logger: Logger,
  level: LogLevel = 'INFO',
  opts: { prometheusBindAddress?: string | undefined } = {},
): void {
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      if (EXPECTED_WARNINGS.has(entry.message)) return;
      logger[PINO_METHOD[entry.level]]({ ...entry.meta }, entry.message);
    }),
    ...(opts.prometheusBindAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: opts.prometheusBindAddress } } } }
      : {}),
  });
}
