/**
 * PlayerOrTeam=P: the request nba_api sends, rows read by header name one at a time, and the
 * transform to player_game_stats records of the requested season type's NBA games.
 */
import { describe, expect, it } from 'vitest';
import type { NbaResponse } from '../../../nba/client.js';
import { leagueGameFinderRequest, toQueryString } from '../../../nba/endpoints.js';
import { parsePlayerGames } from '../../../nba/parse.js';
import { transformPlayerGames } from '../../../nba/transform.js';
import { thrown } from './fixtures.js';

const HEADERS = [
  'SEASON_ID', 'PLAYER_ID', 'PLAYER_NAME', 'TEAM_ID', 'TEAM_ABBREVIATION', 'TEAM_NAME', 'GAME_ID',
  'GAME_DATE', 'MATCHUP', 'WL', 'MIN', 'PTS', 'FGM', 'FGA', 'FG_PCT', 'FG3M', 'FG3A', 'FG3_PCT', 'FTM',
  'FTA', 'FT_PCT', 'OREB', 'DREB', 'REB', 'AST', 'STL', 'BLK', 'TOV', 'PF', 'PLUS_MINUS',
]; // prettier-ignore

const LAKERS = [1610612747, 'LAL', 'Los Angeles Lakers'];
/** One player's line: MIN, PTS … PLUS_MINUS as in the LeBron James recording. */
function line(seasonId: string, playerId: number, name: string, team: unknown[], gameId: string, date: string, pts = 30): unknown[] {
  return [seasonId, playerId, name, ...team, gameId, date, 'LAL @ DEN', 'L', 44, pts, 11, 21, 0.524, 3, 7, 0.429, 5, 7, 0.714, 1, 8, 9, 11, 4, 0, 1, 4, 3];
} // prettier-ignore

function response(rows: unknown[][], headers = HEADERS): NbaResponse {
  const request = leagueGameFinderRequest({
    season: '2023-24',
    seasonType: 'Regular Season',
    playerOrTeam: 'P',
  });
  return {
    request,
    url: 'http://fixture/leaguegamefinder',
    body: { resource: 'leaguegamefinderparameters', parameters: {}, resultSets: [{ name: 'LeagueGameFinderResults', headers, rowSet: rows }] },
    fetchedAt: '2026-01-01T00:00:00.000Z',
  }; // prettier-ignore
}

const regular = { season: '2023-24', seasonType: 'Regular Season' } as const;

const ROWS = [
  line('42023', 2544, 'LeBron James', LAKERS, '0042300155', '2024-04-29'), // playoffs
  line('52023', 2544, 'LeBron James', LAKERS, '0052300211', '2024-04-16'), // play-in
  line('22023', 2544, 'LeBron James', LAKERS, '0022301194', '2024-04-14', 28),
  line('22023', 1629029, 'Luka Doncic', [1610612742, 'DAL', 'Dallas Mavericks'], '0022301194', '2024-04-14'),
  line('62023', 2544, 'LeBron James', LAKERS, '0062300001', '2023-12-09'), // NBA Cup final
  line('12023', 2544, 'LeBron James', LAKERS, '0012300001', '2023-10-10'), // preseason
  line('22023', 2544, 'LeBron James', LAKERS, '0022300061', '2023-10-24', 21),
  line('22023', 99, 'G League Guy', [1612709890, 'SXF', 'Sioux Falls'], '0022300061', '2023-10-24'), // not an NBA team
];

describe('leaguegamefinder PlayerOrTeam=P request', () => {
  it('is the team request with PlayerOrTeam=P: every declared parameter, sorted, like nba_api 1.11.4', () => {
    const players = leagueGameFinderRequest({ season: '2023-24', seasonType: 'Regular Season', playerOrTeam: 'P' });
    const teams = leagueGameFinderRequest({ season: '2023-24', seasonType: 'Regular Season' });
    expect(toQueryString(players.params)).toBe(
      toQueryString(teams.params).replace('&PlayerOrTeam=T&', '&PlayerOrTeam=P&'),
    );
    expect(toQueryString(players.params)).toContain(
      '&PORound=&PlayerID=&PlayerOrTeam=P&RookieYear=&Season=2023-24&SeasonSegment=&SeasonType=Regular+Season&StarterBench=&TeamID=&',
    );
    const lebron = leagueGameFinderRequest({ ...regular, playerOrTeam: 'P', playerId: 2544, dateFrom: '2024-01-01', dateTo: '2024-01-31' });
    expect(lebron.params).toMatchObject({ PlayerID: '2544', DateFrom: '01/01/2024', DateTo: '01/31/2024', TeamID: '' });
  }); // prettier-ignore

  it('refuses a bad PlayerID or a PlayerID without P before any request', () => {
    expect(thrown(() => leagueGameFinderRequest({ ...regular, playerOrTeam: 'P', playerId: -1 }))).toMatchObject({
      type: 'NbaClientError',
      message: expect.stringContaining('PlayerID must be a positive integer'),
    });
    expect(thrown(() => leagueGameFinderRequest({ ...regular, playerId: 2544 })).message).toContain(
      'PlayerID needs PlayerOrTeam P',
    );
  }); // prettier-ignore
});

describe('parsePlayerGames', () => {
  it('reads columns by header name, whatever their order, and can be read again', () => {
    const reordered = [...HEADERS].reverse();
    const rows = [ROWS[2] as unknown[]].map((row) => HEADERS.map((_, i) => row[i]).reverse());
    const parsed = parsePlayerGames(response(rows, reordered));
    const [first] = [...parsed];
    expect(first).toMatchObject({
      seasonId: '22023',
      playerId: 2544,
      playerName: 'LeBron James',
      teamId: 1610612747,
      gameId: '0022301194',
      gameDate: '2024-04-14',
      minutes: 44,
      pts: 28,
      fgPct: 0.524,
      plusMinus: 3,
    });
    expect([...parsed]).toHaveLength(1); // each iteration reads the body again
  });

  it('fails as NbaResponseInvalid naming a missing column or a mistyped cell', () => {
    const withoutName = HEADERS.filter((h) => h !== 'PLAYER_NAME');
    const rows = [ROWS[2] as unknown[]].map((row) => row.filter((_, i) => HEADERS[i] !== 'PLAYER_NAME'));
    expect(thrown(() => [...parsePlayerGames(response(rows, withoutName))])).toMatchObject({
      type: 'NbaResponseInvalid',
      nonRetryable: true,
      message: expect.stringContaining('missing required column(s) PLAYER_NAME'),
    });
    const mistyped = (ROWS[2] as unknown[]).map((cell, i) => (HEADERS[i] === 'PLAYER_ID' ? 'LBJ' : cell));
    expect(thrown(() => [...parsePlayerGames(response([mistyped]))]).message).toContain(
      'has mistyped values: column PLAYER_ID:',
    );
  });

  it('does not yield rows after a mistyped one (the answer fails as a whole)', () => {
    const mistyped = (ROWS[2] as unknown[]).map((cell, i) => (HEADERS[i] === 'PTS' ? 'many' : cell));
    const seen: number[] = [];
    expect(() => {
      for (const row of parsePlayerGames(response([mistyped, ROWS[3] as unknown[]]))) seen.push(row.playerId);
    }).toThrow(/PTS/);
    expect(seen).toEqual([]);
  });
});

describe('transformPlayerGames', () => {
  it('keeps the requested season type’s NBA games only (no preseason, Cup final or other teams)', () => {
    const batch = transformPlayerGames(parsePlayerGames(response(ROWS)), regular);
    expect(batch.stats.map((s) => [s.gameId, s.playerId])).toEqual([
      ['0022300061', 2544],
      ['0022301194', 1629029],
      ['0022301194', 2544],
    ]);
    const playoffs = transformPlayerGames(parsePlayerGames(response(ROWS)), { ...regular, seasonType: 'Playoffs' });
    expect(playoffs.stats.map((s) => s.gameId)).toEqual(['0042300155']);
    const playIn = transformPlayerGames(parsePlayerGames(response(ROWS)), { ...regular, seasonType: 'PlayIn' });
    expect(playIn.stats.map((s) => s.gameId)).toEqual(['0052300211']);
  }); // prettier-ignore

  it('makes records with the game, team, season and the 20 box-score fields', () => {
    const [first] = transformPlayerGames(parsePlayerGames(response(ROWS)), regular).stats;
    expect(first).toEqual({
      gameId: '0022300061',
      playerId: 2544,
      teamId: 1610612747,
      season: '2023-24',
      seasonType: 'Regular Season',
      gameDate: '2023-10-24',
      minutes: 44,
      pts: 21,
      fgm: 11,
      fga: 21,
      fgPct: 0.524,
      fg3m: 3,
      fg3a: 7,
      fg3Pct: 0.429,
      ftm: 5,
      fta: 7,
      ftPct: 0.714,
      oreb: 1,
      dreb: 8,
      reb: 9,
      ast: 11,
      stl: 4,
      blk: 0,
      tov: 1,
      pf: 4,
      plusMinus: 3,
    });
  });

  it('names each player once, by his latest game’s name', () => {
    const renamed = line('22023', 1629029, 'Luka Dončić', [1610612742, 'DAL', 'Dallas Mavericks'], '0022300070', '2023-10-25');
    const batch = transformPlayerGames(parsePlayerGames(response([renamed, ...ROWS])), regular);
    expect(batch.players).toEqual([
      { playerId: 2544, fullName: 'LeBron James' },
      { playerId: 1629029, fullName: 'Luka Doncic' },
    ]);
  }); // prettier-ignore

  it('collapses exact repeats and fails on repeats that differ or on another season', () => {
    const rows = [ROWS[2], ROWS[2]] as unknown[][];
    expect(transformPlayerGames(parsePlayerGames(response(rows)), regular).stats).toHaveLength(1);
    const other = line('22023', 2544, 'LeBron James', LAKERS, '0022301194', '2024-04-14', 40);
    expect(thrown(() => transformPlayerGames(parsePlayerGames(response([...rows, other])), regular))).toMatchObject({
      type: 'NbaResponseInvalid',
      message: expect.stringContaining('game 0022301194 player 2544 appears twice with different pts'),
    });
    expect(thrown(() => transformPlayerGames(parsePlayerGames(response(rows)), { ...regular, season: '2022-23' })).message).toContain(
      'game 0022301194 player 2544 has SEASON_ID 22023, not season 2022-23',
    );
  }); // prettier-ignore
});
