/**
 * Rosters only where they changed: the league's player index (every player with his current team)
 * against the rosters stored for the season. Pure: the activity fetches and reads, this decides.
 */

/** A player on a team: a row of playerindex (teamId null: on no team) or of the stored rosters. */
export interface PlayerTeam {
  playerId: number;
  teamId: number | null;
}

/**
 * The teams, among `teamIds`, whose set of players differs between the index and the stored
 * rosters (a player arrived or left), in `teamIds` order. A trade changes both teams; a waived
 * player changes his old team; nothing stored yet changes every team with players in the index.
 */
export function teamsWithChangedRosters(
  index: readonly PlayerTeam[],
  stored: readonly PlayerTeam[],
  teamIds: readonly number[],
): number[] {
  const playersOf = (rows: readonly PlayerTeam[]): Map<number, Set<number>> => {
    const byTeam = new Map<number, Set<number>>();
    for (const { playerId, teamId } of rows) {
      if (teamId === null) continue;
      const players = byTeam.get(teamId) ?? new Set<number>();
      players.add(playerId);
      byTeam.set(teamId, players);
    }
    return byTeam;
  };
  const now = playersOf(index);
  const before = playersOf(stored);
  const same = (a: Set<number> = new Set(), b: Set<number> = new Set()): boolean =>
    a.size === b.size && [...a].every((id) => b.has(id));
  return teamIds.filter((teamId) => !same(now.get(teamId), before.get(teamId)));
}
