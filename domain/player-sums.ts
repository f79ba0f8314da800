/**
 * The verdict of the players' lines against the team lines (quality/player-checks.ts), as a run
 * shows it: pure, so workflows import it.
 */
export interface PlayerSumsVerdict {
  /** Team-games (team lines) of the run's scope checked. */
  teamGames: number;
  /** Team-games whose player lines are present and add up. */
  passed: number;
  /** Failures of every player check (a team-game can fail more than one count). */
  failures: number;
}

/** "player lines add up in 2460/2460 team-games" (+ the failures). */
export function describePlayerSums(v: PlayerSumsVerdict): string {
  const failed = v.failures > 0 ? `; ${v.failures} ${v.failures === 1 ? 'failure' : 'failures'}` : '';
  return `player lines add up in ${v.passed}/${v.teamGames} team-games${failed}`;
}

/** The quality checks of the players' lines, as quality_checks names them (quality/player-checks.ts). */
export const PLAYER_CHECK_NAMES = {
  players_present: 'player_lines_for_both_teams',
  players_add_up: 'player_counts_add_up',
  player_turnovers_at_most: 'player_turnovers_at_most_team',
  team_present: 'player_lines_have_team_line',
  have_match: 'player_lines_have_match',
  players_known: 'players_known',
} as const;

export const isPlayerCheck = (name: string): boolean =>
  (Object.values(PLAYER_CHECK_NAMES) as string[]).includes(name);
