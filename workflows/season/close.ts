/**
 * The close phase: the run's final status by the one rule (domain/run-status.ts), written to its
 * record and published; or, when the teams or the bookkeeping failed, the run closed as failed.
 */
import { log } from '@temporalio/workflow';
import { runVerdict } from '../../domain/run-status.js';
import { describeFailure } from '../failures.js';
import { bookkeeping } from './proxies.js';
import type { GamesLoaded } from './games.js';
import type { RunState } from './run-state.js';

export async function closeRun(
  state: RunState,
  games: GamesLoaded,
  quality: { anomalies: readonly unknown[] },
): Promise<void> {
  state.enter('closing');
  const { status, reason } = runVerdict(state.verdictTally(games.units, quality.anomalies.length));
  if (reason) state.progress.failureReason = reason;
  await bookkeeping.closeRun({
    ...state.run,
    status,
    ...state.closing(),
    failures: state.progress.failures.length,
    ...(reason ? { error: reason } : {}),
  });
  state.setStatus(status);
}

/** Records the run as failed (the caller fails the workflow with `err`). */
export async function closeFailedRun(state: RunState, err: unknown): Promise<void> {
  const { errorType, message } = describeFailure(err);
  const { season, seasonType } = state.run;
  log.error('run failed', { season, seasonType, errorType, message });
  await bookkeeping.closeRun({
    ...state.run,
    status: 'failed',
    ...state.closing(),
    failures: state.progress.failures.length + 1,
    error: `${errorType}: ${message}`,
  });
  state.setStatus('failed');
}
