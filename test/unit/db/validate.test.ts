/** Input validation of the loaders: a bad record is named (table, key, field) before any SQL. */
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.js';
import { loadRoster, loadTeamGames, loadTeams } from '../../../db/load.js';
import { validateRecords } from '../../../db/validate.js';
import type { MatchRecord, TeamGameStatRecord } from '../../../domain/records.js';

const match: MatchRecord = {
  gameId: '0022300061',
  season: '2023-24',
  seasonType: 'Regular Season',
  gameDate: '2023-10-24',
  homeTeamId: 1610612743,
  awayTeamId: 1610612747,
  homeScore: 119,
  awayScore: 107,
  neutralSite: false,
};

const stat: TeamGameStatRecord = {
  gameId: '0022300061',
  teamId: 1610612743,
  isHome: true,
  wl: 'W',
  pts: 119,
  fgm: 48,
  fga: 91,
  fgPct: 0.527,
  fg3m: 14,
  fg3a: 29,
  fg3Pct: 0.483,
  ftm: 9,
  fta: 12,
  ftPct: 0.75,
  oreb: 14,
  dreb: 28,
  reb: 42,
  ast: 29,
  stl: 9,
  blk: 6,
  tov: 12,
  pf: 15,
  plusMinus: 12,
  minutes: 240,
};

function invalid(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    expect(failure.type).toBe('DbInputInvalid');
    expect(failure.nonRetryable).toBe(true);
    return failure;
  }
  throw new Error('expected DbInputInvalid');
}

/** A Database whose every use fails the test: proves validation happens before any SQL. */
const noSqlDatabase = {
  pool: {
    connect: () => {
      throw new Error('SQL reached despite invalid input');
    },
    query: () => {
      throw new Error('SQL reached despite invalid input');
    },
  },
} as unknown as Database;

describe('validateRecords', () => {
  it('accepts valid records and returns them unchanged', () => {
    expect(validateRecords('matches', [match])).toEqual([match]);
    expect(validateRecords('team_game_stats', [stat])).toEqual([stat]);
    expect(validateRecords('team_game_stats', [{ ...stat, ftPct: null, plusMinus: -7.4 }])).toHaveLength(1);
  });

  it('returns the records themselves, not copies: a large batch is held once', () => {
    const records = [match, { ...match, gameId: '0022300062' }];
    const checked = validateRecords('matches', records);
    expect(checked).toBe(records);
    expect(checked[1]).toBe(records[1]);
  });

  it('names table, row, key, field and value', () => {
    const failure = invalid(() =>
      validateRecords('team_game_stats', [stat, { ...stat, teamId: 1610612747, fgPct: 52.7 }]),
    );
    expect(failure.message).toMatch(
      /^team_game_stats: 1 of 2 rows invalid: row 1 \(gameId=0022300061, teamId=1610612747\): fgPct: .*52\.7/,
    );
  });

  it('reports a missing field as missing', () => {
    const { ast: _ast, ...withoutAst } = stat;
    const failure = invalid(() => validateRecords('team_game_stats', [withoutAst]));
    expect(failure.message).toContain('ast:');
    expect(failure.message).toContain('missing');
  });

  it.each([
    ['a GAME_ID without its leading zeros', { gameId: '22300061' }, 'gameId'],
    ['a season whose years do not follow', { season: '2023-25' }, 'season'],
    ['an unknown season type', { seasonType: 'Pre Season' }, 'seasonType'],
    ['a date that does not exist', { gameDate: '2023-02-30' }, 'gameDate'],
    ['the same team on both sides', { awayTeamId: 1610612743 }, 'awayTeamId'],
    ['a GAME_ID of another season type', { gameId: '0042300061' }, 'gameId'],
    ['a negative score', { homeScore: -1 }, 'homeScore'],
  ])('rejects a match with %s', (_what, change, field) => {
    const failure = invalid(() => validateRecords('matches', [{ ...match, ...change }]));
    expect(failure.message).toContain(`${field}:`);
    expect(failure.message).toMatch(/^matches: /);
  });

  it.each([
    ['W/L other than W or L', { wl: 'T' }, 'wl'],
    ['a fractional count', { fgm: 40.5 }, 'fgm'],
    ['a string number', { pts: '119' }, 'pts'],
    ['a percentage above 1', { ftPct: 1.2 }, 'ftPct'],
    ['a non-finite plus-minus', { plusMinus: Number.NaN }, 'plusMinus'],
  ])('rejects a stat row with %s', (_what, change, field) => {
    const failure = invalid(() => validateRecords('team_game_stats', [{ ...stat, ...change }]));
    expect(failure.message).toContain(`${field}:`);
  });

  it('caps the listed rows and says how many more were bad', () => {
    const bad = Array.from({ length: 10 }, (_, i) => ({ ...match, homeScore: -i - 1 }));
    const failure = invalid(() => validateRecords('matches', bad));
    expect(failure.message).toContain('10 of 10 rows invalid');
    expect(failure.message).toContain('and 7 more invalid rows');
  });

  it('checks teams, players and rosters too', () => {
    const team = {
      teamId: 1610612738,
      abbreviation: 'BOS',
      fullName: 'Boston Celtics',
      nickname: 'Celtics',
      city: 'Boston',
      state: 'Massachusetts',
      yearFounded: 1946,
    };
    expect(validateRecords('teams', [team])).toEqual([team]);
    expect(invalid(() => validateRecords('teams', [{ ...team, teamId: -1 }])).message).toContain('teamId=-1');
    expect(invalid(() => validateRecords('players', [{ playerId: 1, fullName: '' }])).message).toContain(
      'fullName:',
    );
    expect(
      invalid(() =>
        validateRecords('rosters', [
          {
            season: '2023',
            teamId: 1,
            playerId: 2,
            jersey: null,
            position: null,
            howAcquired: null,
            age: 27,
          },
        ]),
      ).message,
    ).toContain('(season=2023, teamId=1, playerId=2): season:');
  });

  it('rejects something that is not an array', () => {
    expect(invalid(() => validateRecords('matches', undefined as unknown as unknown[])).message).toContain(
      'expected an array',
    );
  });
});

describe('loaders validate before touching the database', () => {
  it('loadTeamGames', async () => {
    await expect(
      loadTeamGames(noSqlDatabase, { matches: [{ ...match, homeScore: -5 }], stats: [] }, 'run-1'),
    ).rejects.toMatchObject({
      type: 'DbInputInvalid',
    });
    await expect(loadTeamGames(noSqlDatabase, { matches: [match], stats: [stat] }, '')).rejects.toMatchObject(
      {
        type: 'DbInputInvalid',
        message: expect.stringContaining('runId'),
      },
    );
  });

  it('loadTeams and loadRoster', async () => {
    await expect(loadTeams(noSqlDatabase, [{ teamId: 1 } as never], 'run-1')).rejects.toMatchObject({
      type: 'DbInputInvalid',
    });
    await expect(
      loadRoster(noSqlDatabase, { players: [], rosters: [{ season: 'x' } as never] }, 'run-1'),
    ).rejects.toMatchObject({
      type: 'DbInputInvalid',
      message: expect.stringContaining('rosters'),
    });
  });
});
