/**
 * Once per `cluster` test run: the production Temporal engine from scripts/temporal-cluster.sh (the
 * official server on PostgreSQL, SQL visibility, the Web UI server), built on first use, on free ports
 * with its own state directory and databases; stopped and removed at the end. Tests reach it through
 * the same `inject(…)` keys as the integration project, plus the script's environment to restart it.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { nbaDataDir } from '../../testkit/nba-data.js';
import { adminDatabaseUrl, dropDatabase, scratchDatabaseName } from '../../testkit/postgres.js';
import '../setup/provided-context.js';
import { freePort, resolveTemporalCli } from '../../testkit/temporal-server.js';
import { clusterScript, clusterStateFile } from './cluster-script.js';
import './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'nba-ingest-cluster-'));
  const env: Record<string, string> = {
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    TEMPORAL_CLUSTER_UI_PORT: String(await freePort()),
    TEMPORAL_CLUSTER_STATE_DIR: stateDir,
    // Databases of this run only: parallel runs from other worktrees share the PostgreSQL server.
    TEMPORAL_CLUSTER_DBNAME: scratchDatabaseName('temporal'),
    TEMPORAL_CLUSTER_VISIBILITY_DBNAME: scratchDatabaseName('temporal_vis'),
  };
  const teardown = async (): Promise<void> => {
    await clusterScript('stop', env).catch((error: unknown) => console.error('[cluster setup]', error));
    for (const name of [env.TEMPORAL_CLUSTER_DBNAME, env.TEMPORAL_CLUSTER_VISIBILITY_DBNAME]) {
      await dropDatabase(adminDatabaseUrl(), name ?? '').catch((error: unknown) =>
        console.error('[cluster setup] drop', name, error),
      );
    }
    // Kept for a failure's post-mortem (server.log, schema.log, namespace.log, ui.log); a few KB.
    console.info(`[cluster setup] cluster logs kept in ${stateDir}`);
  };
  const started = Date.now();
  try {
    await clusterScript('start', env);
  } catch (error) {
    await teardown();
    throw error;
  }
  console.info(`[cluster setup] cluster SERVING after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const uiPort = await clusterStateFile(env, 'ui.port');
  project.provide('temporalAddress', env.TEMPORAL_ADDRESS ?? '');
  project.provide('temporalUiUrl', `http://127.0.0.1:${uiPort}`);
  project.provide('temporalNamespace', 'default');
  project.provide('temporalCliPath', await resolveTemporalCli());
  project.provide('databaseUrl', adminDatabaseUrl());
  project.provide('nbaDataDir', nbaDataDir());
  project.provide('temporalClusterEnv', env);
  return teardown;
}
