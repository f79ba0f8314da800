/**
 * Loader behaviour on small hand-made records: neutral-site merging, roster/player rules, typed
 * failures and atomicity, deduplication, value fidelity and multi-batch statements.
 */
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { loadRoster, loadTeamGames, loadTeams } from '../../../db/load.js';
import { tableChecksums, tableRowCounts } from '../../../db/runs.js';
import { matches as matchesTable } from '../../../db/schema.js';
import { prepareUpsert, upsertRows } from '../../../db/upsert.js';
import type {
  MatchRecord,
  PlayerRecord,
  RosterRecord,
  TeamGameStatRecord,
  TeamRecord,
} from '../../../domain/records.js';
import { createScratchDatabase, TRUNCATE_DATA_TABLES, type ScratchDatabase } from '../../support/postgres.js';
import { TYPICAL_BOX_SCORE } from '../../support/sample-records.js';

const MIA = 1610612748;
const WAS = 1610612764;
const BOS = 1610612738;

function team(teamId: number, abbreviation: string): TeamRecord {
  return {
    teamId,
    abbreviation,
    fullName: `${abbreviation} team`,
    nickname: abbreviation,
    city: 'City',
    state: 'State',
    yearFounded: 1970,
  };
}
const TEAMS = [team(MIA, 'MIA'), team(WAS, 'WAS'), team(BOS, 'BOS')];

function match(gameId: string, overrides: Partial<MatchRecord> = {}): MatchRecord {
  return {
    gameId,
    season: '2024-25',
    seasonType: 'Regular Season',
    gameDate: '2024-11-02',
    homeTeamId: WAS,
    awayTeamId: MIA,
    homeScore: 94,
    awayScore: 118,
    neutralSite: false,
    ...overrides,
  };
}

function stat(
  gameId: string,
  teamId: number,
  overrides: Partial<TeamGameStatRecord> = {},
): TeamGameStatRecord {
  return {
    gameId,
    teamId,
    isHome: teamId === WAS,
    wl: teamId === WAS ? 'L' : 'W',
    pts: teamId === WAS ? 94 : 118,
    ...TYPICAL_BOX_SCORE,
    ftm: 0,
    fta: 0,
    ftPct: null,
    plusMinus: teamId === WAS ? -24 : 24,
    ...overrides,
  };
}

function player(playerId: number, overrides: Partial<PlayerRecord> = {}): PlayerRecord {
  return {
    playerId,
    fullName: `Player ${playerId}`,
    nickname: null,
    playerSlug: null,
    birthDate: '1998-03-03',
    height: '6-9',
    weight: 250,
    school: 'Duke',
    experience: '5',
    ...overrides,
  };
}

function roster(
  season: string,
  teamId: number,
  playerId: number,
  overrides: Partial<RosterRecord> = {},
): RosterRecord {
  return { season, teamId, playerId, jersey: '00', position: 'F', howAcquired: null, age: 27, ...overrides };
}

function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  return promise.then(
    () => {
      throw new Error('expected the load to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ApplicationFailure);
      return error as ApplicationFailure;
    },
  );
}

describe('db loaders', () => {
  let scratch: ScratchDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase('db_behaviour');
    database = createDatabase({ url: scratch.url, poolMax: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  beforeEach(async () => {
    await database.pool.query(TRUNCATE_DATA_TABLES);
    await loadTeams(database, TEAMS, 'setup');
  });

  describe('neutral_site (only the home team batch sees it) merges with OR', () => {
    const game = '0022400147';
    const homeBatch = { matches: [match(game, { neutralSite: true })], stats: [stat(game, WAS)] };
    const awayBatch = { matches: [match(game, { neutralSite: false })], stats: [stat(game, MIA)] };

    it('home batch first: the away batch keeps the flag and counts the match unchanged', async () => {
      await loadTeamGames(database, homeBatch, 'r1');
      expect((await loadTeamGames(database, awayBatch, 'r1')).matches).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      expect((await loadTeamGames(database, homeBatch, 'r2')).matches).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      expect((await loadTeamGames(database, awayBatch, 'r2')).matches).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      const { rows } = await database.pool.query('SELECT neutral_site, last_run_id FROM matches');
      expect(rows).toEqual([{ neutral_site: true, last_run_id: 'r1' }]);
    });

    it('away batch first: the home batch sets the flag (one update), later loads are no-ops', async () => {
      expect((await loadTeamGames(database, awayBatch, 'r1')).matches).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
      });
      expect((await loadTeamGames(database, homeBatch, 'r1')).matches).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
      for (const batch of [awayBatch, homeBatch, awayBatch]) {
        expect((await loadTeamGames(database, batch, 'r2')).matches).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: 1,
        });
      }
      const { rows } = await database.pool.query('SELECT neutral_site FROM matches');
      expect(rows).toEqual([{ neutral_site: true }]);
      const { rows: audit } = await database.pool.query(
        `SELECT changes FROM audit_changes WHERE table_name = 'matches'`,
      );
      expect(audit).toEqual([{ changes: { neutral_site: [false, true] } }]);
    });
  });

  it('keeps values exactly as given: 0.471 stays 0.471, null percentages stay null, GAME_ID keeps its zeros', async () => {
    const game = '0022400001';
    await loadTeamGames(
      database,
      { matches: [match(game)], stats: [stat(game, WAS, { plusMinus: -7.4 })] },
      'r1',
    );
    const { rows } = await database.pool.query(
      `SELECT game_id, fg_pct, fg3_pct, ft_pct, plus_minus, fg_pct::text AS fg_pct_text FROM team_game_stats`,
    );
    expect(rows).toEqual([
      { game_id: game, fg_pct: 0.471, fg3_pct: 0.343, ft_pct: null, plus_minus: -7.4, fg_pct_text: '0.471' },
    ]);
  });

  it('deduplicates a batch by key (last row wins) and counts each key once', async () => {
    const game = '0022400002';
    const counts = await loadTeamGames(
      database,
      {
        matches: [match(game), match(game)],
        stats: [stat(game, WAS, { ast: 1 }), stat(game, WAS, { ast: 2 })],
      },
      'r1',
    );
    expect(counts).toEqual({
      matches: { inserted: 1, updated: 0, unchanged: 0 },
      team_game_stats: { inserted: 1, updated: 0, unchanged: 0 },
    });
    const { rows } = await database.pool.query('SELECT ast FROM team_game_stats');
    expect(rows).toEqual([{ ast: 2 }]);
  });

  it('a match whose team is unknown fails as DbConstraintViolation naming table, constraint and key', async () => {
    const failure = await failureOf(
      loadTeamGames(
        database,
        { matches: [match('0022400003', { homeTeamId: 1610612737 })], stats: [] },
        'r1',
      ),
    );
    expect(failure.type).toBe('DbConstraintViolation');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('matches');
    expect(failure.message).toContain('matches_home_team_id_teams_team_id_fk');
    expect(failure.message).toContain('(home_team_id)=(1610612737)');
  });

  it('a failing child rolls back the whole batch: the parents of the same call are not kept', async () => {
    const game = '0022400004';
    const failure = await failureOf(
      loadTeamGames(
        database,
        { matches: [match(game)], stats: [stat(game, WAS), stat(game, 1610612737)] },
        'r1',
      ),
    );
    expect(failure.type).toBe('DbConstraintViolation');
    expect(failure.message).toContain('team_game_stats');
    expect(await tableRowCounts(database)).toMatchObject({ matches: 0, team_game_stats: 0 });
  });

  it('invalid input fails as DbInputInvalid before any SQL', async () => {
    const before = await tableChecksums(database);
    const failure = await failureOf(
      loadTeamGames(
        database,
        { matches: [match('0022400005')], stats: [stat('0022400005', WAS, { fgPct: 47.1 })] },
        'r1',
      ),
    );
    expect(failure.type).toBe('DbInputInvalid');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(
      /team_game_stats: 1 of 1 rows invalid: row 0 \(gameId=0022400005, teamId=1610612764\): fgPct: .*47\.1/,
    );
    expect(await tableChecksums(database)).toEqual(before);
  });

  describe('rosters', () => {
    it('loads players before rosters and is a no-op when repeated', async () => {
      const batch = {
        players: [player(1), player(2)],
        rosters: [roster('2023-24', BOS, 1), roster('2023-24', BOS, 2)],
      };
      expect(await loadRoster(database, batch, 'r1')).toEqual({
        players: { inserted: 2, updated: 0, unchanged: 0 },
        rosters: { inserted: 2, updated: 0, unchanged: 0 },
      });
      expect(await loadRoster(database, batch, 'r2')).toEqual({
        players: { inserted: 0, updated: 0, unchanged: 2 },
        rosters: { inserted: 0, updated: 0, unchanged: 2 },
      });
    });

    it("keeps the newest season's player attributes whatever order seasons are loaded in", async () => {
      const newer = { players: [player(1, { weight: 250 })], rosters: [roster('2023-24', BOS, 1)] };
      const older = { players: [player(1, { weight: 230 })], rosters: [roster('2017-18', MIA, 1)] };
      await loadRoster(database, newer, 'r1');
      const counts = await loadRoster(database, older, 'r2');
      expect(counts.players).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect(counts.rosters).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
      const forward = await tableChecksums(database);

      await database.pool.query('TRUNCATE players, rosters, player_game_stats, audit_changes');
      await loadRoster(database, older, 'r1');
      expect((await loadRoster(database, newer, 'r2')).players).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(await tableChecksums(database)).toEqual(forward);
      const { rows } = await database.pool.query('SELECT weight, source_season FROM players');
      expect(rows).toEqual([{ weight: 250, source_season: '2023-24' }]);
    });

    it('rejects a player without a roster row in the batch', async () => {
      const failure = await failureOf(loadRoster(database, { players: [player(3)], rosters: [] }, 'r1'));
      expect(failure.type).toBe('DbInputInvalid');
      expect(failure.message).toContain('playerId=3');
    });

    it('a roster row for an unknown player is a DbConstraintViolation on rosters', async () => {
      const failure = await failureOf(
        loadRoster(database, { players: [], rosters: [roster('2023-24', BOS, 99)] }, 'r1'),
      );
      expect(failure.type).toBe('DbConstraintViolation');
      expect(failure.message).toContain('rosters');
      expect(failure.message).toContain('(player_id)=(99)');
    });
  });

  it('splits large inputs into several statements in key order with exact totals', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => match(`00224${String(100 - i).padStart(5, '0')}`));
    const upsert = prepareUpsert({ table: matchesTable });
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      expect(await upsertRows(client, upsert, rows, 'r1', 5)).toEqual({
        inserted: 23,
        updated: 0,
        unchanged: 0,
      });
      const changed = rows.map((m, i) => (i % 2 === 0 ? { ...m, homeScore: 95 } : m));
      expect(await upsertRows(client, upsert, changed, 'r2', 4)).toEqual({
        inserted: 0,
        updated: 12,
        unchanged: 11,
      });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const { rows: audit } = await database.pool.query(
      `SELECT count(*)::int AS n FROM audit_changes WHERE run_id = 'r2'`,
    );
    expect(audit[0].n).toBe(12);
  });
});
