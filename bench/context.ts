import type { Client } from '@temporalio/client';
import { createDatabase, type Database } from '../db/client.js';
import type { ReplayServer } from '../replay/server.js';
import type { BenchDatabases } from './databases.js';

/** What every phase gets: the run's services and a progress line writer (stderr). */
export interface BenchContext {
  temporalAddress: string;
  client: Client;
  bundlePath: string;
  /** The dev server's process id (for its CPU time), when it could be found. */
  temporalPid: number | undefined;
  replay: ReplayServer;
  databases: BenchDatabases;
  log(message: string): void;
}

export const SEASON = '2023-24';
export const TEAM_CONCURRENCY = 4;
/** "Unlimited" for the phases that measure something else than the rate limit. */
export const HIGH_RATE_PER_SEC = 1000;

export function openDatabase(url: string, label: string): Database {
  return createDatabase({
    url,
    poolMax: 10,
    statementTimeoutMs: 600_000,
    applicationName: `nba-ingest-bench-${label}`,
  });
}
