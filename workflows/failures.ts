/**
 * What a failed activity tells the workflow: the attempts it made and how to name the failure in
 * dead letters, logs and the run's verdicts.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** Attempts made before giving up: all of them unless the error was non-retryable. */
export function attemptsOf(err: unknown, maximumAttempts: number): number {
  return err instanceof ActivityFailure && err.retryState === 'MAXIMUM_ATTEMPTS_REACHED'
    ? maximumAttempts
    : 1;
}

export function describeFailure(err: unknown): { errorType: string; message: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure)
    return { errorType: cause.type ?? 'ApplicationFailure', message: cause.message };
  if (cause instanceof Error) return { errorType: cause.name, message: cause.message };
  return { errorType: 'Unknown', message: String(cause) };
}
