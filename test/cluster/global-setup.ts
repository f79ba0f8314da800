/**
 * Once per `cluster` test run: the production Temporal engine from scripts/temporal-cluster.sh (the
 * official server on PostgreSQL, SQL visibility, the Web UI server) on ports, a role and databases of
 * its own (test/support/temporal-cluster.ts), stopped and removed at the end. On a new machine its binaries
 * are built first (`npm test` starts that build early, in the background, and this waits for it).
 * Tests reach it through the same `inject(…)` keys as the integration project, plus the script's
 * environment to restart it.
 */
import type { TestProject } from 'vitest/node';
import { nbaDataDir } from '../support/nba-data.js';
import { adminDatabaseUrl } from '../support/postgres.js';
import { startTemporalCluster } from '../support/temporal-cluster.js';
import { resolveTemporalCli } from '../support/temporal-server.js';
import '../support/provided-context.js';
import './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startTemporalCluster('cluster');
  console.info(`[cluster setup] cluster SERVING after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  project.provide('temporalAddress', cluster.address);
  project.provide('temporalUiUrl', cluster.uiUrl);
  project.provide('temporalNamespace', 'default');
  project.provide('temporalCliPath', await resolveTemporalCli());
  project.provide('databaseUrl', adminDatabaseUrl());
  project.provide('nbaDataDir', nbaDataDir());
  project.provide('temporalClusterEnv', cluster.env);
  return cluster.stop;
}
