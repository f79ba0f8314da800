import { describe, expect, it } from 'vitest';
import type { NbaResponse } from '../../../nba/client.js';
import { leagueStandingsRequest, toQueryString } from '../../../nba/endpoints.js';
import { parseLeagueStandings } from '../../../nba/parse-standings.js';
import { thrown } from './fixtures.js';

const request = leagueStandingsRequest({ season: '2025-26', seasonType: 'Regular Season' });
const HEADERS = [
  'LeagueID',
  'SeasonID',
  'TeamID',
  'TeamCity',
  'TeamName',
  'ConferenceRecord',
  'WINS',
  'LOSSES',
];

/** A hand-written answer in the recorded layout (a few of its ~90 columns, values of 2026-02-22). */
function standings(rows: unknown[][], headers = HEADERS): NbaResponse {
  return {
    request,
    url: 'http://fixture/leaguestandingsv3',
    body: {
      resource: 'leaguestandings',
      parameters: {},
      resultSets: [{ name: 'Standings', headers, rowSet: rows }],
    },
    fetchedAt: '2026-02-22T05:36:45.000Z',
  };
}
const OKC = ['00', '22025', 1610612760, 'Oklahoma City', 'Thunder', '32-9 ', 43, 14];
const DET = ['00', '22025', 1610612765, 'Detroit', 'Pistons', '27-8', 42, 13];

describe('leagueStandingsRequest', () => {
  it('sends what nba_api 1.11.4 sent for the recording: every parameter, sorted, SeasonYear empty', () => {
    expect(request.endpoint).toBe('leaguestandingsv3');
    expect(toQueryString(request.params)).toBe(
      'LeagueID=00&Season=2025-26&SeasonType=Regular+Season&SeasonYear=',
    );
  });

  it('rejects a bad season or season type before any request', () => {
    const failure = thrown(() =>
      leagueStandingsRequest({ season: '2025', seasonType: 'Finals' as 'Playoffs' }),
    );
    expect(failure).toMatchObject({ type: 'NbaClientError', nonRetryable: true });
    expect(failure.message).toMatch(/Season must look like '2023-24'.*SeasonType must be one of/);
  });
});

describe('parseLeagueStandings', () => {
  it('reads each team and its W-L by header name; other columns are not read', () => {
    expect(parseLeagueStandings(standings([OKC, DET]))).toEqual([
      {
        teamId: 1610612760,
        seasonId: '22025',
        teamCity: 'Oklahoma City',
        teamName: 'Thunder',
        wins: 43,
        losses: 14,
      },
      {
        teamId: 1610612765,
        seasonId: '22025',
        teamCity: 'Detroit',
        teamName: 'Pistons',
        wins: 42,
        losses: 13,
      },
    ]);
  });

  it('a missing WINS column or a team listed twice is an invalid response naming the problem', () => {
    const withoutWins = standings(
      [OKC.filter((_, i) => i !== 6)],
      HEADERS.filter((h) => h !== 'WINS'),
    );
    expect(thrown(() => parseLeagueStandings(withoutWins)).message).toContain(
      'missing required column(s) WINS',
    );
    const twice = thrown(() => parseLeagueStandings(standings([OKC, OKC])));
    expect(twice).toMatchObject({ type: 'NbaResponseInvalid', nonRetryable: true });
    expect(twice.message).toContain('standings list team 1610612760 twice');
  });

  it('a negative or fractional count is a mistyped value', () => {
    const bad = standings([
      [...OKC.slice(0, 6), -1, 14],
      [...DET.slice(0, 6), 42, 13.5],
    ]);
    const message = thrown(() => parseLeagueStandings(bad)).message;
    expect(message).toContain('column WINS');
    expect(message).toContain('column LOSSES');
  });
});
