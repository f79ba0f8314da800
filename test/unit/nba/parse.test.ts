import { describe, expect, it } from 'vitest';
import { parseCommonTeamRoster, parseLeagueGameFinder } from '../../../nba/parse.js';
import { fixtureBody, fixtureResponse, rosterResponse, thrown } from './fixtures.js';

type Envelope = { resultSets: { name: string; headers: string[]; rowSet: unknown[][] }[] };

function withBody(mutate: (body: Envelope) => void) {
  const res = fixtureResponse('lgf-2024-25-mixed.json');
  const body = structuredClone(res.body) as Envelope;
  mutate(body);
  return { ...res, body };
}

describe('parseLeagueGameFinder', () => {
  it('locates columns by header name (reordered headers, extra column tolerated)', () => {
    const rows = parseLeagueGameFinder(fixtureResponse('lgf-2024-25-mixed.json'));
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({
      seasonId: '42024',
      teamId: 1610612738,
      teamAbbreviation: 'BOS',
      teamName: 'Boston Celtics',
      gameId: '0042400101',
      gameDate: '2025-04-20',
      matchup: 'BOS vs. ORL',
      wl: 'W',
      minutes: 240,
      pts: 103,
      fgm: 35,
      fga: 80,
      fgPct: 0.438,
      fg3m: 15,
      fg3a: 44,
      fg3Pct: 0.341,
      ftm: 18,
      fta: 22,
      ftPct: 0.818,
      oreb: 9,
      dreb: 37,
      reb: 46,
      ast: 20,
      stl: 8,
      blk: 5,
      tov: 10,
      pf: 17,
      plusMinus: 17,
    });
  });

  it('reads float-formatted id strings as integers and keeps null percentages null', () => {
    const rows = parseLeagueGameFinder(fixtureResponse('lgf-2024-25-mixed.json'));
    expect(rows.find((r) => r.gameId === '0022400147' && r.teamAbbreviation === 'WAS')?.teamId).toBe(
      1610612764,
    );
    const boston = rows.find((r) => r.gameId === '0022400002' && r.teamId === 1610612738);
    expect(boston?.ftPct).toBeNull();
    expect(boston?.fta).toBe(0);
  });

  it('pads a numeric GAME_ID back to its 10 digits', () => {
    const rows = parseLeagueGameFinder(withBody((b) => (b.resultSets[0]!.rowSet[0]![1] = 42400101)));
    expect(rows[0]?.gameId).toBe('0042400101');
  });

  it('names endpoint, parameters and the missing columns', () => {
    const res = withBody((b) => {
      const set = b.resultSets[0]!;
      for (const column of ['PLUS_MINUS', 'MATCHUP']) {
        const i = set.headers.indexOf(column);
        set.headers.splice(i, 1);
        for (const row of set.rowSet) row.splice(i, 1);
      }
    });
    const error = thrown(() => parseLeagueGameFinder(res));
    expect(error.type).toBe('NbaResponseInvalid');
    expect(error.nonRetryable).toBe(true);
    expect(error.message).toContain(
      'leaguegamefinder (LeagueID=00, PlayerOrTeam=T, Season=2024-25, SeasonType=Regular Season)',
    );
    expect(error.message).toContain('missing required column(s) MATCHUP, PLUS_MINUS');
  });

  it('names mistyped columns with an example value and row', () => {
    const res = withBody((b) => {
      const set = b.resultSets[0]!;
      set.rowSet[2]![set.headers.indexOf('PTS')] = 'lots';
      set.rowSet[3]![set.headers.indexOf('TEAM_ID')] = 1610612745.5;
      set.rowSet[4]![set.headers.indexOf('TEAM_ID')] = null;
    });
    const error = thrown(() => parseLeagueGameFinder(res));
    expect(error.type).toBe('NbaResponseInvalid');
    expect(error.message).toMatch(/column PTS: .*"lots" in row 2/);
    expect(error.message).toMatch(/column TEAM_ID: expected an integer.*1610612745.5 in row 3 \(\+1 more\)/);
  });

  it('reports a missing result set and short rows', () => {
    const renamed = withBody((b) => (b.resultSets[0]!.name = 'Other'));
    expect(thrown(() => parseLeagueGameFinder(renamed)).message).toContain(
      "result set 'LeagueGameFinderResults' not found (present: Other)",
    );
    const short = withBody((b) => b.resultSets[0]!.rowSet[1]!.pop());
    expect(thrown(() => parseLeagueGameFinder(short)).message).toContain(
      'row 1 has 28 cells, headers have 29',
    );
  });
});

describe('parseCommonTeamRoster', () => {
  it('reads the 2017-18 layout (13 columns): the newer columns come out null', () => {
    const rows = parseCommonTeamRoster(rosterResponse('ctr-2017-18-atl.json', '2017-18', 1610612737));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      teamId: 1610612737,
      season: '2017',
      leagueId: '00',
      player: 'Dennis Schroder',
      nickname: null,
      playerSlug: null,
      num: '17',
      position: 'G',
      height: '6-1',
      weight: 172,
      birthDate: '1993-09-15',
      age: 24,
      exp: '4',
      school: null,
      playerId: 203471,
      howAcquired: null,
    });
  });

  it('reads the 2025-26 layout (16 columns), nulls and float-formatted ids', () => {
    const rows = parseCommonTeamRoster(rosterResponse('ctr-2025-26-cle.json', '2025-26', 1610612739));
    expect(rows.map((r) => r.playerId)).toEqual([1628378, 1642999, 1630596]);
    expect(rows[0]).toMatchObject({
      nickname: 'Donovan',
      playerSlug: 'donovan-mitchell',
      howAcquired: 'Traded from UTA on 09/03/22',
    });
    expect(rows[1]).toMatchObject({ num: null, weight: null, school: null, howAcquired: null, exp: 'R' });
    expect(rows[2]?.teamId).toBe(1610612739);
  });

  it('rejects an unreadable birth date, naming the column', () => {
    const res = rosterResponse('ctr-2017-18-atl.json', '2017-18', 1610612737);
    const body = structuredClone(res.body) as Envelope;
    body.resultSets[0]!.rowSet[1]![8] = '23/09/1997';
    const error = thrown(() => parseCommonTeamRoster({ ...res, body }));
    expect(error.message).toContain('commonteamroster (LeagueID=00, Season=2017-18, TeamID=1610612737)');
    expect(error.message).toContain(
      'column BIRTH_DATE: expected a date like "MAR 03, 1998", got "23/09/1997" in row 1',
    );
  });

  it('requires PLAYER_ID', () => {
    const res = rosterResponse('ctr-2025-26-cle.json', '2025-26', 1610612739);
    const body = structuredClone(fixtureBody('ctr-2025-26-cle.json')) as Envelope;
    body.resultSets[0]!.headers[14] = 'PERSON_ID';
    expect(thrown(() => parseCommonTeamRoster({ ...res, body })).message).toContain(
      'missing required column(s) PLAYER_ID',
    );
  });
});
