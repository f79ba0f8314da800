/**
 * The schedule operations behind `npm run schedule`, callable with any Client (the CLI, tests).
 * Inputs are validated before the first call to Temporal.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type CalendarSpec,
  type Client,
  type ScheduleDescription,
  type ScheduleOptions,
} from '@temporalio/client';
// The SDK's own Date ↔ protobuf Timestamp helpers (for the raw ListScheduleMatchingTimes call).
import { optionalDateToTs, tsToDate } from '@temporalio/common/lib/time.js';
import { currentSeason, parseSeasonType, SeasonInputError, type SeasonType } from '../../domain/season.js';
import type { ScheduledIngestInput, ScheduledIngestResult } from '../../workflows/scheduled-ingest.js';
import {
  planSeasonBackfills,
  scheduledWorkflowId,
  type MatchingTimes,
  type TimeWindow,
} from './backfill-plan.js';
import {
  DEFAULT_CRON,
  DEFAULT_SCHEDULE_ID,
  DEFAULT_TIME_ZONE,
  parseCron,
  parseScheduleId,
  parseTimeZone,
  ScheduleInputError,
  type OverlapPolicy,
} from './options.js';
import { calendarText, intervalText } from './spec-text.js';
import { BACKFILL_OVERLAP, SCHEDULE_POLICIES, SCHEDULED_WORKFLOW_TYPE } from './policies.js';

/** A problem with the schedule on the server (missing, already there): said plainly, with what to do. */
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

// ---------------------------------------------------------------------------------------------
// create

export interface CreateScheduleInput {
  scheduleId?: string;
  /** Task queue of the pipeline's workers (TEMPORAL_TASK_QUEUE). */
  taskQueue: string;
  /** Cron string (default '0 9 * * *'); or `calendar`, not both. */
  cron?: string;
  calendar?: CalendarSpec;
  timeZone?: string;
  seasonType?: SeasonType;
  /** Create paused; with `update`, unset keeps the current state. */
  paused?: boolean;
  note?: string;
  /** Update the schedule when it exists already, instead of failing. */
  update?: boolean;
}

/** The full schedule definition for validated input. Pure. */
export function buildScheduleOptions(input: CreateScheduleInput): ScheduleOptions {
  if (input.cron !== undefined && input.calendar !== undefined) {
    throw new ScheduleInputError('give either a cron string or a calendar spec, not both');
  }
  if (!input.taskQueue.trim()) throw new ScheduleInputError('task queue is empty');
  const scheduleId = parseScheduleId(input.scheduleId ?? DEFAULT_SCHEDULE_ID);
  const timezone = parseTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE);
  let seasonType: SeasonType;
  try {
    seasonType = parseSeasonType(input.seasonType);
  } catch (err) {
    if (err instanceof SeasonInputError) throw new ScheduleInputError(err.message);
    throw err;
  }
  const when = input.calendar
    ? { calendars: [input.calendar] }
    : { cronExpressions: [parseCron(input.cron ?? DEFAULT_CRON)] };
  const args: [ScheduledIngestInput] = [{ seasonType }];
  return {
    scheduleId,
    spec: { ...when, timezone },
    action: {
      type: 'startWorkflow',
      workflowType: SCHEDULED_WORKFLOW_TYPE,
      taskQueue: input.taskQueue,
      // Each run gets `<scheduleId>-<nominal time>`; the season's ingest runs under its own fixed id.
      workflowId: scheduleId,
      args,
    },
    policies: { ...SCHEDULE_POLICIES },
    state: {
      paused: input.paused ?? false,
      note:
        input.note ??
        (input.paused ? 'created paused with npm run schedule' : 'created with npm run schedule'),
    },
  };
}

export async function createSchedule(
  client: Client,
  input: CreateScheduleInput,
): Promise<{ scheduleId: string; outcome: 'created' | 'updated' }> {
  const options = buildScheduleOptions(input);
  try {
    await client.schedule.create(options);
    return { scheduleId: options.scheduleId, outcome: 'created' };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    if (!input.update) {
      throw new ScheduleCommandError(
        `schedule '${options.scheduleId}' already exists: see it with \`npm run schedule -- describe --id ${options.scheduleId}\`, ` +
          'remove it with `delete`, or replace its spec and policies with `create --update`',
      );
    }
  }
  await client.schedule.getHandle(options.scheduleId).update((current) => ({
    spec: options.spec,
    action: options.action,
    policies: options.policies,
    state: {
      paused: input.paused ?? current.state.paused,
      note: input.note ?? 'updated with npm run schedule',
      remainingActions: current.state.remainingActions,
    },
  }));
  return { scheduleId: options.scheduleId, outcome: 'updated' };
}

// ---------------------------------------------------------------------------------------------
// describe

export interface RecentAction {
  scheduledAt: string;
  takenAt: string;
  workflowId: string;
  runId: string;
  /** The scheduledIngest execution's status: RUNNING, COMPLETED, FAILED, … or NOT_FOUND (past retention). */
  status: string;
  season?: string;
  /** What the run did: the ingest's status (completed, anomalous, already_running, …) or the failure message. */
  outcome?: string;
}

export interface ScheduleReport {
  scheduleId: string;
  namespace: string;
  action: { workflowType: string; taskQueue: string; workflowIdPrefix: string; args: unknown[] };
  /** `text`: the spec in cron form, one entry per calendar or interval. */
  spec: {
    text: string[];
    timeZone: string;
    calendars: ScheduleDescription['spec']['calendars'];
    intervals: ScheduleDescription['spec']['intervals'];
  };
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
  createdAt: string;
  lastUpdatedAt?: string;
}

async function actionStatus(
  client: Client,
  workflowId: string,
  runId: string,
): Promise<Pick<RecentAction, 'status' | 'season' | 'outcome'>> {
  const handle = client.workflow.getHandle(workflowId, runId);
  let status: string;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { status: 'NOT_FOUND' };
    throw err;
  }
  if (status === 'COMPLETED') {
    const result = (await handle.result()) as ScheduledIngestResult;
    return { status, season: result.season, outcome: result.status };
  }
  if (status === 'FAILED') {
    const failure = await handle.result().then(
      () => undefined,
      (err: unknown) =>
        err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : String(err),
    );
    return { status, ...(failure ? { outcome: failure } : {}) };
  }
  return { status };
}

export async function describeSchedule(client: Client, scheduleId: string): Promise<ScheduleReport> {
  const d = await withScheduleErrors(client, scheduleId, () =>
    client.schedule.getHandle(scheduleId).describe(),
  );
  const recentActions = await Promise.all(
    d.info.recentActions.map(async (a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
      runId: a.action.workflow.firstExecutionRunId,
      ...(await actionStatus(client, a.action.workflow.workflowId, a.action.workflow.firstExecutionRunId)),
    })),
  );
  return {
    scheduleId: d.scheduleId,
    namespace: client.options.namespace,
    action: {
      workflowType: d.action.workflowType,
      taskQueue: d.action.taskQueue,
      workflowIdPrefix: d.action.workflowId ?? '',
      args: [...((d.action.args ?? []) as readonly unknown[])],
    },
    spec: {
      text: [...(d.spec.calendars ?? []).map(calendarText), ...(d.spec.intervals ?? []).map(intervalText)],
      timeZone: d.spec.timezone ?? 'UTC',
      calendars: d.spec.calendars ?? [],
      intervals: d.spec.intervals ?? [],
    },
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
    createdAt: d.info.createdAt.toISOString(),
    ...(d.info.lastUpdatedAt ? { lastUpdatedAt: d.info.lastUpdatedAt.toISOString() } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// pause, unpause, trigger, delete

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

export interface ActionCounts {
  taken: number;
  skipped: number;
}

function countsOf(d: ScheduleDescription): ActionCounts {
  return { taken: d.info.numActionsTaken, skipped: d.info.numActionsSkippedOverlap };
}

/**
 * Runs the action now. Without `overlap` the schedule's own policy applies (the SDK alone would use
 * ALLOW_ALL): a run still going means this one is skipped. Works on a paused schedule too.
 */
export async function triggerSchedule(
  client: Client,
  scheduleId: string,
  overlap?: OverlapPolicy,
): Promise<{ overlap: OverlapPolicy; before: ActionCounts }> {
  return withScheduleErrors(client, scheduleId, async () => {
    const handle = client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    const policy = overlap ?? d.policies.overlap ?? 'SKIP';
    await handle.trigger(policy);
    return { overlap: policy, before: countsOf(d) };
  });
}

export type TriggerOutcome =
  { outcome: 'started'; workflowId: string } | { outcome: 'skipped' } | { outcome: 'pending' };

/** Polls the schedule until the trigger shows as a started or a skipped action (the server applies it asynchronously). */
export async function awaitTriggerOutcome(
  client: Client,
  scheduleId: string,
  before: ActionCounts,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<TriggerOutcome> {
  const handle = client.schedule.getHandle(scheduleId);
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const d = await handle.describe();
    const now = countsOf(d);
    if (now.taken > before.taken) {
      const latest = d.info.recentActions.at(-1);
      if (latest) return { outcome: 'started', workflowId: latest.action.workflow.workflowId };
    }
    if (now.skipped > before.skipped) return { outcome: 'skipped' };
    if (Date.now() > deadline) return { outcome: 'pending' };
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 250));
  }
}

/** Removes the schedule; workflows it started keep running. */
export async function deleteSchedule(client: Client, scheduleId: string): Promise<void> {
  await withScheduleErrors(client, scheduleId, () => client.schedule.getHandle(scheduleId).delete());
}

// ---------------------------------------------------------------------------------------------
// backfill

export interface BackfillRun {
  season: string;
  /** The nominal time of the action: the season scheduledIngest derives from it. */
  nominalTime: string;
  workflowId: string;
}

export interface BackfillReport {
  scheduleId: string;
  overlap: OverlapPolicy;
  ranges: { start: string; end: string }[];
  runs: BackfillRun[];
}

/** The server's reading of the schedule's spec (time zone, DST, skips): the times it fires in a window. */
export function matchingTimesOf(client: Client, scheduleId: string): MatchingTimes {
  return async (window: TimeWindow) => {
    const response = await client.workflowService.listScheduleMatchingTimes({
      namespace: client.options.namespace,
      scheduleId,
      startTime: optionalDateToTs(window.start),
      endTime: optionalDateToTs(window.end),
    });
    return (response.startTime ?? []).map((t) => tsToDate(t));
  };
}

function actionWorkflowId(d: ScheduleDescription): string {
  return d.action.workflowId ?? d.scheduleId;
}

/**
 * One action per season: a one-second backfill range around a firing inside each season (see
 * backfill-plan.ts), all in one request, with overlap ALLOW_ALL (the seasons differ, nothing to skip).
 */
export async function backfillScheduleSeasons(
  client: Client,
  scheduleId: string,
  seasons: string[],
): Promise<BackfillReport> {
  if (seasons.length === 0) throw new ScheduleInputError('no seasons to backfill');
  return withScheduleErrors(client, scheduleId, async () => {
    const handle = client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    const plan = await planSeasonBackfills(seasons, matchingTimesOf(client, scheduleId));
    await handle.backfill(
      plan.map((p) => ({ start: p.range.start, end: p.range.end, overlap: BACKFILL_OVERLAP })),
    );
    return {
      scheduleId,
      overlap: BACKFILL_OVERLAP,
      ranges: plan.map((p) => ({ start: p.range.start.toISOString(), end: p.range.end.toISOString() })),
      runs: plan.map((p) => ({
        season: p.season,
        nominalTime: p.firing.toISOString(),
        workflowId: scheduledWorkflowId(actionWorkflowId(d), p.firing),
      })),
    };
  });
}

export interface BackfillRangeInput {
  from: Date;
  to: Date;
  overlap?: OverlapPolicy;
  /** Refuse a range that would start more runs than this (default 31). */
  maxRuns?: number;
}

/** A raw range, as `temporal schedule backfill` takes it: every firing in [from, to] runs (ingesting the season of its date). */
export async function backfillScheduleRange(
  client: Client,
  scheduleId: string,
  input: BackfillRangeInput,
): Promise<BackfillReport> {
  if (!(input.from.getTime() < input.to.getTime())) {
    throw new ScheduleInputError(
      `backfill range ${input.from.toISOString()} .. ${input.to.toISOString()} is empty or runs backwards`,
    );
  }
  const maxRuns = input.maxRuns ?? 31;
  const overlap = input.overlap ?? BACKFILL_OVERLAP;
  return withScheduleErrors(client, scheduleId, async () => {
    const handle = client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    const times = await matchingTimesOf(client, scheduleId)({ start: input.from, end: input.to });
    if (times.length === 0)
      throw new ScheduleInputError('the schedule does not fire in that range: nothing to backfill');
    if (times.length > maxRuns) {
      throw new ScheduleInputError(
        `the range holds ${times.length} firings (more than --max-runs ${maxRuns}); each one ingests the season of its date: ` +
          'for whole seasons use `backfill 2021-22..2023-24`, or raise --max-runs',
      );
    }
    await handle.backfill({ start: input.from, end: input.to, overlap });
    return {
      scheduleId,
      overlap,
      ranges: [{ start: input.from.toISOString(), end: input.to.toISOString() }],
      runs: times.map((t) => ({
        season: currentSeason(t),
        nominalTime: t.toISOString(),
        workflowId: scheduledWorkflowId(actionWorkflowId(d), t),
      })),
    };
  });
}

export interface ScheduledRunResult {
  workflowId: string;
  status: 'COMPLETED' | 'FAILED';
  result?: ScheduledIngestResult;
  error?: string;
}

/** Waits for workflows a schedule is about to start (they may not exist yet) and returns how each ended. */
export async function waitForScheduledRuns(
  client: Client,
  workflowIds: string[],
  opts: { startTimeoutMs?: number; pollMs?: number } = {},
): Promise<ScheduledRunResult[]> {
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  return Promise.all(
    workflowIds.map(async (workflowId): Promise<ScheduledRunResult> => {
      const handle = client.workflow.getHandle(workflowId);
      for (;;) {
        try {
          await handle.describe();
          break;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          if (Date.now() > deadline)
            throw new ScheduleCommandError(`the schedule did not start ${workflowId} in time`);
          await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 500));
        }
      }
      try {
        return { workflowId, status: 'COMPLETED', result: (await handle.result()) as ScheduledIngestResult };
      } catch (err) {
        const message =
          err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : (err as Error).message;
        return { workflowId, status: 'FAILED', error: message };
      }
    }),
  );
}
