/**
 * Players' lines on small hand-made records: every player they name is made known from the game
 * rows (id and name), a roster load keeps what the game rows told, the game rows never overwrite
 * a roster's attributes, lines load in whole games, and a re-load changes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { loadRoster, loadTeamGames, loadTeams } from '../../../db/load.js';
import { loadPlayerGames, wholeGames } from '../../../db/load-player-games.js';
import type { PlayerGamesBatch, PlayerGameStatRecord, TeamRecord } from '../../../domain/records.js';
import { createScratchDatabase, TRUNCATE_DATA_TABLES, type ScratchDatabase } from '../../support/postgres.js';
import { TYPICAL_BOX_SCORE } from '../../support/sample-records.js';

const WAS = 1610612764;
const MIA = 1610612748;
const GAME = '0022400147';
const ROSTERED = 1628389; // on MIA's roster below
const TWO_WAY = 1641998; // on no roster: known from the game rows only

const team = (teamId: number, abbreviation: string): TeamRecord => ({
  teamId,
  abbreviation,
  fullName: `${abbreviation} team`,
  nickname: abbreviation,
  city: 'City',
  state: 'State',
  yearFounded: 1970,
});

function line(playerId: number, teamId: number, pts: number): PlayerGameStatRecord {
  return {
    gameId: GAME,
    playerId,
    teamId,
    season: '2024-25',
    seasonType: 'Regular Season',
    gameDate: '2024-11-02',
    ...TYPICAL_BOX_SCORE,
    pts,
    minutes: 30,
    plusMinus: 5,
  };
}

const gameRows = (names: Record<number, string>): PlayerGamesBatch => ({
  players: [
    { playerId: ROSTERED, fullName: names[ROSTERED] ?? 'Bam Adebayo' },
    { playerId: TWO_WAY, fullName: names[TWO_WAY] ?? 'Two Way' },
  ],
  stats: [line(ROSTERED, MIA, 20), line(TWO_WAY, MIA, 4)],
});

const rosterOfMia = (players: { playerId: number; fullName: string }[]) => ({
  players: players.map((p) => ({
    ...p,
    nickname: 'Bam',
    playerSlug: 'bam-adebayo',
    birthDate: '1997-07-18',
    height: '6-9',
    weight: 255,
    school: 'Kentucky',
    experience: '7',
  })),
  rosters: players.map((p) => ({
    season: '2024-25',
    teamId: MIA,
    playerId: p.playerId,
    jersey: '13',
    position: 'C-F',
    howAcquired: null,
    age: 27,
  })),
});

/** What MIA's roster tells of ROSTERED, as stored. */
const ROSTER_SAYS = {
  full_name: 'Bam Adebayo',
  nickname: 'Bam',
  weight: 255,
  source_season: '2024-25',
  source_team_id: MIA,
};

describe('players and their lines from game rows', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  const playerRow = async (playerId: number) =>
    (
      await database.pool.query(
        'select full_name, nickname, weight, source_season, source_team_id from players where player_id = $1',
        [playerId],
      )
    ).rows[0];

  beforeAll(async () => {
    scratch = await createScratchDatabase('db_player_games');
    database = createDatabase({ url: scratch.url, poolMax: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  beforeEach(async () => {
    await database.pool.query(TRUNCATE_DATA_TABLES);
    await loadTeams(database, [team(WAS, 'WAS'), team(MIA, 'MIA')], 'setup');
    await loadTeamGames(
      database,
      {
        matches: [
          {
            gameId: GAME,
            season: '2024-25',
            seasonType: 'Regular Season',
            gameDate: '2024-11-02',
            homeTeamId: WAS,
            awayTeamId: MIA,
            homeScore: 94,
            awayScore: 24,
            neutralSite: false,
          },
        ],
        stats: [],
      },
      'setup',
    );
  });

  it('a player on no roster is known by his id and name; a re-load changes 0 rows', async () => {
    const counts = await loadPlayerGames(database, gameRows({}), 'r1');
    expect(counts).toEqual({
      players: { inserted: 2, updated: 0, unchanged: 0 },
      player_game_stats: { inserted: 2, updated: 0, unchanged: 0 },
    });
    expect(await playerRow(TWO_WAY)).toEqual({
      full_name: 'Two Way',
      nickname: null,
      weight: null,
      source_season: null,
      source_team_id: null,
    });
    expect(await loadPlayerGames(database, gameRows({}), 'r2')).toEqual({
      players: { inserted: 0, updated: 0, unchanged: 2 },
      player_game_stats: { inserted: 0, updated: 0, unchanged: 2 },
    });
  });

  it('a roster load keeps the players the game rows told of, and takes over those it lists', async () => {
    await loadPlayerGames(database, gameRows({}), 'r1');
    await loadRoster(database, rosterOfMia([{ playerId: ROSTERED, fullName: 'Bam Adebayo' }]), 'r2');
    expect(await playerRow(TWO_WAY)).toMatchObject({ full_name: 'Two Way', source_season: null });
    expect(await playerRow(ROSTERED)).toEqual(ROSTER_SAYS);
    const { rows } = await database.pool.query('select count(*)::int as n from player_game_stats');
    expect(rows[0].n).toBe(2);
  });

  it("game rows never overwrite a roster's attributes, but rename a player only they know", async () => {
    await loadRoster(database, rosterOfMia([{ playerId: ROSTERED, fullName: 'Bam Adebayo' }]), 'r1');
    const counts = await loadPlayerGames(
      database,
      gameRows({ [ROSTERED]: 'Edrice Adebayo', [TWO_WAY]: 'Two-Way Player' }),
      'r2',
    );
    expect(counts.players).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect(await playerRow(ROSTERED)).toEqual(ROSTER_SAYS);
    const renamed = await loadPlayerGames(database, gameRows({ [TWO_WAY]: 'Two-Way Renamed' }), 'r3');
    expect(renamed.players).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await playerRow(TWO_WAY)).toMatchObject({ full_name: 'Two-Way Renamed' });
  });

  it('a line of a game not loaded fails the load with a constraint violation naming the table', async () => {
    const orphan = { ...gameRows({}), stats: [{ ...line(TWO_WAY, MIA, 4), gameId: '0022400999' }] };
    await expect(loadPlayerGames(database, orphan, 'r1')).rejects.toMatchObject({
      type: 'DbConstraintViolation',
      message: expect.stringContaining('player_game_stats'),
    });
  });

  it('a bad record fails before any statement', async () => {
    const bad = { ...gameRows({}), stats: [{ ...line(TWO_WAY, MIA, 4), pts: -1 }] };
    await expect(loadPlayerGames(database, bad, 'r1')).rejects.toMatchObject({ type: 'DbInputInvalid' });
    const { rows } = await database.pool.query('select count(*)::int as n from players');
    expect(rows[0].n).toBe(0);
  });
});

describe('wholeGames', () => {
  it('cuts lines sorted by game after n games, never inside one', () => {
    const rows = ['a', 'a', 'b', 'c', 'c', 'c', 'd'].map((gameId) => ({ gameId }));
    expect([...wholeGames(rows, 2)].map((part) => part.map((r) => r.gameId).join(''))).toEqual([
      'aab',
      'cccd',
    ]);
    expect([...wholeGames([], 2)]).toEqual([]);
  });
});
