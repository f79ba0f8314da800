import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure, fast, no services), `integration` (a real Temporal dev server and a
 * fresh PostgreSQL database per run, started by the global setup only when integration files run) and
 * `cluster` (the official Temporal server on PostgreSQL with three worker processes; its global setup
 * starts the cluster only when its files run).
 * Sized for a 2-core machine.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
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
      },
    ],
  },
});
