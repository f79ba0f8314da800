import { describe, expect, it } from 'vitest';
import { isGamesUnit, runVerdict } from '../../../domain/run-status.js';
import { renderDetails, type IngestProgress } from '../../../workflows/progress.js';
import {
  gamesMissingFor,
  playerGamesCheckable,
  playerGamesSummary,
  playerGamesUnits,
  startPlayerGames,
} from '../../../workflows/player-games.js';

const DATES = { from: '2024-01-10', to: '2024-01-11' };

describe('the player-games phase', () => {
  it('a run over every team has one unit, of its interval or the whole season', () => {
    expect(playerGamesUnits(undefined, undefined, true)).toEqual([{ unit: 'player-games' }]);
    expect(playerGamesUnits(undefined, DATES, true)).toEqual([{ unit: 'player-games', dates: DATES }]);
  });

  it('a run over some teams has none: the league’s lines would name games it did not load', () => {
    expect(playerGamesUnits(undefined, undefined, false)).toEqual([]);
  });

  it('a redrive runs the player-games units its dead letters named, and no other', () => {
    const units = [
      { unit: 'league-games' as const },
      { unit: 'player-games' as const, dates: DATES },
      { unit: 'roster' as const, teamId: 1610612738 },
    ];
    expect(playerGamesUnits(units, undefined, false)).toEqual([{ unit: 'player-games', dates: DATES }]);
    expect(playerGamesUnits([{ unit: 'league-games' }], undefined, true)).toEqual([]);
  });

  it('waits for the league-wide games of its dates when they failed in the run, not for a team’s', () => {
    const unit = { unit: 'player-games' as const, dates: DATES };
    const failed = (dates?: { from: string | null; to: string }) => [
      { unit: 'league-games' as const, ...(dates ? { dates } : {}) },
    ];
    expect(gamesMissingFor(unit, failed(DATES))).toBe(true);
    expect(gamesMissingFor(unit, failed({ from: '2024-01-11', to: '2024-01-20' }))).toBe(true);
    expect(gamesMissingFor(unit, failed())).toBe(true);
    expect(gamesMissingFor(unit, failed({ from: '2024-01-12', to: '2024-01-20' }))).toBe(false);
    expect(gamesMissingFor(unit, failed({ from: null, to: '2024-01-09' }))).toBe(false);
    expect(gamesMissingFor(unit, [{ unit: 'games', teamId: 1610612744 }])).toBe(false);
    expect(gamesMissingFor({ unit: 'player-games' }, failed(DATES))).toBe(true);
  });

  it('names its activity in the timeline', () => {
    expect(playerGamesSummary({ unit: 'player-games' })).toBe('player games · league');
    expect(playerGamesSummary({ unit: 'player-games', dates: DATES })).toBe(
      'player games · 2024-01-10..2024-01-11',
    );
  });

  it('a failed player unit is not a failed games unit: the run completes with failures', () => {
    expect(isGamesUnit({ unit: 'player-games' })).toBe(false);
    expect(
      runVerdict({
        games: { units: 1, failed: 0 },
        teams: { total: 30, failed: 0 },
        failures: 1,
        anomalies: 0,
      }),
    ).toEqual({ status: 'completed_with_failures' });
  });

  it('holds the lines to the team lines only once every unit loaded, and every games unit', () => {
    const p = startPlayerGames([{ unit: 'player-games' }]);
    expect(playerGamesCheckable(p, [])).toBe(false);
    p.done = 1;
    expect(playerGamesCheckable(p, [])).toBe(true);
    expect(playerGamesCheckable(p, [{ unit: 'roster', teamId: 1610612744 }])).toBe(true);
    expect(playerGamesCheckable(p, [{ unit: 'games', teamId: 1610612744 }])).toBe(false);
    expect(playerGamesCheckable(undefined, [])).toBe(false);
  });

  it('shows the lines and the players’ verdict in the current details', () => {
    const progress: IngestProgress = {
      season: '2023-24',
      seasonType: 'Regular Season',
      phase: 'done',
      status: 'anomalous',
      teams: { total: 30, gamesDone: 30, rostersDone: 30, failed: 0 },
      counts: {},
      apiCalls: 33,
      failures: [],
      playerGames: { units: 1, done: 1, rows: 26_401, games: 1230, answers: 7 },
      quality: {
        games: 1230,
        passed: 12,
        failed: ['player_counts_add_up'],
        anomalies: ['2023-24 game 0022300061 DEN: PTS players 122, team 119'],
        playerSums: { teamGames: 2460, passed: 2459, failures: 1 },
      },
    };
    const details = renderDetails(progress);
    expect(details).toContain('player lines: 26401 rows of 1230 games, units 1/1 (7 answers: row cap)');
    expect(details).toContain('player lines add up in 2459/2460 team-games; 1 failure');
    expect(details).toContain('**anomaly**: 2023-24 game 0022300061 DEN: PTS players 122, team 119');
  });
});
