/** The anomaly rules: a complete season short of games, or far fewer rows than the previous run. */
import { describe, expect, it } from 'vitest';
import type { LoadCounts } from '../../../domain/records.js';
import { factRowsSeen, findAnomalies } from '../../../quality/anomalies.js';
import type { QualityCheck } from '../../../quality/checks.js';
import { expectedRegularSeasonGames, MIN_ROWS_VS_PREVIOUS_RUN } from '../../../quality/expectations.js';

const gameCount = (complete: number, expected: number | string): QualityCheck => ({
  name: 'game_count',
  passed: typeof expected === 'number' ? complete === expected : complete > 0,
  observed: { matches: complete, complete },
  expected,
});

const rules = (over: Partial<Parameters<typeof findAnomalies>[0]>) =>
  findAnomalies({ season: '2023-24', checks: [], rowsSeen: 0, previousRowsSeen: undefined, ...over });

describe('factRowsSeen', () => {
  it('adds inserted, updated and unchanged rows of team_game_stats only', () => {
    const counts: LoadCounts = {
      teams: { inserted: 30, updated: 0, unchanged: 0 },
      matches: { inserted: 10, updated: 2, unchanged: 3 },
      team_game_stats: { inserted: 20, updated: 0, unchanged: 6 },
      players: { inserted: 500, updated: 0, unchanged: 0 },
    };
    expect(factRowsSeen(counts)).toBe(26);
    expect(factRowsSeen({})).toBe(0);
  });

  it('is the same for a season fetched per team (each match seen twice) and league-wide (once)', () => {
    const stats = { inserted: 0, updated: 0, unchanged: 2460 };
    const perTeam = factRowsSeen({
      matches: { inserted: 0, updated: 0, unchanged: 2460 },
      team_game_stats: stats,
    });
    const leagueWide = factRowsSeen({
      matches: { inserted: 0, updated: 0, unchanged: 1230 },
      team_game_stats: stats,
    });
    expect(leagueWide).toBe(perTeam);
    expect(rules({ rowsSeen: leagueWide, previousRowsSeen: perTeam })).toEqual([]);
  });
});

describe('findAnomalies', () => {
  it('finds none for a complete season with its expected games and as many rows as before', () => {
    expect(rules({ checks: [gameCount(1230, 1230)], rowsSeen: 3690, previousRowsSeen: 3690 })).toEqual([]);
  });

  it('reports a game shortfall with its size', () => {
    expect(rules({ checks: [gameCount(1200, 1230)] })).toEqual([
      {
        kind: 'game_shortfall',
        message: '2023-24 has 1200 complete games, expected 1230: 30 short',
        shortfall: 30,
      },
    ]);
  });

  it('does not report a shortfall for a season with no expected figure (in progress, playoffs)', () => {
    expect(rules({ checks: [gameCount(0, '> 0')] })).toEqual([]);
  });

  it('does not call more games than expected a shortfall', () => {
    expect(rules({ checks: [gameCount(1231, 1230)] })).toEqual([]);
  });

  it(`reports fewer rows than ${MIN_ROWS_VS_PREVIOUS_RUN * 100}% of the previous run, not at the threshold`, () => {
    expect(rules({ rowsSeen: 899, previousRowsSeen: 1000 })).toEqual([
      {
        kind: 'fewer_rows_than_previous_run',
        message: '2023-24: this run saw 899 fact rows, the previous run 1000',
        shortfall: 101,
      },
    ]);
    expect(rules({ rowsSeen: 900, previousRowsSeen: 1000 })).toEqual([]);
  });

  it('ignores the previous-run rule on a first run (no previous count, or zero)', () => {
    expect(rules({ rowsSeen: 1, previousRowsSeen: undefined })).toEqual([]);
    expect(rules({ rowsSeen: 0, previousRowsSeen: 0 })).toEqual([]);
  });

  it('reports both at once', () => {
    const found = rules({ checks: [gameCount(600, 1230)], rowsSeen: 1800, previousRowsSeen: 3690 });
    expect(found.map((a) => a.kind)).toEqual(['game_shortfall', 'fewer_rows_than_previous_run']);
  });
});

describe('expectedRegularSeasonGames', () => {
  it('is 1230 from 2004-05 on, except the shortened seasons; unknown before', () => {
    expect(expectedRegularSeasonGames('2023-24')).toBe(1230);
    expect(expectedRegularSeasonGames('2004-05')).toBe(1230);
    expect(expectedRegularSeasonGames('2011-12')).toBe(990);
    expect(expectedRegularSeasonGames('2012-13')).toBe(1229);
    expect(expectedRegularSeasonGames('2019-20')).toBe(1059);
    expect(expectedRegularSeasonGames('2020-21')).toBe(1080);
    expect(expectedRegularSeasonGames('1998-99')).toBe(725);
    expect(expectedRegularSeasonGames('2003-04')).toBeUndefined();
  });
});
