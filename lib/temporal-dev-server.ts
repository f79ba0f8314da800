/**
 * Dynamic config for every Temporal dev server the project starts: `npm run temporal:dev`
 * (scripts/temporal-dev.sh reads it through scripts/lib/print-dev-server-config.ts), the test suite's
 * and the benchmark's (test/support/temporal-server.ts). A dev server is one SQLite-backed history
 * shard on one machine; deploy/temporal/dynamicconfig/ holds the settings of the compose cluster.
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, number>> = {
  // One task-queue partition: Temporal splits a queue's rate limit (and its burst) across the
  // partitions, so with the default four the NBA queue's limit would be bursty and uneven.
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
  // A history shard reads its transfer queue at most 20 times a second by default, so every new
  // workflow or activity task waited up to 50 ms (30 ms on average, measured) before matching could
  // hand it to a poller: a run of one-after-another steps paid ~60 ms per activity for nothing.
  // With one shard and one pipeline, reading on every new task costs nothing measurable.
  'history.transferProcessorMaxPollRPS': 1000,
};

/** `--dynamic-config-value KEY=VALUE` pairs for `temporal server start-dev`. */
export function devServerDynamicConfigFlags(): string[] {
  return Object.entries(DEV_SERVER_DYNAMIC_CONFIG).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${value}`,
  ]);
}
