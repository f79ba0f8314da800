/**
 * `npm run schedule` end to end: the schedule operations against the test run's dev server, with the
 * real pipeline (scratch PostgreSQL, replay server over ../shared/nba-data, in-process workers) taking
 * the scheduled actions.
 */
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrAttach } from '../../../cli/start-season.js';
import { scheduleOptions, type ScheduleChoices } from '../../../cli/schedule/definition.js';
import {
  applySchedule,
  deleteSchedule,
  describeSchedule,
  pauseSchedule,
  ScheduleCommandError,
  triggerSchedule,
  unpauseSchedule,
  type ScheduleReport,
  type TriggerOutcome,
} from '../../../cli/schedule/operations.js';
import { currentSeason, seasonWorkflowId } from '../../../domain/season.js';
import type { ScheduledIngestResult } from '../../../workflows/scheduled-ingest.js';
import { hasNbaData, uniqueWorkflowId } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { startSchedulePipeline, type SchedulePipeline } from '../../support/schedule-pipeline.js';
import { startAlertWebhook, type AlertWebhook } from '../../support/alert-webhook.js';

/** Fires on January 1st only: never during a test, unless triggered. */
const NEVER = '0 9 1 1 *';

/** Until `check` passes or the time is up (the scheduler applies changes asynchronously). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startedId(outcome: TriggerOutcome): string {
  expect(outcome.outcome).toBe('started');
  return (outcome as { workflowId: string }).workflowId;
}

describe.skipIf(!hasNbaData())('npm run schedule on a real pipeline (needs ../shared/nba-data)', () => {
  let env: SchedulePipeline;
  let client: Client;
  const newId = (label: string): string => uniqueWorkflowId(`sched-${label}`);
  const apply = (id: string, choices: ScheduleChoices = {}) =>
    applySchedule(client, env.taskQueue, { scheduleId: id, ...choices });
  const resultOf = (workflowId: string) =>
    client.workflow.getHandle(workflowId).result() as Promise<ScheduledIngestResult>;
  const count = async (query: string) => (await client.workflow.count(query)).count;

  let webhook: AlertWebhook;

  beforeAll(async () => {
    webhook = await startAlertWebhook();
    env = await startSchedulePipeline({ alertWebhookUrl: webhook.url });
    client = env.client;
  });
  afterAll(async () => {
    await env?.close();
    await webhook?.close();
  });

  it('create applies the declaration; again it updates to the same (idempotent); a bad cron gets the server’s reason', async () => {
    const id = newId('create');
    await expect(apply(id, { paused: true, note: 'daily ingest' })).resolves.toBe('created');
    const created = await describeSchedule(client, id);
    expect(created).toMatchObject({
      scheduleId: id,
      namespace: env.namespace,
      action: {
        workflowType: 'scheduledIngest',
        taskQueue: env.taskQueue,
        args: [{ seasonType: 'Regular Season' }],
      },
      spec: { timeZone: 'America/New_York' },
      policies: { overlap: 'SKIP', catchupWindowMs: 3_600_000, pauseOnFailure: true },
      paused: true,
      note: 'daily ingest',
      numActionsTaken: 0,
      recentActions: [],
    });
    expect(created.nextActionTimes).toHaveLength(3);
    for (const t of created.nextActionTimes) expect(new Date(t).getUTCHours()).toBeOneOf([13, 14]); // 09:00 New York

    await expect(apply(id)).resolves.toBe('updated');
    expect(await describeSchedule(client, id)).toEqual(created); // paused state and note kept

    await expect(apply(id, { cron: '30 6 * * MON-FRI', timeZone: 'UTC' })).resolves.toBe('updated');
    const weekdays = await describeSchedule(client, id);
    expect(weekdays).toMatchObject({ spec: { timeZone: 'UTC' }, paused: true, note: 'daily ingest' });
    for (const t of weekdays.nextActionTimes.map((iso) => new Date(iso))) {
      expect([t.getUTCHours(), t.getUTCMinutes()]).toEqual([6, 30]);
      expect(t.getUTCDay()).toBeOneOf([1, 2, 3, 4, 5]);
    }

    const refused = await apply(id, { cron: '0 25 * * *' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ScheduleCommandError);
    expect((refused as Error).message).toMatch(/cron '0 25 \* \* \*'.*Hour is not in range/);
    expect(await describeSchedule(client, id)).toEqual(weekdays);

    const other = newId('badtz');
    await expect(apply(other, { timeZone: 'Nowhere/City' })).rejects.toThrow(
      /time zone 'Nowhere\/City'.*unknown time zone/,
    );
    await expect(describeSchedule(client, other)).rejects.toBeInstanceOf(ScheduleCommandError);
    await deleteSchedule(client, id);
  });

  it('pause and unpause, with their notes, show in describe', async () => {
    const id = newId('pause');
    await apply(id, { cron: NEVER });
    expect((await describeSchedule(client, id)).paused).toBe(false);
    await pauseSchedule(client, id, 'stats.nba.com answers 403 since 2024-01-15');
    expect(await describeSchedule(client, id)).toMatchObject({
      paused: true,
      note: 'stats.nba.com answers 403 since 2024-01-15',
    });
    await unpauseSchedule(client, id, 'headers fixed');
    expect(await describeSchedule(client, id)).toMatchObject({ paused: false, note: 'headers fixed' });
    await deleteSchedule(client, id);
  });

  it('triggered twice in quick succession: one run executes, the other is skipped by the overlap policy', async () => {
    const id = newId('trigger');
    await apply(id, { paused: true });
    const season = currentSeason(new Date());
    const childId = seasonWorkflowId(season, 'Regular Season');
    // Slow answers keep the first run going while the second trigger arrives.
    env.pipeline.replay.setFaults([{ kind: 'latency', latencyMs: 150 }]);
    try {
      const first = startedId(await triggerSchedule(client, id));
      // The schedule's SKIP, not the SDK's default ALLOW_ALL.
      await expect(triggerSchedule(client, id)).resolves.toEqual({ outcome: 'skipped' });
      const result = await resultOf(first);
      expect(result).toMatchObject({ season, seasonType: 'Regular Season', workflowId: childId });
      expect(result.status).not.toBe('already_running');
    } finally {
      env.pipeline.replay.clearFaults();
    }
    expect(await describeSchedule(client, id)).toMatchObject({
      numActionsTaken: 1,
      numActionsSkippedOverlap: 1,
    });
    expect(await count(`WorkflowType = 'scheduledIngest' AND TemporalScheduledById = '${id}'`)).toBe(1);
    expect(await count(`WorkflowType = 'ingestSeason' AND WorkflowId = '${childId}'`)).toBe(1);
    const runs = await env.pipeline.database.pool.query<{ trigger: string }>(
      'select trigger from ingestion_runs where workflow_id = $1',
      [childId],
    );
    expect(runs.rows).toEqual([{ trigger: 'schedule' }]);
    const [action] = (await describeSchedule(client, id)).recentActions;
    expect(action).toMatchObject({ status: 'COMPLETED', season });
    expect(action?.outcome).not.toBe('already_running');
    await deleteSchedule(client, id);
  });

  it('a scheduled run while a manual run of the same season is going reports already_running: never two at once', async () => {
    const id = newId('manual');
    await apply(id, { paused: true });
    const season = currentSeason(new Date());
    env.pipeline.replay.setFaults([{ kind: 'latency', latencyMs: 150 }]);
    try {
      const { handle } = await startOrAttach({
        client,
        taskQueue: env.taskQueue,
        season,
        seasonType: 'Regular Season',
        trigger: 'test',
      });
      const scheduled = startedId(await triggerSchedule(client, id));
      expect(await resultOf(scheduled)).toEqual<ScheduledIngestResult>({
        season,
        seasonType: 'Regular Season',
        workflowId: seasonWorkflowId(season, 'Regular Season'),
        status: 'already_running',
      });
      expect((await handle.result()).season).toBe(season);
    } finally {
      env.pipeline.replay.clearFaults();
    }
    expect((await describeSchedule(client, id)).recentActions[0]?.outcome).toBe('already_running');
    await deleteSchedule(client, id);
  });

  it('pause on failure: an action that fails pauses the schedule, and describe says why', async () => {
    const id = newId('pof');
    // The declaration, with an action that fails at once (ingestSeason refuses the season).
    const options = scheduleOptions(env.taskQueue, { scheduleId: id, cron: NEVER });
    await client.schedule.create({
      ...options,
      action: {
        ...options.action,
        workflowType: 'ingestSeason',
        args: [{ season: 'not-a-season', trigger: 'test' }],
      },
    });
    await resultOf(startedId(await triggerSchedule(client, id))).catch(() => undefined);
    const report = await eventually(
      () => describeSchedule(client, id),
      (r) => r.paused,
    );
    expect(report.paused).toBe(true);
    expect(report.note).toMatch(/fail/i);
    expect(report.recentActions[0]).toMatchObject({ status: 'FAILED' });
    expect(report.recentActions[0]?.outcome).toContain("season 'not-a-season'");
    await deleteSchedule(client, id);
  });

  // ingestSeason *returns* status 'failed' when the games it was for did not load (domain/run-status.ts);
  // scheduledIngest turns that into a workflow failure (SeasonRunFailed) so pause-on-failure fires.
  it('a daily run whose games unit is dead-lettered fails: the schedule pauses with a note saying why, the alert goes out', async () => {
    const id = newId('fails');
    await apply(id, { cron: NEVER });
    // A permanent HTTP 404 on the games: the daily run's one league-wide unit is dead-lettered at its
    // first attempt (a 4xx is not retried; a 500 would spend 30 s of retry backoff on the same end).
    env.pipeline.replay.setFaults([{ kind: 'server-error', status: 404, endpoint: 'leaguegamefinder' }]);
    try {
      const failure = await resultOf(startedId(await triggerSchedule(client, id))).catch((e: unknown) => e);
      expect(String((failure as Error).cause)).toContain('the games did not load');
    } finally {
      env.pipeline.replay.clearFaults();
    }
    const report = await eventually(
      () => describeSchedule(client, id),
      (r) => r.paused,
      5_000,
    );
    expect(report.paused).toBe(true);
    expect(report.note).toContain('the games did not load (1 of 1 games unit dead-lettered)');
    const { rows } = await env.pipeline.database.pool.query<{ status: string; error: string }>(
      `select status, error from ingestion_runs where trigger = 'schedule' order by started_at desc limit 1`,
    );
    expect(rows).toEqual([
      { status: 'failed', error: 'the games did not load (1 of 1 games unit dead-lettered)' },
    ]);
    // (Earlier runs of this file's empty current season posted anomaly alerts: not this one's kind.)
    expect(webhook.posts.filter((p) => (p as { kind: string }).kind === 'nba-ingest.failed')).toEqual([
      expect.objectContaining({
        kind: 'nba-ingest.failed',
        season: currentSeason(new Date()),
        reason: 'the games did not load (1 of 1 games unit dead-lettered)',
      }),
    ]);
    await deleteSchedule(client, id);
  }, 180_000);

  it('delete removes the schedule: later commands say it does not exist', async () => {
    const id = newId('delete');
    await apply(id, { paused: true });
    await deleteSchedule(client, id);
    for (const call of [
      () => describeSchedule(client, id),
      () => triggerSchedule(client, id),
      () => pauseSchedule(client, id),
      () => deleteSchedule(client, id),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScheduleCommandError);
      expect((err as Error).message).toContain(
        `schedule '${id}' does not exist in namespace '${env.namespace}'`,
      );
    }
  });

  it('npm run schedule: a cron the server refuses is reported and nothing is created; create twice, describe --json', async () => {
    const id = newId('script');
    const script = (args: string[]) =>
      runTsScript(['scripts/schedule.ts', ...args, '--id', id], {
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.pipeline.temporalAddress,
          TEMPORAL_NAMESPACE: env.namespace,
          TEMPORAL_TASK_QUEUE: env.taskQueue,
        },
      });
    const refused = (await script(['create', '--cron', '0 9 * *']).catch((err: unknown) => err)) as {
      code: number;
      stderr: string;
    };
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cron '0 9 \* \*'.*5-7 fields/);
    await expect(describeSchedule(client, id)).rejects.toBeInstanceOf(ScheduleCommandError);

    const args = [
      'create',
      '--cron',
      '15 8 * * *',
      '--time-zone',
      'Europe/Paris',
      '--paused',
      '--note',
      'from the script',
    ];
    const created = await script(args);
    expect(created.stdout).toContain(`created schedule ${id}`);
    expect(created.stdout).toMatch(/PAUSED {3}note: from the script/);
    expect(created.stdout).toMatch(/next runs {2}\d{4}-\d\d-\d\d 08:15 Europe\/Paris/);
    expect((await script(args)).stdout).toContain(`updated schedule ${id}`);

    const described = JSON.parse((await script(['describe', '--json'])).stdout) as ScheduleReport;
    expect(described).toMatchObject({
      scheduleId: id,
      spec: { timeZone: 'Europe/Paris' },
      policies: { overlap: 'SKIP', catchupWindowMs: 3_600_000, pauseOnFailure: true },
      paused: true,
      note: 'from the script',
    });
    await deleteSchedule(client, id);
  });
});
