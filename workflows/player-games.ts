/**
 * The players' lines of a season run (the phase is workflows/season/player-games.ts): which units,
 * and what the run shows of them. Run like `league-games` (behind the breaker, dead-lettered as one
 * unit, redriven with the dates its dead letter names). Deterministic helpers only; the activity is
 * activities/player-games.ts.
 */
import type { PlayerGamesSummary, UnitRef } from '../activities/types.js';
import { formatGameDates, overlapsDates, type GameDates } from '../domain/game-dates.js';
import { isGamesUnit } from '../domain/run-status.js';
import { leagueGamesUnits, type LeagueUnitRef } from '../domain/runs.js';

export const PLAYER_GAMES_UNIT = 'player-games';

/**
 * A redrive's player-games units (each with the dates its dead letter named), else one over the
 * run's interval (or the whole season) when the run is over every team; none otherwise.
 */
export function playerGamesUnits(
  units: readonly UnitRef[] | undefined,
  dates: GameDates | undefined,
  everyTeam: boolean,
): LeagueUnitRef[] {
  if (units) return units.filter((u): u is LeagueUnitRef => u.unit === PLAYER_GAMES_UNIT);
  return everyTeam ? leagueGamesUnits(undefined, dates, PLAYER_GAMES_UNIT) : [];
}

/**
 * The league-wide games of these dates failed in this run: their players' lines would name games
 * that are not there, so the unit waits for them (dead-lettered without a request, redriven after
 * them). A team's failed games do not block it: the other team's unit loaded those games.
 */
export function gamesMissingFor(ref: LeagueUnitRef, failures: readonly UnitRef[]): boolean {
  return failures.some((f) => f.unit === 'league-games' && overlapsDates(f.dates, ref.dates));
}

/** The activity's summary in the Web UI's timeline: `player games · league`, `player games · 2024-01-10..2024-01-11`. */
export function playerGamesSummary(ref: LeagueUnitRef): string {
  return `player games · ${ref.dates ? formatGameDates(ref.dates) : 'league'}`;
}

/** What the run shows of its players' lines (progress, the Web UI's details, the run's result). */
export interface PlayerGamesProgress {
  /** Units the run runs (0 or 1; a redrive one per dead letter) and those loaded. */
  units: number;
  done: number;
  /** Player lines in the answers, games they belong to, answers read (more than one: row cap). */
  rows: number;
  games: number;
  answers: number;
}

export function startPlayerGames(units: readonly UnitRef[]): PlayerGamesProgress {
  return { units: units.length, done: 0, rows: 0, games: 0, answers: 0 };
}

export function playerGamesDone(p: PlayerGamesProgress, summary: PlayerGamesSummary): void {
  p.done += 1;
  p.rows += summary.rowsFetched;
  p.games += summary.games;
  p.answers += summary.answers;
}

/**
 * True when every unit loaded and so did every games unit: then the players' lines are held to the
 * team lines (with a team's games dead-lettered, its team lines are missing for a known reason).
 */
export const playerGamesCheckable = (
  p: PlayerGamesProgress | undefined,
  failures: readonly UnitRef[],
): boolean => p !== undefined && p.units > 0 && p.done === p.units && !failures.some(isGamesUnit);

/** One line of the Web UI's details. */
export function describePlayerGames(p: PlayerGamesProgress): string {
  return `player lines: ${p.rows} rows of ${p.games} games, units ${p.done}/${p.units}${p.answers > p.done ? ` (${p.answers} answers: row cap)` : ''}`;
}
