import { defineConfig, type TestProjectConfiguration } from 'vitest/config';
import LongRunningFirst from './test/support/long-running-first.js';

/**
 * Three projects: `unit` (pure, fast, no services), `integration` (a real Temporal dev server and a
 * fresh PostgreSQL database per run, started by the global setup only when integration files run) and
 * `cluster` (the official Temporal server on PostgreSQL with three worker processes), with
 * TEMPORAL_CLUSTER_TESTS=1: `npm test` sets it under CI=true; locally `npm run test:cluster` or
 * `TEMPORAL_CLUSTER_TESTS=1 npm test` (the first run on a machine builds the server: minutes).
 * Sized for a 2-core machine.
 */
const clusterProject: TestProjectConfiguration = {
  extends: true,
  test: {
    // The production engine (scripts/temporal-cluster.sh): built on first use, minutes.
    name: 'cluster',
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
};

export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', './test/support/node-runtime-reporter.ts'],
    maxWorkers: 2,
    // The files that wait longest start first, also on a fresh clone (no cached durations).
    sequence: { sequencer: LongRunningFirst },
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          globalSetup: ['test/support/unit-global-setup.ts'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/worker-bundle-env.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      ...(process.env.TEMPORAL_CLUSTER_TESTS === '1' ? [clusterProject] : []),
    ],
  },
});
