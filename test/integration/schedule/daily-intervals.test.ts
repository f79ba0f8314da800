/**
 * Issue 12, items 2 and 3, on the real pipeline: the daily schedule backfilled over ten consecutive
 * dates of 2023-24 (nominal times 09:00 New York = 13:00 UTC, 2023-10-24 … 2023-11-02). Each run asks for the
 * games dated from the season's watermark minus a day up to its nominal date (ONE leaguegamefinder
 * with DateFrom/DateTo), for every player's lines of the same dates (PlayerOrTeam=P) and for
 * playerindex, then only the rosters that changed: 3 requests a day plus the changed teams' rosters
 * (30 on the first day, none after). No standings request: they
 * describe today, which these past intervals do not reach (a run up to today makes 4). Afterwards the tables hold exactly those ten days' games and player lines; running one
 * interval again changes 0 rows; a roster moved in the tables costs exactly the two teams' requests.
 */
import type { Client, ScheduleHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleOptions } from '../../../cli/schedule/definition.js';
import { listSeasonStatus } from '../../../db/season-status.js';
import { toNbaDate } from '../../../domain/game-dates.js';
import { openDataStore } from '../../../replay/data-store.js';
import type { LoggedRequest } from '../../../replay/request-log.js';
import { recordHistory } from '../../support/histories.js';
import { hasNbaData, nbaDataDir, uniqueWorkflowId } from '../../support/index.js';
import { startSchedulePipeline, type SchedulePipeline } from '../../support/schedule-pipeline.js';

const FIRST = '2023-10-24';
const LAST = '2023-11-02';
const DAYS = 10;
const BOS = 1610612738;
const NYK = 1610612752;

interface RunRow {
  run_id: string;
  status: string;
  api_calls: number;
  counts: Record<string, { inserted: number; updated: number; unchanged: number }>;
}

describe.skipIf(!hasNbaData())('daily incremental runs over 2023-24 (needs ../shared/nba-data)', () => {
  let env: SchedulePipeline;
  let client: Client;
  let schedule: ScheduleHandle;
  const query = <T extends object>(sql: string, params: unknown[] = []) =>
    env.pipeline.database.pool.query<T>(sql, params).then((r) => r.rows);
  const runs = () =>
    query<RunRow>(
      `select run_id, status, api_calls, counts from ingestion_runs where season = '2023-24' order by started_at`,
    );
  /** Backfills the schedule over [from, to] (nominal times) and waits for every run to end. */
  const backfill = async (from: string, to: string, expectRuns: number): Promise<RunRow[]> => {
    const before = (await runs()).length;
    await schedule.backfill({
      start: new Date(`${from}T00:00:00Z`),
      end: new Date(`${to}T23:00:00Z`),
      overlap: 'BUFFER_ALL',
    });
    const deadline = Date.now() + 240_000;
    for (;;) {
      const now = await runs();
      const done = now.slice(before).filter((r) => r.status !== 'running');
      if (done.length === expectRuns) return done;
      if (Date.now() > deadline) throw new Error(`${done.length} of ${expectRuns} runs ended in time`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const requestsSince = (seq: number): LoggedRequest[] =>
    env.pipeline.replay.requests().log.filter((r) => r.seq > seq);

  beforeAll(async () => {
    env = await startSchedulePipeline();
    client = env.client;
    const scheduleId = uniqueWorkflowId('sched-daily');
    // Paused: only the backfills act (a backfill runs whatever the paused state).
    schedule = await client.schedule.create(scheduleOptions(env.taskQueue, { scheduleId, paused: true }));
  });
  afterAll(async () => {
    await env?.close();
  });

  it('ten daily runs: 3 requests each plus the changed rosters; exactly those ten days of games and player lines afterwards', async () => {
    const ended = await backfill(FIRST, LAST, DAYS);
    expect(ended.map((r) => r.status)).toEqual(Array(DAYS).fill('completed'));
    // Day 1: games + player lines + playerindex + every team's roster (nothing stored yet); then the first three.
    expect(ended.map((r) => r.api_calls)).toEqual([3 + 30, ...Array(DAYS - 1).fill(3)]);
    for (const [day, run] of ended.entries()) {
      const changedRosters = day === 0 ? 30 : 0;
      expect(run.api_calls).toBeLessThanOrEqual(4 + changedRosters);
    }

    const log = env.pipeline.replay.requests().log;
    expect(env.pipeline.replay.requests().perEndpoint).toEqual({
      leaguegamefinder: 2 * DAYS,
      playerindex: DAYS,
      commonteamroster: 30,
    });
    // Each run's interval: to its nominal date; from the watermark (the previous day) minus a day.
    const games = log.filter((r) => r.endpoint === 'leaguegamefinder' && r.params.PlayerOrTeam === 'T');
    const playerLines = log.filter((r) => r.endpoint === 'leaguegamefinder' && r.params.PlayerOrTeam === 'P');
    // The players' lines of each run's own interval, asked right after its games.
    expect(playerLines.map((r) => [r.params.DateFrom, r.params.DateTo])).toEqual(
      games.map((r) => [r.params.DateFrom, r.params.DateTo]),
    );
    const days = Array.from({ length: DAYS }, (_, i) => new Date(Date.parse(FIRST) + i * 86_400_000));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    expect(games.map((r) => r.params.DateTo)).toEqual(days.map((d) => toNbaDate(iso(d))));
    expect(games.map((r) => r.params.TeamID)).toEqual(Array(DAYS).fill(''));
    expect(games.every((r) => r.params.Season === '2023-24')).toBe(true);

    const table = await (await openDataStore([nbaDataDir()])).games('2023-24');
    const c = table!.column;
    const regular = table!.rows.filter((row) => String(row[c.gameId]).startsWith('002'));
    const dated = (row: unknown[]) => String(row[c.gameDate]);
    // From: nothing on day 1; then the day before the watermark, the last game date up to the day before.
    const watermarkAfter = (day: string) =>
      regular
        .map(dated)
        .filter((d) => d <= day)
        .sort()
        .at(-1)!;
    const dayBefore = (date: string) => iso(new Date(Date.parse(date) - 86_400_000));
    expect(games.map((r) => r.params.DateFrom)).toEqual([
      '',
      ...days.slice(0, -1).map((d) => toNbaDate(dayBefore(watermarkAfter(iso(d))))),
    ]);

    // The tables hold exactly the regular-season games dated 2023-10-24 … 2023-11-02.
    const expected = new Set(
      regular.filter((row) => dated(row) >= FIRST && dated(row) <= LAST).map((row) => String(row[c.gameId])),
    );
    const loaded = await query<{ game_id: string }>('select game_id from matches order by game_id');
    expect(expected.size).toBeGreaterThan(50);
    expect(new Set(loaded.map((m) => m.game_id))).toEqual(expected);
    const [stats] = await query<{ rows: number }>('select count(*)::int as rows from team_game_stats');
    expect(stats?.rows).toBe(expected.size * 2);
    // …and exactly those games' player lines, every one of them.
    const logs = (await (await openDataStore([nbaDataDir()])).playerLogs('2023-24'))!;
    const inDays = logs.rows.filter((row) => {
      const date = String(row[logs.column.gameDate]);
      return date >= FIRST && date <= LAST;
    });
    const lines = await query<{ game_id: string; player_id: number }>(
      'select game_id, player_id from player_game_stats order by game_id, player_id',
    );
    expect(lines.length).toBe(inDays.length);
    expect(new Set(lines.map((l) => `${l.game_id}:${l.player_id}`))).toEqual(
      new Set(inDays.map((row) => `${String(row[logs.column.gameId])}:${Number(row[logs.column.playerId])}`)),
    );

    const [status] = await listSeasonStatus(env.pipeline.database);
    expect(status).toMatchObject({ season: '2023-24', watermark: LAST, gamesLoaded: expected.size });
    expect(status!.lastInterval).toEqual({ from: dayBefore(watermarkAfter('2023-11-01')), to: LAST });
    expect(status!.quality?.failed).toEqual([]);
    expect(status).toMatchObject({ playerRows: inDays.length, playerChecks: { passed: true, failed: [] } });

    // The first day's scheduled run (its ingestSeason child is the interval kind) as a replay fixture.
    const scheduled = [];
    for await (const run of client.workflow.list({ query: `WorkflowType = 'scheduledIngest'` }))
      scheduled.push(run);
    expect(scheduled).toHaveLength(DAYS);
    const [first] = scheduled.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    await recordHistory(
      client.workflow.getHandle(first!.workflowId),
      env.namespace,
      'scheduled-ingest-daily',
    );
  });

  it('running one interval again changes 0 rows', async () => {
    const seq = env.pipeline.replay.requests().log.at(-1)!.seq;
    const [again] = await backfill('2023-10-30', '2023-10-30', 1);
    expect(again!.status).toBe('completed');
    // The watermark is past it: the interval is the nominal date alone.
    const games = requestsSince(seq).filter((r) => r.endpoint === 'leaguegamefinder');
    expect(games.map((r) => [r.params.PlayerOrTeam, r.params.DateFrom, r.params.DateTo])).toEqual([
      ['T', '10/30/2023', '10/30/2023'],
      ['P', '10/30/2023', '10/30/2023'],
    ]);
    const changed = Object.values(again!.counts).reduce((n, c) => n + c.inserted + c.updated, 0);
    expect(changed).toBe(0);
    expect(again!.counts.team_game_stats?.unchanged).toBeGreaterThan(0);
    const audit = await query('select 1 from audit_changes where run_id = $1', [again!.run_id]);
    expect(audit).toHaveLength(0);
    expect(again!.counts.player_game_stats?.unchanged).toBeGreaterThan(0);
    expect(again!.api_calls).toBe(3);
  });

  it('a player moved in the stored rosters: the next run fetches exactly the two teams’ rosters and puts him back', async () => {
    const [player] = await query<{ player_id: number }>(
      `select player_id from rosters where season = '2023-24' and team_id = $1 order by player_id limit 1`,
      [BOS],
    );
    await query(
      `update rosters set team_id = $1 where season = '2023-24' and team_id = $2 and player_id = $3`,
      [NYK, BOS, player!.player_id],
    );
    const seq = env.pipeline.replay.requests().log.at(-1)!.seq;
    const [next] = await backfill('2023-11-03', '2023-11-03', 1);
    const rosters = requestsSince(seq).filter((r) => r.endpoint === 'commonteamroster');
    expect(rosters.map((r) => Number(r.params.TeamID)).sort()).toEqual([BOS, NYK]);
    expect(next!.api_calls).toBe(3 + 2);
    const teams = await query<{ team_id: number }>(
      `select team_id from rosters where season = '2023-24' and player_id = $1`,
      [player!.player_id],
    );
    expect(teams).toEqual([{ team_id: BOS }]);

    // Nobody moved since: no roster request.
    const [quiet] = await backfill('2023-11-04', '2023-11-04', 1);
    expect(quiet!.api_calls).toBe(3);
  });
});
