/**
 * Player lines reconciled with team lines, per team-game (pure; the SQL-backed check will feed it).
 * In every team-game of the four seasons on hand the players' counts add up exactly to the team's,
 * except two that cannot: minutes (each player's are whole minutes, so they round) and turnovers
 * (team turnovers, such as shot-clock violations, are credited to no player, so the players' sum is
 * at most the team's). Plus-minus is not checked: /5 it matches the margin in 97-100 % of games only.
 */
import {
  BOX_SCORE_FIELDS,
  type BoxScore,
  type BoxScoreField,
  type PlayerGameStatRecord,
  type TeamGameStatRecord,
} from '../domain/records.js';
import { NBA_TEAMS } from '../nba/teams.js';

/** Counts the players' lines do not add up to exactly, and why. */
const NOT_EQUAL_SUMS = {
  minutes: 'whole minutes per player: the sum is off by rounding',
  tov: "team turnovers belong to no player: the players' sum is at most the team's",
} as const satisfies Partial<Record<BoxScoreField, string>>;

const COUNT_FIELDS = (Object.keys(BOX_SCORE_FIELDS) as BoxScoreField[]).filter(
  (field) => BOX_SCORE_FIELDS[field].kind === 'count',
);

/** PTS, FGM, FGA, FG3M, FG3A, FTM, FTA, OREB, DREB, REB, AST, STL, BLK, PF: players' sum = team's. */
export const EQUAL_SUM_FIELDS: readonly BoxScoreField[] = COUNT_FIELDS.filter(
  (field) => !(field in NOT_EQUAL_SUMS),
);

/** TOV: players' sum ≤ team's. */
export const AT_MOST_SUM_FIELDS: readonly BoxScoreField[] = ['tov'];

export type TeamLine = Pick<TeamGameStatRecord, 'gameId' | 'teamId'> & BoxScore;
export type PlayerLine = Pick<PlayerGameStatRecord, 'gameId' | 'teamId'> & BoxScore;

export type PlayerSumCheck =
  'players_present' | 'players_add_up' | 'player_turnovers_at_most' | 'team_present';

export interface PlayerSumFailure {
  check: PlayerSumCheck;
  gameId: string;
  teamId: number;
  /** the API header of the field compared (PTS, TOV …); absent for a missing side */
  field?: string;
  /** the players' sum (players_present: their number of lines, 0) */
  players: number;
  /** the team's value (team_present: null, there is no team line) */
  team: number | null;
  /** "game 0022300061 BOS: PTS players 118, team 119" */
  message: string;
}

export interface PlayerSumsResult {
  /** team-games (team lines) checked */
  teamGames: number;
  /** team-games with player lines that add up */
  passed: number;
  failures: PlayerSumFailure[];
}

const ABBREVIATIONS = new Map(NBA_TEAMS.map((t) => [t.teamId, t.abbreviation]));
const SUMMED = [...EQUAL_SUM_FIELDS, ...AT_MOST_SUM_FIELDS];

interface Sums {
  lines: number;
  /** null: some player's value is unknown, so the sum is too */
  totals: Map<BoxScoreField, number | null>;
}

/**
 * Every team line against the player lines of the same game and team. A field is compared only
 * where both sides are known (a null on either side is not a failure: old rows lack some counts).
 * Player lines of a team-game with no team line fail `team_present`.
 */
export function reconcilePlayerLines(
  teamLines: Iterable<TeamLine>,
  playerLines: Iterable<PlayerLine>,
): PlayerSumsResult {
  const sums = new Map<string, Sums & { gameId: string; teamId: number }>();
  for (const line of playerLines) {
    const key = `${line.gameId}:${line.teamId}`;
    let sum = sums.get(key);
    if (!sum) {
      sum = { gameId: line.gameId, teamId: line.teamId, lines: 0, totals: new Map() };
      sums.set(key, sum);
    }
    sum.lines += 1;
    for (const field of SUMMED) {
      const total = sum.totals.has(field) ? (sum.totals.get(field) ?? null) : 0;
      const value = line[field];
      sum.totals.set(field, total === null || value === null ? null : total + value);
    }
  }

  const failures: PlayerSumFailure[] = [];
  let teamGames = 0;
  let passed = 0;
  for (const team of teamLines) {
    teamGames += 1;
    const key = `${team.gameId}:${team.teamId}`;
    const sum = sums.get(key);
    sums.delete(key);
    const where = `game ${team.gameId} ${teamName(team.teamId)}`;
    if (!sum) {
      failures.push({
        check: 'players_present',
        gameId: team.gameId,
        teamId: team.teamId,
        players: 0,
        team: team.pts,
        message: `${where}: no player lines (team PTS ${team.pts})`,
      });
      continue;
    }
    const before = failures.length;
    for (const field of SUMMED) {
      const players = sum.totals.get(field) ?? null;
      const own = team[field];
      if (players === null || own === null) continue;
      const atMost = AT_MOST_SUM_FIELDS.includes(field);
      if (atMost ? players <= own : players === own) continue;
      const header = BOX_SCORE_FIELDS[field].header;
      failures.push({
        check: atMost ? 'player_turnovers_at_most' : 'players_add_up',
        gameId: team.gameId,
        teamId: team.teamId,
        field: header,
        players,
        team: own,
        message: `${where}: ${header} players ${players}, team ${own}${atMost ? ' (players may not exceed it)' : ''}`,
      });
    }
    if (failures.length === before) passed += 1;
  }

  for (const orphan of sums.values()) {
    failures.push({
      check: 'team_present',
      gameId: orphan.gameId,
      teamId: orphan.teamId,
      players: orphan.lines,
      team: null,
      message: `game ${orphan.gameId} ${teamName(orphan.teamId)}: ${orphan.lines} player lines, no team line`,
    });
  }
  return { teamGames, passed, failures };
}

function teamName(teamId: number): string {
  return ABBREVIATIONS.get(teamId) ?? `team ${teamId}`;
}
