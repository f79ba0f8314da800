/**
 * `npm run schedule` end to end: the schedule operations against the test run's dev server, with the
 * real pipeline (scratch PostgreSQL, replay server over ../shared/nba-data, in-process workers) taking
 * the scheduled actions. Acceptance: triggered twice in quick succession, one run executes;
 * pause/unpause show in describe; a backfill over three seasons runs three seasons.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrAttach } from '../../../cli/start-season.js';
import {
  awaitTriggerOutcome,
  backfillScheduleSeasons,
  buildScheduleOptions,
  createSchedule,
  deleteSchedule,
  describeSchedule,
  pauseSchedule,
  ScheduleCommandError,
  triggerSchedule,
  unpauseSchedule,
  waitForScheduledRuns,
  type ScheduleReport,
} from '../../../cli/schedule/operations.js';
import { parseSeasonList } from '../../../cli/schedule/options.js';
import { currentSeason, seasonWorkflowId } from '../../../domain/season.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import type { ScheduledIngestResult } from '../../../workflows/scheduled-ingest.js';
import { hasNbaData, repoRoot, uniqueWorkflowId } from '../../setup/index.js';
import { startSchedulePipeline, type SchedulePipeline } from './schedule-pipeline.js';

const run = promisify(execFile);

/** Every few ms until `check` passes or the time is up (the scheduler applies patches asynchronously). */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function countWorkflows(client: Client, query: string): Promise<number> {
  return (await client.workflow.count(query)).count;
}

describe.skipIf(!hasNbaData())('npm run schedule on a real pipeline (needs ../shared/nba-data)', () => {
  let env: SchedulePipeline;
  let client: Client;
  const scheduleId = (label: string): string => uniqueWorkflowId(`sched-${label}`);
  const create = (id: string, extra: Partial<Parameters<typeof createSchedule>[1]> = {}) =>
    createSchedule(client, { scheduleId: id, taskQueue: env.taskQueue, paused: true, ...extra });

  beforeAll(async () => {
    env = await startSchedulePipeline();
    client = env.client;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('create → describe shows the spec, time zone, policies, action and state; a second create is refused', async () => {
    const id = scheduleId('create');
    await expect(create(id, { paused: false, note: 'daily ingest' })).resolves.toEqual({
      scheduleId: id,
      outcome: 'created',
    });

    const report = await describeSchedule(client, id);
    expect(report).toMatchObject({
      scheduleId: id,
      namespace: env.namespace,
      action: {
        workflowType: 'scheduledIngest',
        taskQueue: env.taskQueue,
        workflowIdPrefix: id,
        args: [{ seasonType: 'Regular Season' }],
      },
      spec: { text: ['0 9 * * *'], timeZone: 'America/New_York' },
      policies: { overlap: 'SKIP', catchupWindowMs: 3_600_000, pauseOnFailure: true },
      paused: false,
      note: 'daily ingest',
      numActionsTaken: 0,
      recentActions: [],
    });
    expect(report.nextActionTimes).toHaveLength(3);
    for (const t of report.nextActionTimes) {
      // 09:00 in New York is 14:00Z in winter, 13:00Z in summer.
      expect(new Date(t).getUTCHours()).toBeOneOf([13, 14]);
      expect(new Date(t).getTime()).toBeGreaterThan(Date.now());
    }

    const again = await create(id).catch((err: unknown) => err);
    expect(again).toBeInstanceOf(ScheduleCommandError);
    expect((again as Error).message).toMatch(/already exists.*describe.*delete.*--update/);

    await expect(
      create(id, { update: true, paused: undefined, cron: '30 6 * * MON-FRI', timeZone: 'UTC' }),
    ).resolves.toMatchObject({ outcome: 'updated' });
    const updated = await describeSchedule(client, id);
    expect(updated.spec).toMatchObject({ text: ['30 6 * * MON-FRI'], timeZone: 'UTC' });
    expect(updated.paused).toBe(false); // --update without --paused keeps the state

    await deleteSchedule(client, id);
  });

  it('pause and unpause, with their notes, show in describe', async () => {
    const id = scheduleId('pause');
    await create(id, { paused: false, cron: '0 9 1 1 *' }); // fires on January 1st only: never during the test
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
    const id = scheduleId('trigger');
    await create(id);
    const season = currentSeason(new Date());
    const childId = seasonWorkflowId(season, 'Regular Season');
    // Slow answers keep the first run going while the second trigger arrives.
    env.pipeline.replay.setFaults([{ kind: 'latency', latencyMs: 150 }]);
    try {
      const first = await triggerSchedule(client, id);
      const second = await triggerSchedule(client, id);
      expect([first.overlap, second.overlap]).toEqual(['SKIP', 'SKIP']); // the schedule's policy, not the SDK's ALLOW_ALL

      const report = await eventually(
        () => describeSchedule(client, id),
        (r) => r.numActionsTaken + r.numActionsSkippedOverlap >= 2,
      );
      expect(report).toMatchObject({ numActionsTaken: 1, numActionsSkippedOverlap: 1 });
      expect(report.recentActions).toHaveLength(1);
      const [started] = await waitForScheduledRuns(client, [report.recentActions[0]!.workflowId]);
      expect(started?.status).toBe('COMPLETED');
      expect(started?.result).toMatchObject({ season, seasonType: 'Regular Season', workflowId: childId });
      expect(started?.result?.status).not.toBe('already_running');
    } finally {
      env.pipeline.replay.clearFaults();
    }

    expect(
      await countWorkflows(client, `WorkflowType = 'scheduledIngest' AND TemporalScheduledById = '${id}'`),
    ).toBe(1);
    expect(await countWorkflows(client, `WorkflowType = 'ingestSeason' AND WorkflowId = '${childId}'`)).toBe(
      1,
    );
    const runs = await env.pipeline.database.pool.query<{ trigger: string }>(
      'select trigger from ingestion_runs where workflow_id = $1',
      [childId],
    );
    expect(runs.rows).toEqual([{ trigger: 'schedule' }]);

    const described = await describeSchedule(client, id);
    expect(described.recentActions[0]).toMatchObject({ status: 'COMPLETED', season });
    expect(described.recentActions[0]?.outcome).not.toBe('already_running');
    await deleteSchedule(client, id);
  });

  it('a scheduled run while a manual run of the same season is going reports already_running: never two at once', async () => {
    const id = scheduleId('manual');
    await create(id);
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
      const { before } = await triggerSchedule(client, id);
      const outcome = await awaitTriggerOutcome(client, id, before);
      expect(outcome.outcome).toBe('started');
      const [scheduled] = await waitForScheduledRuns(client, [
        (outcome as { workflowId: string }).workflowId,
      ]);
      expect(scheduled?.result).toEqual<ScheduledIngestResult>({
        season,
        seasonType: 'Regular Season',
        workflowId: seasonWorkflowId(season, 'Regular Season'),
        status: 'already_running',
      });
      const manual = (await handle.result()) as IngestSeasonResult;
      expect(manual.season).toBe(season);
    } finally {
      env.pipeline.replay.clearFaults();
    }
    expect((await describeSchedule(client, id)).recentActions[0]?.outcome).toBe('already_running');
    await deleteSchedule(client, id);
  });

  it('backfill over three seasons runs each season once, with its official game count', async () => {
    const id = scheduleId('backfill');
    await create(id);
    const seasons = parseSeasonList('2019-20..2020-21,2023-24', new Date());
    expect(seasons).toEqual(['2019-20', '2020-21', '2023-24']);

    const report = await backfillScheduleSeasons(client, id, seasons);
    expect(report.overlap).toBe('ALLOW_ALL');
    expect(report.runs.map((r) => r.season)).toEqual(seasons);
    // Mid-January of each season's second year, at 09:00 New York time.
    expect(report.runs.map((r) => r.nominalTime)).toEqual([
      '2020-01-15T14:00:00.000Z',
      '2021-01-15T14:00:00.000Z',
      '2024-01-15T14:00:00.000Z',
    ]);

    const results = await waitForScheduledRuns(
      client,
      report.runs.map((r) => r.workflowId),
    );
    expect(results.map((r) => [r.status, r.result?.season, r.result?.status])).toEqual([
      ['COMPLETED', '2019-20', 'completed'],
      ['COMPLETED', '2020-21', 'completed'],
      ['COMPLETED', '2023-24', 'completed'],
    ]);

    const { rows } = await env.pipeline.database.pool.query<{ season: string; n: string }>(
      `select season, count(*) as n from matches where season_type = 'Regular Season' and season = any($1) group by season order by season`,
      [seasons],
    );
    expect(rows.map((r) => [r.season, Number(r.n)])).toEqual([
      ['2019-20', 1059],
      ['2020-21', 1080],
      ['2023-24', 1230],
    ]);
    const runs = await env.pipeline.database.pool.query<{ season: string; status: string; trigger: string }>(
      'select season, status, trigger from ingestion_runs where season = any($1) order by season',
      [seasons],
    );
    expect(runs.rows).toEqual(
      seasons.map((season) => ({ season, status: 'completed', trigger: 'schedule' })),
    );

    const described: ScheduleReport = await describeSchedule(client, id);
    expect(described.recentActions.map((a) => [a.season, a.status, a.outcome])).toEqual([
      ['2019-20', 'COMPLETED', 'completed'],
      ['2020-21', 'COMPLETED', 'completed'],
      ['2023-24', 'COMPLETED', 'completed'],
    ]);
    await deleteSchedule(client, id);
  });

  it('pause on failure: an action that fails pauses the schedule, and describe says why', async () => {
    const id = scheduleId('pof');
    // The project's definition, with an action that fails at once (ingestSeason refuses the season).
    const options = buildScheduleOptions({ scheduleId: id, taskQueue: env.taskQueue, cron: '0 9 1 1 *' });
    await client.schedule.create({
      ...options,
      action: {
        ...options.action,
        workflowType: 'ingestSeason',
        args: [{ season: 'not-a-season', trigger: 'test' }],
      },
    });
    const { before } = await triggerSchedule(client, id);
    const outcome = await awaitTriggerOutcome(client, id, before);
    expect(outcome.outcome).toBe('started');
    const [failed] = await waitForScheduledRuns(client, [(outcome as { workflowId: string }).workflowId]);
    expect(failed?.status).toBe('FAILED');

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

  // ingestSeason *returns* status 'failed' when every team failed; scheduledIngest turns that into a
  // workflow failure (SeasonRunFailed) so pause-on-failure fires.
  it('a run in which every team fails pauses the schedule (pause on failure), the note says why', async () => {
    const id = scheduleId('fails');
    await create(id, { paused: false, cron: '0 9 1 1 *' });
    // Every response lacks a column: NbaResponseInvalid, not retried, every unit fails at once.
    env.pipeline.replay.setFaults([{ kind: 'missing-column' }]);
    try {
      const { before } = await triggerSchedule(client, id);
      const outcome = await awaitTriggerOutcome(client, id, before);
      expect(outcome.outcome).toBe('started');
      await waitForScheduledRuns(client, [(outcome as { workflowId: string }).workflowId]);
    } finally {
      env.pipeline.replay.clearFaults();
    }
    const report = await eventually(
      () => describeSchedule(client, id),
      (r) => r.paused,
      5_000,
    );
    expect(report.paused).toBe(true);
    expect(report.note).toMatch(/fail/i);
    await deleteSchedule(client, id);
  });

  it('delete removes the schedule: later commands say it does not exist', async () => {
    const id = scheduleId('delete');
    await create(id);
    await deleteSchedule(client, id);
    for (const call of [
      () => describeSchedule(client, id),
      () => triggerSchedule(client, id),
      () => pauseSchedule(client, id),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScheduleCommandError);
      expect((err as Error).message).toContain(
        `schedule '${id}' does not exist in namespace '${env.namespace}'`,
      );
    }
  });

  it('npm run schedule: create and describe --json through the script; bad input fails before anything is created', async () => {
    const id = scheduleId('script');
    const script = (args: string[]) =>
      run('npx', ['tsx', path.join(repoRoot, 'scripts/schedule.ts'), ...args], {
        cwd: repoRoot,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.pipeline.temporalAddress,
          TEMPORAL_NAMESPACE: env.namespace,
          TEMPORAL_TASK_QUEUE: env.taskQueue,
        },
      });

    const bad = await script(['create', '--id', id, '--time-zone', 'Nowhere/City']).catch(
      (err: unknown) => err as { code: number; stderr: string },
    );
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain(
      "time zone 'Nowhere/City' is not an IANA time zone name",
    );
    await expect(describeSchedule(client, id)).rejects.toBeInstanceOf(ScheduleCommandError);

    const created = await script([
      'create',
      '--id',
      id,
      '--cron',
      '15 8 * * *',
      '--time-zone',
      'Europe/Paris',
      '--paused',
      '--note',
      'from the script',
    ]);
    expect(created.stdout).toContain(`created schedule ${id}`);
    expect(created.stdout).toContain('15 8 * * *');
    expect(created.stdout).toContain('PAUSED');

    const described = JSON.parse((await script(['describe', '--id', id, '--json'])).stdout) as ScheduleReport;
    expect(described).toMatchObject({
      scheduleId: id,
      spec: { text: ['15 8 * * *'], timeZone: 'Europe/Paris' },
      policies: { overlap: 'SKIP', catchupWindowMs: 3_600_000, pauseOnFailure: true },
      paused: true,
      note: 'from the script',
    });

    await deleteSchedule(client, id);
  });
});
