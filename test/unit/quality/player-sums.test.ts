/** Player lines against team lines per team-game: sums, turnovers at most, both sides present. */
import { describe, expect, it } from 'vitest';
import { BOX_SCORE_FIELDS, type BoxScore } from '../../../domain/records.js';
import {
  AT_MOST_SUM_FIELDS,
  EQUAL_SUM_FIELDS,
  reconcilePlayerLines,
  type PlayerLine,
  type TeamLine,
} from '../../../quality/player-sums.js';

const BOS = 1610612738;
const NYK = 1610612752;
const GAME = '0022400002';

/** A box score with every count set to `n` (percentages and plus-minus as the API leaves them). */
function box(n: number, overrides: Partial<BoxScore> = {}): BoxScore {
  const counts = Object.fromEntries(
    Object.entries(BOX_SCORE_FIELDS).map(([field, spec]) => [field, spec.kind === 'count' ? n : null]),
  ) as BoxScore;
  return { ...counts, ...overrides };
}

const team = (teamId: number, n: number, overrides: Partial<BoxScore> = {}): TeamLine => ({
  gameId: GAME,
  teamId,
  ...box(n, overrides),
});
const player = (teamId: number, n: number, overrides: Partial<BoxScore> = {}): PlayerLine => ({
  gameId: GAME,
  teamId,
  ...box(n, overrides),
});

describe('reconcilePlayerLines', () => {
  it('compares the 14 counts that add up, and turnovers as at most (derived from BOX_SCORE_FIELDS)', () => {
    expect(EQUAL_SUM_FIELDS.map((field) => BOX_SCORE_FIELDS[field].header)).toEqual(
      ['PTS', 'FGM', 'FGA', 'FG3M', 'FG3A', 'FTM', 'FTA', 'OREB', 'DREB', 'REB', 'AST', 'STL', 'BLK', 'PF'],
    );
    expect(AT_MOST_SUM_FIELDS).toEqual(['tov']);
  }); // prettier-ignore

  it('passes team-games whose players add up, with fewer turnovers (team turnovers) and odd minutes', () => {
    const result = reconcilePlayerLines(
      [team(BOS, 10, { minutes: 240, tov: 3 }), team(NYK, 4)],
      [player(BOS, 6, { minutes: 119, tov: 1 }), player(BOS, 4, { minutes: 122, tov: 1 }), player(NYK, 4)],
    );
    expect(result).toEqual({ teamGames: 2, passed: 2, failures: [] });
  });

  it('names the game, the team and both sums when the players do not add up', () => {
    const result = reconcilePlayerLines(
      [team(BOS, 10, { pts: 119 }), team(NYK, 4)],
      [player(BOS, 6, { pts: 70 }), player(BOS, 4, { pts: 48 }), player(NYK, 4)],
    );
    expect(result.teamGames).toBe(2);
    expect(result.passed).toBe(1);
    expect(result.failures).toEqual([
      {
        check: 'players_add_up',
        gameId: GAME,
        teamId: BOS,
        field: 'PTS',
        players: 118,
        team: 119,
        message: 'game 0022400002 BOS: PTS players 118, team 119',
      },
    ]);
  });

  it('fails when the players’ turnovers exceed the team’s', () => {
    const [failure] = reconcilePlayerLines([team(NYK, 4, { tov: 2 })], [player(NYK, 4, { tov: 3 })]).failures;
    expect(failure).toMatchObject({ check: 'player_turnovers_at_most', field: 'TOV', players: 3, team: 2 });
    expect(failure?.message).toContain('game 0022400002 NYK: TOV players 3, team 2');
  });

  it('fails a team-game without player lines, and player lines without a team line', () => {
    const result = reconcilePlayerLines([team(BOS, 10)], [player(NYK, 4)]);
    expect(result.passed).toBe(0);
    expect(result.failures.map((f) => [f.check, f.teamId, f.players, f.team])).toEqual([
      ['players_present', BOS, 0, 10],
      ['team_present', NYK, 1, null],
    ]);
    expect(result.failures[0]?.message).toBe('game 0022400002 BOS: no player lines (team PTS 10)');
  });

  it('compares a count only where both sides know it (null is not 0)', () => {
    const result = reconcilePlayerLines(
      [team(BOS, 10, { oreb: null })],
      [player(BOS, 6, { dreb: null }), player(BOS, 4, { oreb: 1 })],
    );
    expect(result).toEqual({ teamGames: 1, passed: 1, failures: [] });
  });
});
