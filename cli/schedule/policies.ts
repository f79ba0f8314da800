/**
 * The schedule's policies, chosen deliberately; `describe` prints the reasons next to the values
 * and docs/schedules.md explains them at length.
 */
import type { ScheduleOptions } from '@temporalio/client';

export const SCHEDULED_WORKFLOW_TYPE = 'scheduledIngest';

export const SCHEDULE_POLICIES = {
  overlap: 'SKIP',
  catchupWindow: '1 hour',
  pauseOnFailure: true,
} as const satisfies NonNullable<ScheduleOptions['policies']>;

export const CATCHUP_WINDOW_MS = 60 * 60 * 1000;

export const POLICY_REASONS = {
  overlap:
    'a run still going when the next one fires is not doubled (the per-season child workflow id already rules out two ingests of one season)',
  catchupWindow:
    'a daily job missed by more than an hour (server down) waits for the next day instead of replaying missed days; use backfill for gaps',
  pauseOnFailure:
    'a failed run (every team failed, or bookkeeping failed) usually means the API blocks us or changed its schema: pausing stops hammering it; fix, then unpause',
} as const;

/** Backfilled actions are for different seasons (or deliberate re-runs): never skip one of them. */
export const BACKFILL_OVERLAP = 'ALLOW_ALL' as const;
