/**
 * The vocabulary of run bookkeeping: what started a run, how it ended, and the units of work a
 * dead letter names. One list each; the types, the input checks (db/runs.ts) and the tables'
 * check constraints (db/schema.ts) are derived from them. Pure: workflows import it.
 */
import type { LoadCounts } from './records.js';

/** What started a run (ingestion_runs.trigger). */
export const RUN_TRIGGERS = [
  'schedule',
  'cli',
  'backfill',
  'redrive',
  'temporal-cli',
  'temporal-ui',
  'test',
  'unknown',
] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** 'running' until the run is closed with one of the others (ingestion_runs.status). */
export const RUN_STATUSES = [
  'running',
  'completed',
  'completed_with_failures',
  'failed',
  'anomalous',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type FinalRunStatus = Exclude<RunStatus, 'running'>;
export const FINAL_RUN_STATUSES = RUN_STATUSES.filter((s): s is FinalRunStatus => s !== 'running');

/** One team's games or one team's roster: what a team activity loads and a dead letter names. */
export const WORK_UNITS = ['games', 'roster'] as const;
export type WorkUnit = (typeof WORK_UNITS)[number];

/** How a run ended, as its run record keeps it. */
export interface RunOutcome {
  status: FinalRunStatus;
  counts: LoadCounts;
  apiCalls: number;
  failures: number;
  /** Set by a run that holds its own NBA breaker: cooldowns and seconds waited (not a backfill child's). */
  cooldowns?: number;
  cooldownSeconds?: number;
}
