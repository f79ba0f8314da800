/**
 * ingestSeason end to end: real dev server, real PostgreSQL, the replay server over the shared
 * 2023-24 data. Correctness against the official W-L records, request counts, idempotency,
 * per-team failure isolation and input validation.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../../db/checksums.js';
import { tableChecksums } from '../../../db/runs.js';
import { hasNbaData } from '../../support/index.js';
import { readRecords } from '../../support/shared-data.js';
import { usePipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';

describe.skipIf(!hasNbaData())('ingestSeason on the real 2023-24 season (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline();
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await pipeline().database.pool.query<{ n: string }>(sql, params)).rows[0]?.n);

  it('loads 30 teams, 1230 matches, 2460 stat rows, rosters, with the official W-L, in exactly 62 requests (60 + the players’ lines + the standings)', async () => {
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest({ season: SEASON }, 'ingest-season-2023-24-first-run');

    expect(result.status).toBe('completed');
    expect(result.teams).toMatchObject({ total: 30, gamesDone: 30, rostersDone: 30, failed: 0 });
    expect(pipeline().replay.requests().total).toBe(62);
    expect(result.apiCalls).toBe(62);
    expect(result.counts.player_game_stats).toEqual({ inserted: 26_401, updated: 0, unchanged: 0 });
    // Counts are rows, each once: every match is in both teams' answers, and the 4 scores first
    // estimated from PLUS_MINUS and corrected when the opponent loads are still rows this run inserted.
    expect(result.counts.matches).toEqual({ inserted: 1230, updated: 0, unchanged: 0 });

    expect(await count('select count(*) as n from teams')).toBe(30);
    expect(
      await count(`select count(*) as n from matches where season = $1 and season_type = 'Regular Season'`, [
        SEASON,
      ]),
    ).toBe(1230);
    expect(await count('select count(*) as n from team_game_stats')).toBe(2460);
    expect(await count('select count(distinct team_id) as n from rosters where season = $1', [SEASON])).toBe(
      30,
    );
    expect(await count('select count(*) as n from players')).toBeGreaterThan(400);

    const official = readRecords().get(SEASON)!;
    const { rows } = await pipeline().database.pool.query<{ team_id: number; w: string; l: string }>(
      `select team_id, count(*) filter (where wl = 'W') as w, count(*) filter (where wl = 'L') as l
         from team_game_stats group by team_id`,
    );
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect({ team: row.team_id, w: Number(row.w), l: Number(row.l) }).toEqual({
        team: row.team_id,
        w: official.get(row.team_id)?.w,
        l: official.get(row.team_id)?.l,
      });
    }

    const run = (
      await pipeline().database.pool.query('select * from ingestion_runs where run_id = $1', [result.runId])
    ).rows[0];
    expect(run).toMatchObject({ status: 'completed', api_calls: 62, failures: 0, trigger: 'test' });
  });

  it('a second run changes nothing: no duplicates, 0 inserted, 0 updated, and the run record says so', async () => {
    const before = await tableChecksums(pipeline().database);
    const result = await pipeline().ingest({ season: SEASON });
    expect(result.status).toBe('completed');
    for (const [table, c] of Object.entries(result.counts)) {
      expect({ table, inserted: c.inserted, updated: c.updated }).toEqual({ table, inserted: 0, updated: 0 });
    }
    // 1230 rows, each counted once (not 2460: once per team whose answer holds the game).
    expect(result.counts.matches).toEqual({ inserted: 0, updated: 0, unchanged: 1230 });
    expect(await tableChecksums(pipeline().database)).toEqual(before);
    // Not rewritten either (no dead tuples): an update would have stamped the re-run's id on the row.
    for (const table of TABLE_NAMES) {
      const sql = `select count(*) as n from ${table} where last_run_id = $1`;
      expect({ table, rewritten: await count(sql, [result.runId]) }).toEqual({ table, rewritten: 0 });
    }
    expect(await count('select count(*) as n from team_game_stats')).toBe(2460);
    const run = (
      await pipeline().database.pool.query('select counts from ingestion_runs where run_id = $1', [
        result.runId,
      ])
    ).rows[0] as { counts: Record<string, { inserted: number; updated: number }> };
    expect(Object.values(run.counts).every((c) => c.inserted === 0 && c.updated === 0)).toBe(true);
  });

  it('retransform rebuilds the season from stored responses with zero API calls and identical tables', async () => {
    const before = await tableChecksums(pipeline().database);
    await pipeline().database.pool.query('truncate team_game_stats, matches, rosters cascade');
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest(
      { season: SEASON, responses: 'stored' },
      'ingest-season-2023-24-retransform',
    );
    expect(result.status).toBe('completed');
    expect(pipeline().replay.requests().total).toBe(0);
    expect(result.apiCalls).toBe(0);
    expect(result.quality?.standings).toMatchObject({ status: 'reconciled', teams: 30 }); // the stored standings
    expect(await tableChecksums(pipeline().database)).toEqual(before);
    expect(await count('select count(*) as n from raw_responses')).toBe(62); // each body stored once
  });

  it('the cache policy reuses fresh stored responses instead of calling the API', async () => {
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest({
      season: SEASON,
      responses: 'prefer-stored',
      maxResponseAgeMs: 3_600_000,
    });
    expect(result.status).toBe('completed');
    expect(pipeline().replay.requests().total).toBe(0);
  });

  it('retransform with one stored body deleted: no request, apiCalls 0, one dead letter with the 1 attempt made', async () => {
    const BOS = 1610612738;
    await pipeline().database.pool.query(
      `delete from raw_responses where endpoint = 'leaguegamefinder' and params->>'TeamID' = $1`,
      [String(BOS)],
    );
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest({ season: SEASON, responses: 'stored' });
    expect(pipeline().replay.requests().total).toBe(0);
    expect(result).toMatchObject({ status: 'completed_with_failures', apiCalls: 0 });
    expect(result.failures).toEqual([
      expect.objectContaining({ unit: 'games', teamId: BOS, errorType: 'RawResponseMissing' }),
    ]);
    const { rows } = await pipeline().database.pool.query(
      'select team_id, unit, attempts, error_type from dead_letters where run_id = $1',
      [result.runId],
    );
    // RawResponseMissing is not retried: one attempt, not nbaMaxAttempts (5).
    expect(rows).toEqual([{ team_id: BOS, unit: 'games', attempts: 1, error_type: 'RawResponseMissing' }]);
    expect(await count('select api_calls as n from ingestion_runs where run_id = $1', [result.runId])).toBe(
      0,
    );
  });

  it('rejects bad seasons with a clear non-retryable error and writes nothing', async () => {
    const runsBefore = await count('select count(*) as n from ingestion_runs');
    for (const season of ['2023', '2023-25', 'abcd', '2999-00']) {
      const failure = await pipeline()
        .ingest({ season }, season === '2023-25' ? 'ingest-season-invalid-input' : undefined)
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause as {
        type?: string;
        message: string;
        nonRetryable?: boolean;
      };
      expect(cause.type).toBe('InvalidSeasonInput');
      expect(cause.nonRetryable).toBe(true);
      expect(cause.message).toContain(season);
    }
    expect(await count('select count(*) as n from ingestion_runs')).toBe(runsBefore);
  });
});
