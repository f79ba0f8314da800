import { describe, expect, it } from 'vitest';
import {
  COMMON_TEAM_ROSTER,
  LEAGUE_GAME_FINDER,
  commonTeamRosterRequest,
  leagueGameFinderRequest,
  playerIndexRequest,
  toQueryString,
} from '../../../nba/endpoints.js';
import { thrown } from './fixtures.js';

describe('endpoint definitions', () => {
  it('declares the 88 leaguegamefinder parameters nba_api sends, in code-unit order', () => {
    expect(LEAGUE_GAME_FINDER.params).toHaveLength(88);
    const sorted = [...LEAGUE_GAME_FINDER.params].sort();
    expect(LEAGUE_GAME_FINDER.params).toEqual(sorted);
    // Python's sorted(): upper-case 'O' before lower-case 'l'; '3' before 'A' before '_'
    const i = (name: string) => LEAGUE_GAME_FINDER.params.indexOf(name);
    expect(i('PORound')).toBeLessThan(i('PlayerID'));
    expect(i('EqFG3M')).toBeLessThan(i('EqFG3_PCT'));
    expect(i('EqFG3_PCT')).toBeLessThan(i('EqFGA'));
    expect(COMMON_TEAM_ROSTER.params).toEqual(['LeagueID', 'Season', 'TeamID']);
  });

  it('sends every declared parameter, empty ones as Name=, with the pipeline defaults', () => {
    const request = leagueGameFinderRequest({
      season: '2023-24',
      seasonType: 'Regular Season',
      teamId: 1610612747,
    });
    expect(Object.keys(request.params)).toEqual(LEAGUE_GAME_FINDER.params);
    expect(request.params).toMatchObject({
      PlayerOrTeam: 'T',
      LeagueID: '00',
      Season: '2023-24',
      TeamID: '1610612747',
      DateFrom: '',
    });
    const query = toQueryString(request.params);
    expect(query.startsWith('Conference=&DateFrom=&DateTo=&Division=&')).toBe(true);
    expect(query).toContain(
      '&PORound=&PlayerID=&PlayerOrTeam=T&RookieYear=&Season=2023-24&SeasonSegment=&SeasonType=Regular+Season&',
    );
    expect(query.endsWith('&TeamID=1610612747&VsConference=&VsDivision=&VsTeamID=&YearsExperience=')).toBe(
      true,
    );
  });

  it('sends DateFrom/DateTo as MM/DD/YYYY, the form the server echoes', () => {
    const request = leagueGameFinderRequest({
      season: '2024-25',
      seasonType: 'Regular Season',
      dateFrom: '2024-11-01',
      dateTo: '2024-11-13',
    });
    expect(request.params).toMatchObject({ DateFrom: '11/01/2024', DateTo: '11/13/2024', TeamID: '' });
  });

  it('builds playerindex exactly like nba_api’s recorded request', () => {
    expect(toQueryString(playerIndexRequest({ season: '2025-26' }).params)).toBe(
      'Active=&AllStar=&College=&Country=&DraftPick=&DraftYear=&Height=&Historical=&LeagueID=00&PlayerPosition=&Season=2025-26&TeamID=&Weight=',
    );
  });

  it('builds commonteamroster exactly like nba_api', () => {
    const request = commonTeamRosterRequest({ season: '2025-26', teamId: 1610612739 });
    expect(toQueryString(request.params)).toBe('LeagueID=00&Season=2025-26&TeamID=1610612739');
  });

  it('rejects bad input before any request, non-retryably, naming the problem', () => {
    const bad = thrown(() =>
      leagueGameFinderRequest({ season: '2023', seasonType: 'Regular Season', dateFrom: '01/02/2024' }),
    );
    expect(bad.type).toBe('NbaClientError');
    expect(bad.nonRetryable).toBe(true);
    expect(bad.message).toContain("Season must look like '2023-24'");
    expect(bad.message).toContain("DateFrom must be a date 'YYYY-MM-DD'");
    const badTeam = thrown(() => commonTeamRosterRequest({ season: '2023-24', teamId: -3 }));
    expect(badTeam.message).toContain('TeamID must be a positive integer');
    const badType = thrown(() =>
      leagueGameFinderRequest({ season: '2023-24', seasonType: 'Preseason' as never }),
    );
    expect(badType.message).toContain('SeasonType must be one of');
  });
});
