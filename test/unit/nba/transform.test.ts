import { describe, expect, it } from 'vitest';
import {
  parseCommonTeamRoster,
  parseLeagueGameFinder,
  type LeagueGameFinderRow,
} from '../../../nba/parse.js';
import { transformRoster, transformTeamGames } from '../../../nba/transform.js';
import { fixtureResponse, rosterResponse, thrown } from './fixtures.js';

const mixed = () => parseLeagueGameFinder(fixtureResponse('lgf-2024-25-mixed.json'));
const regular = { season: '2024-25', seasonType: 'Regular Season' } as const;

describe('transformTeamGames', () => {
  it('keeps only NBA rows of the requested season type (no preseason, no Cup final, no playoffs)', () => {
    const batch = transformTeamGames(mixed(), regular);
    expect(batch.matches.map((m) => m.gameId)).toEqual(['0022400002', '0022400147', '0022400500']);
    expect(batch.stats).toHaveLength(6);
    expect(
      transformTeamGames(mixed(), { season: '2024-25', seasonType: 'Playoffs' }).matches.map((m) => m.gameId),
    ).toEqual(['0042400101']);
    expect(
      transformTeamGames(mixed(), { season: '2024-25', seasonType: 'PlayIn' }).matches.map((m) => m.gameId),
    ).toEqual(['0052400121']);
  });

  it('reads home/away from "vs." and "@" and collapses exact duplicate rows', () => {
    const batch = transformTeamGames(mixed(), regular);
    expect(batch.matches[0]).toEqual({
      gameId: '0022400002',
      season: '2024-25',
      seasonType: 'Regular Season',
      gameDate: '2024-10-22',
      homeTeamId: 1610612738,
      awayTeamId: 1610612752,
      homeScore: 125,
      awayScore: 109,
      neutralSite: false,
    });
    const game = batch.stats.filter((s) => s.gameId === '0022400002');
    expect(game.map((s) => [s.teamId, s.isHome, s.wl])).toEqual([
      [1610612738, true, 'W'],
      [1610612752, false, 'L'],
    ]);
    expect(game[0]?.ftPct).toBeNull();
    expect(game[0]?.minutes).toBe(240);
  });

  it('flags a neutral-site game written from each side ("A @ B", "B @ A", 2025-26): lower TEAM_ID nominal home', () => {
    const rows = mixed().map((r) =>
      r.gameId === '0022400147' && r.teamId === 1610612764 ? { ...r, matchup: 'WAS @ MIA' } : r,
    );
    const batch = transformTeamGames(rows, regular);
    expect(batch.matches.find((m) => m.gameId === '0022400147')).toMatchObject({
      homeTeamId: 1610612748,
      awayTeamId: 1610612764,
      homeScore: 118,
      awayScore: 98,
      neutralSite: true,
    });
    const game = batch.stats.filter((s) => s.gameId === '0022400147');
    expect(game.map((s) => [s.teamId, s.isHome])).toEqual([
      [1610612748, true],
      [1610612764, false],
    ]);
  });

  it('flags a neutral-site game ("A @ B" on both rows) from the home side’s row only', () => {
    const rows = mixed();
    const both = transformTeamGames(rows, regular).matches.find((m) => m.gameId === '0022400147');
    expect(both).toMatchObject({
      homeTeamId: 1610612764,
      awayTeamId: 1610612748,
      homeScore: 98,
      awayScore: 118,
      neutralSite: true,
    });

    const miamiOnly = transformTeamGames(
      rows.filter((r) => r.teamId === 1610612748),
      regular,
    ).matches;
    const washingtonOnly = transformTeamGames(
      rows.filter((r) => r.teamId === 1610612764),
      regular,
    ).matches;
    const neutral = (ms: typeof miamiOnly) => ms.find((m) => m.gameId === '0022400147')?.neutralSite;
    expect(neutral(miamiOnly)).toBe(false);
    expect(neutral(washingtonOnly)).toBe(true);
    const washingtonStat = transformTeamGames(rows, regular).stats.find(
      (s) => s.gameId === '0022400147' && s.teamId === 1610612764,
    );
    expect(washingtonStat?.isHome).toBe(true);
  });

  it('takes each score from the scoring team’s own row; alone, estimates the opponent from PLUS_MINUS', () => {
    const rows = mixed();
    // real NBA.com quirk: PLUS_MINUS 1.2 / -2.8 for a 102-108 game
    expect(transformTeamGames(rows, regular).matches.find((m) => m.gameId === '0022400500')).toMatchObject({
      homeTeamId: 1610612745,
      awayTeamId: 1610612760,
      homeScore: 102,
      awayScore: 108,
    });
    const houstonOnly = transformTeamGames(
      rows.filter((r) => r.teamId === 1610612745),
      regular,
    ).matches[0];
    expect(houstonOnly).toMatchObject({ homeScore: 102, awayScore: 101 }); // round(102 - 1.2)
  });

  it('resolves historical abbreviations (NJN, NOH, Bobcats CHA) by TEAM_ID and the reference table', () => {
    const rows = parseLeagueGameFinder(fixtureResponse('lgf-2011-12-nets.json'));
    const batch = transformTeamGames(rows, { season: '2011-12', seasonType: 'Regular Season' });
    expect(
      batch.matches.map((m) => [m.gameId, m.homeTeamId, m.awayTeamId, m.homeScore, m.awayScore]),
    ).toEqual([
      ['0021100001', 1610612764, 1610612751, 84, 90],
      ['0021100020', 1610612751, 1610612740, 94, 101],
      ['0021100050', 1610612766, 1610612751, 97, 100],
    ]);
    expect(batch.stats.find((s) => s.gameId === '0021100020')?.minutes).toBe(265);
  });

  it('rejects rows that disagree, a wrong season, and unknown opponents, naming the game', () => {
    const rows = mixed();
    const conflicting: LeagueGameFinderRow[] = rows.map((r) =>
      r.gameId === '0022400002' && r.teamId === 1610612752 ? { ...r, gameDate: '2024-10-23' } : r,
    );
    const disagree = thrown(() => transformTeamGames(conflicting, regular));
    expect(disagree.type).toBe('NbaResponseInvalid');
    expect(disagree.message).toContain('game 0022400002: the rows disagree');

    const changedDuplicate = [...rows, { ...(rows[9] as LeagueGameFinderRow), pts: 126 }];
    expect(thrown(() => transformTeamGames(changedDuplicate, regular)).message).toContain(
      'game 0022400002 team 1610612738 appears twice with different pts',
    );

    expect(
      thrown(() => transformTeamGames(rows, { season: '2023-24', seasonType: 'Regular Season' })).message,
    ).toContain('has SEASON_ID 22024, not season 2023-24');

    const unknown = rows.map((r) =>
      r.gameId === '0022400500' ? { ...r, matchup: r.matchup.replace('OKC', 'ZZZ') } : r,
    );
    expect(
      thrown(() =>
        transformTeamGames(
          unknown.filter((r) => r.teamId === 1610612745),
          regular,
        ),
      ).message,
    ).toContain("opponent 'ZZZ'");
  });

  it('is deterministic whatever the row order', () => {
    const rows = mixed();
    expect(transformTeamGames([...rows].reverse(), regular)).toEqual(transformTeamGames(rows, regular));
  });
});

describe('transformRoster', () => {
  it('maps both layouts to players and rosters', () => {
    const old = transformRoster(
      parseCommonTeamRoster(rosterResponse('ctr-2017-18-atl.json', '2017-18', 1610612737)),
      {
        season: '2017-18',
        teamId: 1610612737,
      },
    );
    expect(old.players.map((p) => p.playerId)).toEqual([203471, 1627752, 1628381]);
    expect(old.players[0]).toEqual({
      playerId: 203471,
      fullName: 'Dennis Schroder',
      nickname: null,
      playerSlug: null,
      birthDate: '1993-09-15',
      height: '6-1',
      weight: 172,
      school: null,
      experience: '4',
    });
    expect(old.rosters[0]).toEqual({
      season: '2017-18',
      teamId: 1610612737,
      playerId: 203471,
      jersey: '17',
      position: 'G',
      howAcquired: null,
      age: 24,
    });

    const recent = transformRoster(
      parseCommonTeamRoster(rosterResponse('ctr-2025-26-cle.json', '2025-26', 1610612739)),
      {
        season: '2025-26',
        teamId: 1610612739,
      },
    );
    expect(recent.players.find((p) => p.playerId === 1628378)).toMatchObject({
      nickname: 'Donovan',
      playerSlug: 'donovan-mitchell',
    });
    expect(recent.rosters.find((r) => r.playerId === 1642999)).toMatchObject({
      jersey: null,
      howAcquired: null,
    });
  });

  it('rejects rows of another team or season', () => {
    const rows = parseCommonTeamRoster(rosterResponse('ctr-2017-18-atl.json', '2017-18', 1610612737));
    expect(thrown(() => transformRoster(rows, { season: '2017-18', teamId: 1610612738 })).message).toContain(
      'player 203471 is listed for team 1610612737',
    );
    expect(thrown(() => transformRoster(rows, { season: '2018-19', teamId: 1610612737 })).message).toContain(
      "SEASON '2017'",
    );
  });
});
