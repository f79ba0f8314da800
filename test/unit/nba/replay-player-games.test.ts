/**
 * The replay's PlayerOrTeam=P answers from player_logs_<season>.csv (hand-written rows here): the
 * team mode's filters plus PlayerID, SEASON_LABEL dropped, newest first, and a 404 for what is not on
 * hand; and the row-cap fault's spec.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../replay/answers.js';
import type { DataStore } from '../../../replay/data-store.js';
import { parseFaultSpec, validateFaults } from '../../../replay/faults.js';
import { answerLeagueGameFinder } from '../../../replay/league-game-finder.js';
import { parsePlayerLogsCsv } from '../../../replay/player-logs-csv.js';

const CSV = `SEASON_ID,PLAYER_ID,PLAYER_NAME,TEAM_ID,TEAM_ABBREVIATION,TEAM_NAME,GAME_ID,GAME_DATE,MATCHUP,WL,MIN,PTS,FGM,FGA,FG_PCT,FG3M,FG3A,FG3_PCT,FTM,FTA,FT_PCT,OREB,DREB,REB,AST,STL,BLK,TOV,PF,PLUS_MINUS,SEASON_LABEL
22023,2544,LeBron James,1610612747,LAL,Los Angeles Lakers,0022300061,2023-10-24,LAL @ DEN,L,29,21,10,16,0.625,1,4,0.25,0,1,0.0,1,7,8,5,1,0,0,1,-17,2023-24
22023,1628398,Kyle Kuzma,1610612764,WAS,Washington Wizards,0022300089,2023-10-28,WAS vs. MEM,W,36,21,9,23,0.391,1,10,0.1,2,3,0.667,3,10,13,2,1,0,0,2,-1,2023-24
22023,2544,LeBron James,1610612747,LAL,Los Angeles Lakers,0022301194,2024-04-14,LAL @ NOP,W,34,28,11,17,0.647,2,4,0.5,4,6,0.667,1,5,6,17,3,1,4,2,14,2023-24
22023,1630224,Jalen Green,1610612745,HOU,Houston Rockets,0022301193,2024-04-14,HOU vs. LAC,L,0,0,0,0,,0,0,,0,0,,0,0,0,0,0,0,0,0,0,2023-24
`;

const table = parsePlayerLogsCsv('2023-24', CSV, 'player_logs_2023-24.csv');
const store = {
  playerLogSeasons: () => ['2023-24'],
  playerLogs: async (season: string) => (season === '2023-24' ? table : undefined),
} as unknown as DataStore;

const ask = (params: Record<string, string>): Promise<Answer> =>
  answerLeagueGameFinder(
    new Map(Object.entries({ PlayerOrTeam: 'P', LeagueID: '00', Season: '2023-24', SeasonType: 'Regular Season', ...params })),
    store,
  ); // prettier-ignore

async function rowsOf(params: Record<string, string>): Promise<unknown[][]> {
  const answer = await ask(params);
  if (answer.kind !== 'json') throw new Error(`expected rows, got ${JSON.stringify(answer)}`);
  return answer.body.resultSets[0]?.rowSet ?? [];
}
const ids = (rows: unknown[][]) => rows.map((row) => `${row[6]}:${row[1]}`);

describe('replay player logs', () => {
  it('drops the file maker’s SEASON_LABEL, keeps the API’s JSON types, and lists the newest games first', () => {
    expect(table.headers).toHaveLength(30);
    expect(table.headers).not.toContain('SEASON_LABEL');
    expect(table.rows.map((row) => row[7])).toEqual(['2024-04-14', '2024-04-14', '2023-10-28', '2023-10-24']);
    expect(table.rows[0]).toEqual([
      '22023', 2544, 'LeBron James', 1610612747, 'LAL', 'Los Angeles Lakers', '0022301194', '2024-04-14',
      'LAL @ NOP', 'W', 34, 28, 11, 17, 0.647, 2, 4, 0.5, 4, 6, 0.667, 1, 5, 6, 17, 3, 1, 4, 2, 14,
    ]);
    expect(table.rows[1]?.[14]).toBeNull(); // FG_PCT with no attempts
    expect(() => parsePlayerLogsCsv('2023-24', 'SEASON_ID,TEAM_ID\n22023,1\n', 'teams.csv')).toThrow(
      'teams.csv: no PLAYER_ID column',
    );
  }); // prettier-ignore

  it('answers the season with the team mode’s filters, plus PlayerID', async () => {
    expect(await rowsOf({})).toHaveLength(4);
    expect(ids(await rowsOf({ PlayerID: '2544' }))).toEqual(['0022301194:2544', '0022300061:2544']);
    expect(ids(await rowsOf({ TeamID: '1610612764' }))).toEqual(['0022300089:1628398']);
    expect(ids(await rowsOf({ DateFrom: '10/25/2023', DateTo: '2024-04-13' }))).toEqual(['0022300089:1628398']);
    expect(await rowsOf({ GameID: '0022300061' })).toHaveLength(4); // ignored, like the real server
    const answer = await ask({ DateFrom: '2024-04-14' });
    expect(answer.kind === 'json' && answer.body.parameters).toMatchObject({ PlayerOrTeam: 'P', DateFrom: '04/14/2024' });
  }); // prettier-ignore

  it('answers 404 naming what is missing, never an empty answer, when no player logs are on hand', async () => {
    const missing = async (params: Record<string, string>) => {
      const answer = await ask(params);
      expect(answer.kind).toBe('error');
      return answer.kind === 'error' ? `${answer.status} ${answer.message}` : '';
    };
    expect(await missing({ Season: '2019-20' })).toBe(
      '404 replay: no player game logs for 2019-20 Regular Season; on hand: Regular Season of 2023-24',
    );
    expect(await missing({ SeasonType: 'Playoffs' })).toContain('404 replay: no player game logs for 2023-24 Playoffs');
    expect(await missing({ SeasonType: '' })).toContain('for 2023-24 of every season type');
    expect(await missing({ Season: '' })).toContain('for every season (the query has no Season)');
  }); // prettier-ignore

  it('rejects filters it does not emulate and bad values with a 400', async () => {
    expect(await ask({ Outcome: 'W' })).toEqual({
      kind: 'error',
      status: 400,
      message: 'replay: parameter(s) Outcome=W not emulated',
    });
    expect(await ask({ PlayerID: 'lebron' })).toMatchObject({ status: 400, message: "PlayerID 'lebron' is not valid." });
    expect(await ask({ Season: '2023-2024' })).toMatchObject({ status: 400 });
    expect(await ask({ PlayerOrTeam: 'X' })).toMatchObject({ status: 400, message: expect.stringContaining('only T and P') });
  }); // prettier-ignore
});

describe('row-cap fault', () => {
  it('parses row-cap?rows=N and requires the cap', () => {
    expect(parseFaultSpec('row-cap?rows=5000')).toEqual({ kind: 'row-cap', rows: 5000 });
    expect(parseFaultSpec('row-cap?rows=100&endpoint=leaguegamefinder&firstN=1')).toEqual({
      kind: 'row-cap',
      rows: 100,
      endpoint: 'leaguegamefinder',
      firstN: 1,
    });
    expect(() => parseFaultSpec('row-cap')).toThrow(/rows: row-cap needs rows/);
    expect(() => parseFaultSpec('row-cap?rows=0')).toThrow(/rows/);
    expect(() => validateFaults([{ kind: 'row-cap', rows: 2.5 }])).toThrow(/invalid faults/);
  });
});
