/** The 30 NBA franchises' TEAM_IDs (contiguous); the full reference rows live in nba/teams.ts. */
export const NBA_TEAM_IDS: readonly number[] = Array.from({ length: 30 }, (_, i) => 1610612737 + i);
