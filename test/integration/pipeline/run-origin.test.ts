/**
 * Who ran it, and resets (issues 26 and 19.8), against the real dev server: each run record names its
 * starter as Temporal recorded it (`npm run ingest`, `temporal workflow start --identity`, a backfill's
 * child, a schedule's run), and `temporal workflow reset` of a completed 2023-24 run, to the first
 * workflow task and to the workflow task after the games, makes runs with records of their own that
 * name the run they reset, change no row and send only the requests after the reset point.
 */
import { execFile } from 'node:child_process';
import { hostname, userInfo } from 'node:os';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { applySchedule, triggerSchedule } from '../../../cli/schedule/operations.js';
import { tableChecksums, getRun } from '../../../db/runs.js';
import { currentSeason, seasonWorkflowId } from '../../../domain/season.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { hasNbaData, uniqueWorkflowId } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { cliEnvironment, usePipeline } from '../../support/pipeline.js';

const run = promisify(execFile);
const SEASON = '2023-24';
const WORKFLOW_ID = seasonWorkflowId(SEASON, 'Regular Season');

describe.skipIf(!hasNbaData())('who ran it, and resets (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline();
  let env: NodeJS.ProcessEnv;
  let temporal: (args: string[]) => Promise<{ stdout: string }>;
  /** The `npm run ingest` run that the resets replay. */
  let original: IngestSeasonResult;

  beforeAll(() => {
    const p = pipeline();
    const { TEMPORAL_IDENTITY: _ignored, ...inherited } = cliEnvironment(p);
    env = inherited;
    const cli = inject('temporalCliPath');
    temporal = (args) =>
      run(cli, [...args, '--address', p.temporalAddress, '--namespace', p.namespace], { env: process.env });
  });

  const record = async (runId: string) => {
    const found = await getRun(pipeline().database, runId);
    if (!found) throw new Error(`no run record for ${runId}`);
    return found;
  };

  it('`npm run ingest` names `<os user>@<host> nba-ingest season`, in the record, the summary, status and changes', async () => {
    const { stdout } = await runTsScript(
      ['scripts/ingest.ts', 'season', SEASON, '--games-by', 'league', '--wait', '--json'],
      { env },
    );
    original = JSON.parse(stdout.trim()) as IngestSeasonResult;
    const starter = `${userInfo().username}@${hostname()} nba-ingest season`;
    expect(original).toMatchObject({ status: 'completed', apiCalls: 33, startedBy: starter });
    expect(await record(original.runId)).toMatchObject({ trigger: 'cli', startedBy: starter, resetOf: null });

    const status = await runTsScript(['scripts/ingest.ts', 'status', '--json'], { env });
    const [season] = (JSON.parse(status.stdout) as { seasons: { lastRun: { startedBy: string } }[] }).seasons;
    expect(season?.lastRun.startedBy).toBe(starter);
    const table = await runTsScript(['scripts/ingest.ts', 'status'], { env });
    expect(table.stdout.trim().split('\n')[1]).toMatch(new RegExp(`^${SEASON}\\s.*\\s${starter}$`));
    const changes = await runTsScript(['scripts/ingest.ts', 'changes', original.runId], { env });
    expect(changes.stdout.split('\n')[0]).toBe(
      `run ${original.runId}: ${SEASON} Regular Season, cli, started by ${starter} at ` +
        (await record(original.runId)).startedAt.toISOString(),
    );
  });

  /** Resets the original run with the Temporal CLI; the new run's id and result. */
  async function reset(
    how: string[],
    reason: string,
  ): Promise<{ runId: string; result: IngestSeasonResult }> {
    await temporal([
      'workflow',
      'reset',
      '--workflow-id',
      WORKFLOW_ID,
      '--run-id',
      original.runId,
      ...how,
      '--reason',
      reason,
      '--yes',
    ]);
    const { runId } = await pipeline().client.workflow.getHandle(WORKFLOW_ID).describe();
    expect(runId).not.toBe(original.runId);
    const result = (await pipeline()
      .client.workflow.getHandle(WORKFLOW_ID, runId)
      .result()) as IngestSeasonResult;
    return { runId, result };
  }

  /** A reset run: completed, changed nothing, with a record, quality checks and no dead letter of its own. */
  async function expectOwnRecord(
    runId: string,
    before: Record<string, string>,
    requests: number,
  ): Promise<Awaited<ReturnType<typeof record>>> {
    const { database } = pipeline();
    const mine = await record(runId);
    expect(mine).toMatchObject({
      trigger: 'reset',
      resetOf: original.runId,
      startedBy: original.startedBy,
      status: 'completed',
      // Its own work only: what it inherited from before the reset point is the base run's.
      apiCalls: requests,
    });
    for (const [table, c] of Object.entries(mine.counts))
      expect({ table, inserted: c.inserted, updated: c.updated }).toEqual({ table, inserted: 0, updated: 0 });
    expect(await tableChecksums(database)).toEqual(before);
    const own = async (sql: string) => Number((await database.pool.query(sql, [runId])).rows[0].n);
    expect(await own('select count(*) n from audit_changes where run_id = $1')).toBe(0);
    expect(await own('select count(*) n from dead_letters where run_id = $1')).toBe(0);
    expect(await own('select count(*) n from quality_checks where run_id = $1')).toBeGreaterThan(0);
    // The run it reset keeps its own record.
    expect(await record(original.runId)).toMatchObject({
      trigger: 'cli',
      status: 'completed',
      resetOf: null,
    });
    return mine;
  }

  it('`temporal workflow reset --type FirstWorkflowTask` re-runs every unit: 33 requests, 0 rows changed, a record naming the run it reset', async () => {
    const before = await tableChecksums(pipeline().database);
    pipeline().replay.resetRequests();
    const { runId, result } = await reset(['--type', 'FirstWorkflowTask'], 'replay from the start');
    expect(result.status).toBe('completed');
    expect(pipeline().replay.requests().total).toBe(33);
    const own = await expectOwnRecord(runId, before, 33);
    expect(own.counts?.matches).toEqual({ inserted: 0, updated: 0, unchanged: 1230 });
  });

  it('a reset to the workflow task after the games sends only the rosters, players’ lines and standings requests: its record is opened by its first own step', async () => {
    const history = await pipeline().client.workflow.getHandle(WORKFLOW_ID, original.runId).fetchHistory();
    const events = history.events ?? [];
    const gamesScheduled = events.find(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'ingestLeagueGames',
    );
    const gamesDone = events.findIndex(
      (e) =>
        e.activityTaskCompletedEventAttributes?.scheduledEventId?.toString() ===
        gamesScheduled?.eventId?.toString(),
    );
    const afterGames = events.slice(gamesDone).find((e) => e.workflowTaskCompletedEventAttributes);
    expect(afterGames).toBeDefined();

    const before = await tableChecksums(pipeline().database);
    pipeline().replay.resetRequests();
    const { runId, result } = await reset(
      ['--event-id', String(afterGames!.eventId)],
      'reload rosters and standings',
    );
    expect(result.status).toBe('completed');
    const requests = pipeline().replay.requests();
    // The players' lines (PlayerOrTeam=P), not the games again.
    expect(
      requests.log.filter((r) => r.endpoint === 'leaguegamefinder').map((r) => r.params.PlayerOrTeam),
    ).toEqual(['P']);
    expect(requests.total).toBe(32); // 30 rosters, the players' lines and the standings
    // The teams and the games were the base run's work (replayed, not redone): not in its counts.
    const own = await expectOwnRecord(runId, before, 32);
    expect(own.counts).not.toHaveProperty('matches');
    expect(own.counts).not.toHaveProperty('teams');
  });

  it('`temporal workflow start --identity alice@laptop` names alice@laptop', async () => {
    const workflowId = uniqueWorkflowId('started-by-alice');
    const flags = {
      type: 'ingestSeason',
      'task-queue': pipeline().taskQueue,
      'workflow-id': workflowId,
      identity: 'alice@laptop',
      input: JSON.stringify({ season: SEASON, gamesBy: 'league' }),
    };
    await temporal(['workflow', 'start', ...Object.entries(flags).flatMap(([flag, v]) => [`--${flag}`, v])]);
    const result = (await pipeline().client.workflow.getHandle(workflowId).result()) as IngestSeasonResult;
    expect(await record(result.runId)).toMatchObject({ trigger: 'temporal-cli', startedBy: 'alice@laptop' });
  });

  it("a backfill's child names the backfill's starter", async () => {
    const client = new Client({
      connection: pipeline().client.connection,
      namespace: pipeline().namespace,
      identity: 'carol@ops nba-ingest backfill',
    });
    await client.workflow.execute('backfillSeasons', {
      taskQueue: pipeline().taskQueue,
      workflowId: uniqueWorkflowId('started-by-backfill'),
      args: [{ seasons: [SEASON], gamesBy: 'league' }],
    });
    const { runId } = await pipeline().client.workflow.getHandle(WORKFLOW_ID).describe();
    expect(await record(runId)).toMatchObject({
      trigger: 'backfill',
      startedBy: 'carol@ops nba-ingest backfill',
    });
  });

  it('a run the schedule starts names the schedule', async () => {
    const { client, taskQueue } = pipeline();
    const scheduleId = uniqueWorkflowId('started-by-schedule');
    await applySchedule(client, taskQueue, { scheduleId, cron: '0 9 1 1 *' });
    try {
      const outcome = await triggerSchedule(client, scheduleId);
      expect(outcome.outcome).toBe('started');
      const scheduled = (outcome as { workflowId: string }).workflowId;
      await client.workflow
        .getHandle(scheduled)
        .result()
        .catch(() => undefined);
      const season = seasonWorkflowId(currentSeason(new Date()), 'Regular Season');
      const { runId } = await client.workflow.getHandle(season).describe();
      expect(await record(runId)).toMatchObject({ trigger: 'schedule', startedBy: `schedule:${scheduleId}` });
    } finally {
      await client.schedule.getHandle(scheduleId).delete();
    }
  });
});
