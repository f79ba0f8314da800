/**
 * The production Temporal engine (scripts/temporal-cluster.sh: the official server on PostgreSQL with
 * SQL visibility, and its Web UI server) for one test or benchmark run: its own state directory, ports,
 * PostgreSQL role and databases on DATABASE_URL's server, so that runs from several worktrees share
 * that server without touching each other. `stop()` stops it and drops the role and databases; the
 * logs stay in the state directory for a post-mortem (a few KB).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePortsBelowEphemeral } from '../../lib/free-ports.js';
import { repoRoot } from './paths.js';
import { adminDatabaseUrl, dropDatabase, scratchDatabaseName } from './postgres.js';

const SCRIPT = path.join(repoRoot, 'scripts/temporal-cluster.sh');

export interface TemporalCluster {
  address: string;
  /** http://127.0.0.1:<port> of its Web UI server. */
  uiUrl: string;
  /** The environment the script runs with (temporalClusterScript and …ServerPid take it). */
  env: Record<string, string>;
  /** Stops it and drops its role and databases; the logs stay. Safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * Runs `temporal-cluster.sh <action>` with a cluster's `env`; its messages are shown live. `start`
 * starts the server again after it died (or reuses it while it runs).
 */
export async function temporalClusterScript(
  action: 'start' | 'stop',
  env: Record<string, string>,
): Promise<void> {
  const child = spawn('bash', [SCRIPT, action], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`scripts/temporal-cluster.sh ${action} exited with ${code}`);
}

/** The pid of the server of the cluster with this `env` (its pid file). */
export async function temporalClusterServerPid(env: Record<string, string>): Promise<number> {
  const stateDir = env.TEMPORAL_CLUSTER_STATE_DIR ?? '';
  return Number((await readFile(path.join(stateDir, 'server.pid'), 'utf8')).trim());
}

async function dropRole(adminUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

/** Starts a cluster of its own (building the binaries first on a new machine: minutes). */
export async function startTemporalCluster(label: string): Promise<TemporalCluster> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), `nba-ingest-cluster-${label}-`));
  // Below the ephemeral range: the frontend must come back on its port after a restart (free-ports.ts).
  const [port, uiPort] = await freePortsBelowEphemeral(2);
  const env: Record<string, string> = {
    TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    TEMPORAL_CLUSTER_UI_PORT: String(uiPort),
    TEMPORAL_CLUSTER_STATE_DIR: stateDir,
    TEMPORAL_CLUSTER_DB_USER: scratchDatabaseName(`${label}_role`),
    TEMPORAL_CLUSTER_DBNAME: scratchDatabaseName(`${label}_temporal`),
    TEMPORAL_CLUSTER_VISIBILITY_DBNAME: scratchDatabaseName(`${label}_visibility`),
  };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await temporalClusterScript('stop', env).catch((error: unknown) =>
      console.error('[temporal cluster]', error),
    );
    const adminUrl = adminDatabaseUrl();
    for (const name of [env.TEMPORAL_CLUSTER_DBNAME!, env.TEMPORAL_CLUSTER_VISIBILITY_DBNAME!]) {
      await dropDatabase(adminUrl, name).catch((error: unknown) =>
        console.error('[temporal cluster] drop', name, error),
      );
    }
    await dropRole(adminUrl, env.TEMPORAL_CLUSTER_DB_USER!).catch((error: unknown) =>
      console.error('[temporal cluster] drop role', error),
    );
    console.info(`[temporal cluster] logs kept in ${stateDir}`);
  };
  try {
    await temporalClusterScript('start', env);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address: env.TEMPORAL_ADDRESS!,
    uiUrl: `http://127.0.0.1:${uiPort}`,
    env,
    stop,
  };
}
