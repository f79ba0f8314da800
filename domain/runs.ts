/**
 * The vocabulary of run bookkeeping: what started a run, how it ended, and the units of work a
 * dead letter names. One list each; the types, the input checks (db/runs.ts) and the tables'
 * check constraints (db/schema.ts) are derived from them. Pure: workflows import it.
 */
import { formatGameDates, type GameDates } from './game-dates.js';
import type { LoadCounts } from './records.js';

/** What started a run (ingestion_runs.trigger). */
export const RUN_TRIGGERS = [
  'schedule',
  'cli',
  'backfill',
  'redrive',
  // A run made by `temporal workflow reset` or the Web UI's Reset of another run (ingestion_runs.reset_of).
  'reset',
  'temporal-cli',
  'temporal-ui',
  'test',
  'unknown',
] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** 'running' until the run is closed with one of the others (ingestion_runs.status). */
export const RUN_STATUSES = [
  'running',
  'completed',
  'completed_with_failures',
  'failed',
  'anomalous',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type FinalRunStatus = Exclude<RunStatus, 'running'>;
export const FINAL_RUN_STATUSES = RUN_STATUSES.filter((s): s is FinalRunStatus => s !== 'running');

/** One team's games or one team's roster: what a team activity loads. */
export const TEAM_UNITS = ['games', 'roster'] as const;
export type TeamUnit = (typeof TEAM_UNITS)[number];

/**
 * The units that belong to no team, each one request for the whole league (of the season or of an
 * interval's dates): every team's games (`gamesBy: 'league'`), and every player's lines of the
 * games (leaguegamefinder PlayerOrTeam=P, after the games of every run over every team).
 */
export const LEAGUE_UNITS = ['league-games', 'player-games'] as const;
export type LeagueUnit = (typeof LEAGUE_UNITS)[number];

/** What a dead letter names: a team's unit, or a league-wide one. */
export const WORK_UNITS = [...TEAM_UNITS, ...LEAGUE_UNITS] as const;
export type WorkUnit = (typeof WORK_UNITS)[number];

/**
 * One unit of work of a run: a team's, or a league-wide one (no team), of the whole season or of an
 * interval's dates (an incremental run).
 */
export type UnitRef = { unit: TeamUnit; teamId: number } | LeagueUnitRef;
/** One variant per league-wide unit, so that `ref.unit === 'league-games'` narrows. */
export type LeagueUnitRef = {
  [U in LeagueUnit]: { unit: U; teamId?: undefined; dates?: GameDates };
}[LeagueUnit];

export const isLeagueUnit = (unit: WorkUnit): unit is LeagueUnit =>
  (LEAGUE_UNITS as readonly string[]).includes(unit);
export const isLeagueRef = (ref: UnitRef): ref is LeagueUnitRef => isLeagueUnit(ref.unit);

/** A unit's name in logs, messages and the breaker's strikes: `1610612738/games`, `league-games 2023-10-23..2023-11-02`. */
export const unitName = (ref: UnitRef): string =>
  ref.teamId !== undefined
    ? `${ref.teamId}/${ref.unit}`
    : ref.dates
      ? `${ref.unit} ${formatGameDates(ref.dates)}`
      : ref.unit;

/**
 * The league-wide games units a run runs: a redrive's, each with the dates its dead letter named,
 * else one over the run's interval (or the whole season).
 */
export function leagueGamesUnits(
  units: readonly UnitRef[] | undefined,
  dates: GameDates | undefined,
  unit: LeagueUnit = 'league-games',
): LeagueUnitRef[] {
  const given = units?.filter((u): u is LeagueUnitRef => u.unit === unit) ?? [];
  return given.length > 0 ? given : [{ unit, ...(dates ? { dates } : {}) }];
}

/**
 * Whose rosters a run loads: every team's ('all', one request each), or only the teams whose players
 * changed ('changed': one playerindex request, then those teams'). See workflows/season/rosters.ts.
 */
export const ROSTER_MODES = ['all', 'changed'] as const;
export type RosterMode = (typeof ROSTER_MODES)[number];

/** Where a run's games come from: one request per team, or one league-wide request. */
export const GAMES_BY = ['team', 'league'] as const;
export type GamesBy = (typeof GAMES_BY)[number];

/** How a run ended, as its run record keeps it. */
export interface RunOutcome {
  status: FinalRunStatus;
  counts: LoadCounts;
  apiCalls: number;
  failures: number;
  /** Why a failed run failed (domain/run-status.ts). */
  error?: string;
  /** Set by a run that holds its own NBA breaker: cooldowns and seconds waited (not a backfill child's). */
  cooldowns?: number;
  cooldownSeconds?: number;
}
