/**
 * The schedule operations behind `npm run schedule`, callable with any Client (the CLI, tests).
 * Thin over the SDK's schedule handle; what they add: create-or-update, the schedule's own overlap
 * policy on trigger, the outcome of recent runs, and errors that say what to do.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type Client,
  type ScheduleDescription,
  type ScheduleOptions,
} from '@temporalio/client';
import type { scheduledIngest } from '../../workflows/index.js';
import { scheduleOptions, type ScheduleChoices } from './definition.js';

/** A problem with the schedule on the server (missing, spec refused): said plainly, with what to do. */
export class ScheduleCommandError extends Error {
  override readonly name = 'ScheduleCommandError';
}

async function withScheduleErrors<T>(client: Client, scheduleId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) {
      throw new ScheduleCommandError(
        `schedule '${scheduleId}' does not exist in namespace '${client.options.namespace}' ` +
          '(create it with `npm run schedule -- create`, or list them with `temporal schedule list`)',
      );
    }
    throw err;
  }
}

/**
 * Creates the declared schedule, or updates an existing one to the declaration (spec, action,
 * policies); an update keeps the paused state and note unless `choices` sets them. Idempotent.
 */
export async function applySchedule(
  client: Client,
  taskQueue: string,
  choices: ScheduleChoices = {},
): Promise<'created' | 'updated'> {
  const options = scheduleOptions(taskQueue, choices);
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw refusedSpec(err, options);
  }
  await withScheduleErrors(client, options.scheduleId, () =>
    client.schedule.getHandle(options.scheduleId).update((current) => ({
      spec: options.spec,
      action: options.action,
      policies: options.policies,
      state: {
        paused: choices.paused ?? current.state.paused,
        note: choices.note ?? current.state.note,
        remainingActions: current.state.remainingActions,
      },
    })),
  ).catch((err: unknown) => {
    throw refusedSpec(err, options);
  });
  return 'updated';
}

/** The SDK turns the server's "Invalid schedule spec: <reason>" into a TypeError carrying the reason. */
function refusedSpec(err: unknown, { spec }: ScheduleOptions): unknown {
  if (!(err instanceof TypeError)) return err;
  return new ScheduleCommandError(
    `the server refused the schedule spec (cron '${spec.cronExpressions?.join("', '")}', ` +
      `time zone '${spec.timezone}'): ${err.message}`,
  );
}

export interface RecentAction {
  scheduledAt: string;
  workflowId: string;
  /** The scheduledIngest execution's status: RUNNING, COMPLETED, FAILED, … or NOT_FOUND (past retention). */
  status: string;
  season?: string;
  /** What the run did: the ingest's status (completed, anomalous, already_running, …) or the failure message. */
  outcome?: string;
}

export interface ScheduleReport {
  scheduleId: string;
  namespace: string;
  action: { workflowType: string; taskQueue: string; args: unknown[] };
  /** The spec as the server compiled it (cron strings become calendars). */
  spec: { timeZone: string; calendars: ScheduleDescription['spec']['calendars'] };
  policies: { overlap: string; catchupWindowMs: number; pauseOnFailure: boolean };
  paused: boolean;
  note?: string;
  /** The next three times the spec fires (ISO). */
  nextActionTimes: string[];
  numActionsTaken: number;
  numActionsSkippedOverlap: number;
  numActionsMissedCatchupWindow: number;
  runningWorkflowIds: string[];
  /** Oldest first, as the server keeps them (the last ten). */
  recentActions: RecentAction[];
}

async function runOutcome(client: Client, workflowId: string, runId: string) {
  const handle = client.workflow.getHandle<typeof scheduledIngest>(workflowId, runId);
  let status: string;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { status: 'NOT_FOUND' };
    throw err;
  }
  if (status === 'COMPLETED') {
    const result = await handle.result();
    return { status, season: result.season, outcome: result.status };
  }
  if (status === 'FAILED') {
    const outcome = await handle.result().then(
      () => '',
      (err: unknown) =>
        err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : String(err),
    );
    return { status, outcome };
  }
  return { status };
}

export async function describeSchedule(client: Client, scheduleId: string): Promise<ScheduleReport> {
  const d = await withScheduleErrors(client, scheduleId, () =>
    client.schedule.getHandle(scheduleId).describe(),
  );
  const recentActions = await Promise.all(
    d.info.recentActions.map(async ({ scheduledAt, action: { workflow } }) => ({
      scheduledAt: scheduledAt.toISOString(),
      workflowId: workflow.workflowId,
      ...(await runOutcome(client, workflow.workflowId, workflow.firstExecutionRunId)),
    })),
  );
  // The SDK types a described action's input as any[]: what the server holds is not checked against the workflow.
  const actionArgs: readonly unknown[] = d.action.args ?? [];
  return {
    scheduleId: d.scheduleId,
    namespace: client.options.namespace,
    action: {
      workflowType: d.action.workflowType,
      taskQueue: d.action.taskQueue,
      args: [...actionArgs],
    },
    spec: { timeZone: d.spec.timezone ?? 'UTC', calendars: d.spec.calendars ?? [] },
    policies: {
      overlap: d.policies.overlap ?? 'SKIP',
      catchupWindowMs: d.policies.catchupWindow,
      pauseOnFailure: d.policies.pauseOnFailure,
    },
    paused: d.state.paused,
    ...(d.state.note ? { note: d.state.note } : {}),
    nextActionTimes: d.info.nextActionTimes.slice(0, 3).map((t) => t.toISOString()),
    numActionsTaken: d.info.numActionsTaken,
    numActionsSkippedOverlap: d.info.numActionsSkippedOverlap,
    numActionsMissedCatchupWindow: d.info.numActionsMissedCatchupWindow,
    runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
    recentActions,
  };
}

export async function pauseSchedule(client: Client, scheduleId: string, note?: string): Promise<void> {
  await withScheduleErrors(client, scheduleId, () =>
    client.schedule.getHandle(scheduleId).pause(note ?? 'paused with npm run schedule'),
  );
}

export async function unpauseSchedule(client: Client, scheduleId: string, note?: string): Promise<void> {
  await withScheduleErrors(client, scheduleId, () =>
    client.schedule.getHandle(scheduleId).unpause(note ?? 'unpaused with npm run schedule'),
  );
}

export type TriggerOutcome =
  { outcome: 'started'; workflowId: string } | { outcome: 'skipped' } | { outcome: 'pending' };

/**
 * Runs the action now under the schedule's own overlap policy (the SDK's trigger() alone would use
 * ALLOW_ALL), then waits for the server to take it: started, or skipped because a run is still going.
 */
export async function triggerSchedule(
  client: Client,
  scheduleId: string,
  timeoutMs = 10_000,
): Promise<TriggerOutcome> {
  return withScheduleErrors(client, scheduleId, async () => {
    const handle = client.schedule.getHandle(scheduleId);
    const { info: before, policies } = await handle.describe();
    await handle.trigger(policies.overlap);
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      const { info } = await handle.describe();
      const latest = info.recentActions.at(-1);
      if (info.numActionsTaken > before.numActionsTaken && latest)
        return { outcome: 'started', workflowId: latest.action.workflow.workflowId };
      if (info.numActionsSkippedOverlap > before.numActionsSkippedOverlap) return { outcome: 'skipped' };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { outcome: 'pending' };
  });
}

/** Removes the schedule; workflows it started keep running. */
export async function deleteSchedule(client: Client, scheduleId: string): Promise<void> {
  await withScheduleErrors(client, scheduleId, () => client.schedule.getHandle(scheduleId).delete());
}
