/** Run bookkeeping: ingestion_runs and dead_letters, each write idempotent under activity retries. */
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { previousRunCounts, recordQualityChecks } from '../../../db/quality.js';
import {
  closeRun,
  getRun,
  listUnresolvedDeadLetters,
  openRun,
  recordDeadLetter,
  resolveDeadLetters,
} from '../../../db/runs.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';

const RUN = {
  workflowId: 'ingest-season-2023-24-regular',
  season: '2023-24',
  seasonType: 'Regular Season' as const,
};
const COUNTS = { matches: { inserted: 1230, updated: 0, unchanged: 1230 } };

function deadLetter(runId: string, overrides: Partial<Parameters<typeof recordDeadLetter>[1]> = {}) {
  return {
    ...RUN,
    runId,
    teamId: 1610612738,
    unit: 'games' as const,
    endpoint: 'leaguegamefinder',
    params: { Season: '2023-24', SeasonType: 'Regular Season', TeamID: '1610612738' },
    errorType: 'NbaTimeout',
    errorMessage: 'timed out after 30000 ms',
    attempts: 5,
    ...overrides,
  };
}

describe('run bookkeeping', () => {
  let scratch: ScratchDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase('db_runs');
    database = createDatabase({ url: scratch.url, poolMax: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  beforeEach(async () => {
    await database.pool.query('TRUNCATE ingestion_runs, dead_letters');
  });

  it('openRun is idempotent and closeRun records the outcome', async () => {
    const startedAt = new Date('2026-01-01T06:00:00Z');
    await openRun(database, { ...RUN, runId: 'run-1', trigger: 'schedule', startedAt });
    await openRun(database, { ...RUN, runId: 'run-1', trigger: 'cli' }); // a retried activity
    expect(await getRun(database, 'run-1')).toMatchObject({
      runId: 'run-1',
      workflowId: RUN.workflowId,
      trigger: 'schedule',
      status: 'running',
      startedAt,
      finishedAt: null,
      counts: {},
    });

    const finishedAt = new Date('2026-01-01T06:05:00Z');
    await closeRun(database, 'run-1', {
      status: 'completed',
      counts: COUNTS,
      apiCalls: 31,
      failures: 0,
      finishedAt,
    });
    expect(await getRun(database, 'run-1')).toMatchObject({
      status: 'completed',
      finishedAt,
      counts: COUNTS,
      apiCalls: 31,
      failures: 0,
    });
    expect(await getRun(database, 'nope')).toBeUndefined();
  });

  it('closeRun of an unknown run is a non-retryable DbRunNotFound; bad input is DbInputInvalid', async () => {
    const notFound = await closeRun(database, 'ghost', {
      status: 'failed',
      counts: {},
      apiCalls: 0,
      failures: 1,
    }).catch((e) => e);
    expect(notFound).toBeInstanceOf(ApplicationFailure);
    expect(notFound).toMatchObject({ type: 'DbRunNotFound', nonRetryable: true });

    const invalid = await openRun(database, { ...RUN, season: '2023', runId: 'run-x', trigger: 'cli' }).catch(
      (e) => e,
    );
    expect(invalid).toMatchObject({ type: 'DbInputInvalid', nonRetryable: true });
    expect(invalid.message).toContain('season');
  });

  it('recordDeadLetter keeps one open row per unit: a retry refreshes it, a later run adds its attempts', async () => {
    await recordDeadLetter(database, deadLetter('run-1'));
    await recordDeadLetter(database, deadLetter('run-1')); // same run again: no double counting
    let open = await listUnresolvedDeadLetters(database, { season: '2023-24' });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      runId: 'run-1',
      attempts: 5,
      teamId: 1610612738,
      params: deadLetter('run-1').params,
    });
    const firstSeen = open[0]!.firstSeen;

    await recordDeadLetter(
      database,
      deadLetter('run-2', { errorType: 'NbaServerError', errorMessage: '503', attempts: 3 }),
    );
    open = await listUnresolvedDeadLetters(database, { season: '2023-24', unit: 'games' });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ runId: 'run-2', attempts: 8, errorType: 'NbaServerError', firstSeen });
    expect(open[0]!.lastSeen.getTime()).toBeGreaterThan(firstSeen.getTime());

    expect(await listUnresolvedDeadLetters(database, { season: '2024-25' })).toHaveLength(0);
  });

  it('resolveDeadLetters closes the open rows of a unit; a new failure then opens a new row', async () => {
    await recordDeadLetter(database, deadLetter('run-1'));
    await recordDeadLetter(database, deadLetter('run-1', { unit: 'roster', endpoint: 'commonteamroster' }));
    const resolved = await resolveDeadLetters(database, {
      ...RUN,
      teamId: 1610612738,
      unit: 'games',
      runId: 'run-9',
    });
    expect(resolved).toBe(1);
    expect(await resolveDeadLetters(database, { ...RUN, teamId: 1610612738, unit: 'games' })).toBe(0);
    expect((await listUnresolvedDeadLetters(database)).map((d) => d.unit)).toEqual(['roster']);
    const { rows } = await database.pool.query(
      `SELECT resolved_by_run_id FROM dead_letters WHERE unit = 'games'`,
    );
    expect(rows).toEqual([{ resolved_by_run_id: 'run-9' }]);

    await recordDeadLetter(database, deadLetter('run-10'));
    const games = await listUnresolvedDeadLetters(database, { unit: 'games' });
    expect(games).toHaveLength(1);
    expect(games[0]).toMatchObject({ runId: 'run-10', attempts: 5 });
  });

  it('league-wide games: one open row per failed interval; a load resolves only those its dates cover', async () => {
    const interval = (runId: string, from: string, to: string) =>
      deadLetter(runId, {
        unit: 'league-games',
        teamId: undefined,
        endpoint: 'leaguegamefinder',
        params: { Season: '2023-24', DateFrom: from, DateTo: to },
      });
    await recordDeadLetter(database, interval('run-1', '11/01/2023', '11/10/2023'));
    await recordDeadLetter(database, interval('run-2', '01/02/2024', '01/10/2024'));
    await recordDeadLetter(database, interval('run-3', '01/02/2024', '01/10/2024')); // the same interval again
    const open = await listUnresolvedDeadLetters(database, { unit: 'league-games' });
    // Oldest first, each with its own dates; the repeat added its attempts to its interval's row.
    expect(open.map((l) => [l.params.DateFrom, l.attempts])).toEqual([
      ['11/01/2023', 5],
      ['01/02/2024', 10],
    ]);

    const loaded = (from: string, to: string) =>
      resolveDeadLetters(database, { ...RUN, unit: 'league-games', dates: { from, to }, runId: 'run-4' });
    expect(await loaded('2023-12-01', '2024-01-05')).toBe(0); // covers neither whole interval
    expect(await loaded('2024-01-01', '2024-01-31')).toBe(1);
    expect((await listUnresolvedDeadLetters(database)).map((l) => l.params.DateFrom)).toEqual(['11/01/2023']);
    // The whole season covers every interval.
    expect(await resolveDeadLetters(database, { ...RUN, unit: 'league-games' })).toBe(1);
  });

  it('stores quality checks with the run and finds the previous finished run of the season', async () => {
    await openRun(database, {
      ...RUN,
      runId: 'run-1',
      trigger: 'schedule',
      startedAt: new Date('2026-01-01T06:00:00Z'),
    });
    await closeRun(database, 'run-1', { status: 'completed', counts: COUNTS, apiCalls: 31, failures: 0 });
    await openRun(database, { ...RUN, runId: 'run-2', trigger: 'schedule' });
    expect(await previousRunCounts(database, { ...RUN, runId: 'run-2' })).toEqual(COUNTS);
    expect(await previousRunCounts(database, { ...RUN, runId: 'run-1' })).toBeUndefined();

    const checks = [{ name: 'game_count', passed: true, observed: { matches: 1230 }, expected: 1230 }];
    await recordQualityChecks(database, 'run-2', RUN, checks, undefined, new Date('2026-01-02T00:00:00Z'));
    expect((await getRun(database, 'run-2'))?.quality).toEqual({
      checkedAt: '2026-01-02T00:00:00.000Z',
      season: '2023-24',
      seasonType: 'Regular Season',
      checks,
    });
    await expect(recordQualityChecks(database, 'ghost', RUN, checks)).rejects.toMatchObject({
      type: 'DbRunNotFound',
    });
  });
});
