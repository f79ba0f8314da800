import { DEFAULT_TEAM_CONCURRENCY } from '../domain/defaults.js';
import type { Client } from '@temporalio/client';
import type { Activities } from '../activities/index.js';
import type { Database } from '../db/client.js';
import type { ReplayServer } from '../replay/server.js';
import { startInProcessWorkers, type InProcessWorkers } from './in-process.js';

/** What every phase gets: the run's services, fresh databases and a progress line writer (stderr). */
export interface BenchContext {
  temporalAddress: string;
  client: Client;
  bundlePath: string;
  replay: ReplayServer;
  /** A fresh migrated database and its pool; dropped when the benchmark ends. */
  database(label: string): Promise<Database & { url: string }>;
  log(message: string): void;
  /** Runs `stop` when the benchmark ends, also on Ctrl-C (for what a phase starts and stops itself). */
  atExit(stop: () => Promise<unknown>): void;
}

export const SEASON = '2023-24';
/** The pipeline's own (INGEST_TEAM_CONCURRENCY's default). */
export const TEAM_CONCURRENCY = DEFAULT_TEAM_CONCURRENCY;
/** "Unlimited", for the phases that measure something else than the rate limit. */
export const HIGH_RATE_PER_SEC = 1000;

/** The pipeline's workers in this process, on a task queue of their own. */
export function startWorkers(
  ctx: BenchContext,
  ratePerSecond: number,
  activities?: Activities,
): Promise<InProcessWorkers> {
  return startInProcessWorkers({
    address: ctx.temporalAddress,
    client: ctx.client,
    bundlePath: ctx.bundlePath,
    nbaBaseUrl: ctx.replay.url,
    ratePerSecond,
    ...(activities ? { activities } : {}),
  });
}

/** A measured run that did not complete measured something else: stop the benchmark. */
export function expectCompleted<R extends { status: string }>(what: string, result: R): R {
  if (result.status !== 'completed')
    throw new Error(`${what}: run ended ${result.status}, expected completed`);
  return result;
}
