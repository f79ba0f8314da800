/**
 * Acceptance of issue 4 on the real 2023-24 regular season (30 per-team batches, 1230 games):
 * a second load changes nothing (counts, pg_stat tuple counters, checksums), one changed field
 * updates exactly one row with an audit entry, and two concurrent loads converge without deadlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { loadTeamGames, loadTeams } from '../../../db/load.js';
import { tableChecksums, tableRowCounts } from '../../../db/runs.js';
import type { LoadCounts } from '../../../domain/records.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';
import { addCounts } from '../../../workflows/progress.js';
import { tupleStats } from '../../support/tuple-stats.js';
import {
  hasSeasonData,
  realTeams,
  seasonTeamBatches,
  type TeamGamesUnit,
} from '../../support/season-data.js';

const GAMES = 1230;
const STAT_ROWS = 2460;

async function loadSeason(database: Database, units: TeamGamesUnit[], runId: string): Promise<LoadCounts> {
  let counts = await loadTeams(database, realTeams(), runId);
  for (const unit of units) counts = addCounts(counts, await loadTeamGames(database, unit.batch, runId));
  return counts;
}

/** Loads the units with `concurrency` loads in flight at once, in the given order. */
async function loadConcurrently(
  database: Database,
  units: TeamGamesUnit[],
  runId: string,
  concurrency: number,
) {
  const results: LoadCounts[] = [await loadTeams(database, realTeams(), runId)];
  const queue = [...units];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        results.push(await loadTeamGames(database, unit.batch, runId));
      }
    }),
  );
  return results.reduce(addCounts, {});
}

describe.skipIf(!hasSeasonData('2023-24'))('loading the real 2023-24 season', () => {
  let units: TeamGamesUnit[];
  let scratch: ScratchDatabase;
  /** One connection, so `pg_stat_force_next_flush()` reaches the backend that did the writes. */
  let database: Database;
  const flushStats = () => database.pool.query('SELECT pg_stat_force_next_flush()');

  beforeAll(async () => {
    units = seasonTeamBatches('2023-24');
    scratch = await createScratchDatabase('db_season');
    database = createDatabase({ url: scratch.url, poolMax: 1, applicationName: 'db-load-season-test' });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('first load inserts every game once; a second load reports all unchanged and rewrites nothing', async () => {
    const first = await loadSeason(database, units, 'run-1');
    expect(first.teams).toEqual({ inserted: 30, updated: 0, unchanged: 0 });
    // every game is in both teams' batches: inserted by the first, unchanged for the second
    expect(first.matches).toEqual({ inserted: GAMES, updated: 0, unchanged: GAMES });
    expect(first.team_game_stats).toEqual({ inserted: STAT_ROWS, updated: 0, unchanged: 0 });
    expect(await tableRowCounts(database)).toMatchObject({
      teams: 30,
      matches: GAMES,
      team_game_stats: STAT_ROWS,
    });

    await flushStats();
    const statsBefore = await tupleStats(scratch.url);
    expect(statsBefore.team_game_stats?.n_tup_ins).toBe(STAT_ROWS); // the counters are live
    const checksumsBefore = await tableChecksums(database);
    const { rows: stampsBefore } = await database.pool.query(
      `SELECT max(updated_at) AS updated, count(*) FILTER (WHERE last_run_id <> 'run-1') AS other_runs FROM team_game_stats`,
    );

    const second = await loadSeason(database, units, 'run-2');
    expect(second).toEqual({
      teams: { inserted: 0, updated: 0, unchanged: 30 },
      matches: { inserted: 0, updated: 0, unchanged: 2 * GAMES },
      team_game_stats: { inserted: 0, updated: 0, unchanged: STAT_ROWS },
    });

    await flushStats();
    const statsAfter = await tupleStats(scratch.url);
    for (const table of ['teams', 'matches', 'team_game_stats', 'audit_changes']) {
      expect(statsAfter[table], table).toEqual(statsBefore[table]);
    }
    expect(await tableChecksums(database)).toEqual(checksumsBefore);
    const { rows: stampsAfter } = await database.pool.query(
      `SELECT max(updated_at) AS updated, count(*) FILTER (WHERE last_run_id <> 'run-1') AS other_runs FROM team_game_stats`,
    );
    expect(stampsAfter).toEqual(stampsBefore);
    expect(stampsAfter[0].other_runs).toBe('0');
  });

  it('a changed field updates exactly that row, bumps updated_at and last_run_id, and is audited', async () => {
    const unit = units.find((u) => u.batch.stats.length > 0) as TeamGamesUnit;
    const target = unit.batch.stats[10]!;
    const before = await database.pool.query(
      `SELECT ast, updated_at, last_run_id FROM team_game_stats WHERE game_id = $1 AND team_id = $2`,
      [target.gameId, target.teamId],
    );
    const checksumsBefore = await tableChecksums(database);
    await flushStats();
    const statsBefore = await tupleStats(scratch.url);

    const changed = {
      ...unit.batch,
      stats: unit.batch.stats.map((s) => (s === target ? { ...s, ast: (s.ast ?? 0) + 1 } : s)),
    };
    const counts = await loadTeamGames(database, changed, 'run-3');
    expect(counts.team_game_stats).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: unit.batch.stats.length - 1,
    });
    expect(counts.matches).toEqual({ inserted: 0, updated: 0, unchanged: unit.batch.matches.length });

    const after = await database.pool.query(
      `SELECT ast, updated_at, last_run_id FROM team_game_stats WHERE game_id = $1 AND team_id = $2`,
      [target.gameId, target.teamId],
    );
    expect(after.rows[0].ast).toBe(before.rows[0].ast + 1);
    expect(after.rows[0].last_run_id).toBe('run-3');
    expect(after.rows[0].updated_at.getTime()).toBeGreaterThan(before.rows[0].updated_at.getTime());
    const { rows: otherRows } = await database.pool.query(
      `SELECT count(*)::int AS n FROM team_game_stats WHERE last_run_id = 'run-3'`,
    );
    expect(otherRows[0].n).toBe(1);

    const { rows: audit } = await database.pool.query(
      `SELECT table_name, key, changes FROM audit_changes WHERE run_id = 'run-3'`,
    );
    expect(audit).toEqual([
      {
        table_name: 'team_game_stats',
        key: { game_id: target.gameId, team_id: target.teamId },
        changes: { ast: [before.rows[0].ast, before.rows[0].ast + 1] },
      },
    ]);

    await flushStats();
    const statsAfter = await tupleStats(scratch.url);
    expect(statsAfter.team_game_stats!.n_tup_upd - statsBefore.team_game_stats!.n_tup_upd).toBe(1);
    expect(statsAfter.matches!.n_tup_upd).toBe(statsBefore.matches!.n_tup_upd);
    const checksumsAfter = await tableChecksums(database);
    expect(checksumsAfter.team_game_stats).not.toBe(checksumsBefore.team_game_stats);
    expect({ ...checksumsAfter, team_game_stats: '' }).toEqual({ ...checksumsBefore, team_game_stats: '' });

    // loading the original again changes it back: one update, audited the other way round
    const reverted = await loadTeamGames(database, unit.batch, 'run-4');
    expect(reverted.team_game_stats?.updated).toBe(1);
    const { rows: back } = await database.pool.query(
      `SELECT changes FROM audit_changes WHERE run_id = 'run-4'`,
    );
    expect(back).toEqual([{ changes: { ast: [before.rows[0].ast + 1, before.rows[0].ast] } }]);
    expect(await tableChecksums(database)).toEqual(checksumsBefore);
  });

  it('two concurrent loads from separate pools finish without deadlock or duplicates, with the same checksums', async () => {
    const expected = await tableChecksums(database);
    const concurrent = await createScratchDatabase('db_concurrent');
    const a = createDatabase({ url: concurrent.url, poolMax: 3, applicationName: 'db-concurrent-a' });
    const b = createDatabase({ url: concurrent.url, poolMax: 3, applicationName: 'db-concurrent-b' });
    try {
      for (const round of ['first', 'second']) {
        // opposite orders, three transactions in flight per pool: games shared by two teams collide
        const [countsA, countsB] = await Promise.all([
          loadConcurrently(a, units, `run-a-${round}`, 3),
          loadConcurrently(b, [...units].reverse(), `run-b-${round}`, 3),
        ]);
        const total = addCounts(countsA, countsB);
        // each row is inserted by exactly one of the loads, and nobody rewrites identical data
        expect(total.matches, round).toEqual({
          inserted: round === 'first' ? GAMES : 0,
          updated: 0,
          unchanged: (round === 'first' ? 3 : 4) * GAMES,
        });
        expect(total.team_game_stats, round).toEqual({
          inserted: round === 'first' ? STAT_ROWS : 0,
          updated: 0,
          unchanged: (round === 'first' ? 1 : 2) * STAT_ROWS,
        });
        expect(await tableChecksums(a), round).toEqual(expected);
      }
      const { rows } = await a.pool.query(
        `SELECT (SELECT count(DISTINCT game_id) FROM matches)::int AS games,
                (SELECT count(DISTINCT (game_id, team_id)) FROM team_game_stats)::int AS stat_rows,
                (SELECT count(*) FROM team_game_stats)::int AS all_stat_rows`,
      );
      expect(rows[0]).toEqual({ games: GAMES, stat_rows: STAT_ROWS, all_stat_rows: STAT_ROWS });
    } finally {
      await Promise.all([a.close(), b.close()]);
      await concurrent.drop();
    }
  });
});
