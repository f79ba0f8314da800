/**
 * The activities a season run calls, by where they run: the short database bookkeeping as local
 * activities (no task-queue round trip), the units on the rate-limited NBA queue, or on the main
 * queue when they are rebuilt from stored responses (no request to wait for).
 */
import {
  proxyActivities,
  proxyLocalActivities,
  workflowInfo,
  type ActivityInterfaceFor,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import type { Activities } from '../../activities/index.js';
import { NON_RETRYABLE_ERROR_TYPES } from '../../domain/error-types.js';
import { nbaTaskQueueFor } from '../../domain/task-queues.js';
import { THROTTLING_NBA_ERRORS } from '../../nba/errors.js';
import type { SeasonPlan } from './plan.js';

const DB_MAX_ATTEMPTS = 10;
const DB_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '30 seconds',
  maximumAttempts: DB_MAX_ATTEMPTS,
  nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
};

/** Bookkeeping steps: short database calls, run in the worker that runs the workflow task. */
export const bookkeeping = proxyLocalActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: DB_RETRY,
});

/** Units rebuilt from stored responses (a retransform): the main task queue, the database's retries. */
const storedResponses = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: DB_RETRY });

/** Throttling signals are the workflow's to handle (workflows/throttle-gate.ts): never retried by the server. */
function nbaActivities(maximumAttempts: number): ActivityInterfaceFor<Activities> {
  return proxyActivities<Activities>({
    taskQueue: nbaTaskQueueFor(workflowInfo().taskQueue),
    // One request (30 s timeout) and one load; heartbeats show a dead worker within 10 s.
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '10 seconds',
    // Waiting for the rate-limited queue counts here too: bounded so a blocked API fails the unit.
    scheduleToCloseTimeout: '20 minutes',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      maximumAttempts,
      nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES, ...THROTTLING_NBA_ERRORS],
    },
  });
}

export interface UnitActivities {
  activities: ActivityInterfaceFor<Activities>;
  /** Attempts the server makes per unit before it fails. */
  maxAttempts: number;
  /** Requests sent by `attempts` attempts: none when rebuilt from stored responses. */
  requestsOf(attempts: number): number;
}

/** Where the run's units (and its standings and roster comparison) run. */
export function unitActivities(plan: SeasonPlan): UnitActivities {
  if (plan.retransform)
    return { activities: storedResponses, maxAttempts: DB_MAX_ATTEMPTS, requestsOf: () => 0 };
  return {
    activities: nbaActivities(plan.nbaMaxAttempts),
    maxAttempts: plan.nbaMaxAttempts,
    requestsOf: (attempts) => attempts,
  };
}
