/**
 * How a run ended, decided once from what it was for and what failed: the workflow closes its run
 * record with it, the schedule pauses on `failed` and the alert goes out. Pure: workflows import it.
 */
import type { FinalRunStatus, UnitRef } from './runs.js';

export interface RunTally {
  /** Games units the run ran (one per team, or the league-wide ones) and how many were dead-lettered. */
  games: { units: number; failed: number };
  /** Teams the run was for, and those with at least one dead-lettered unit. */
  teams: { total: number; failed: number };
  /** Every dead-lettered unit of the run. */
  failures: number;
  /** Data-quality anomalies: data missing with no failure to show for it. */
  anomalies: number;
}

export interface RunVerdict {
  status: FinalRunStatus;
  /** Why the run failed, in words for the schedule's pause note and the alert; undefined otherwise. */
  reason?: string;
}

/**
 * `failed` when the games the run was for did not load (every games unit dead-lettered) or every team
 * failed; `completed_with_failures` when some units failed (their dead letters explain the shortfall
 * and are redriven); `anomalous` when data is missing with no failure to show for it; else `completed`.
 */
export function runVerdict(tally: RunTally): RunVerdict {
  const { games, teams, failures, anomalies } = tally;
  if (games.units > 0 && games.failed === games.units)
    return {
      status: 'failed',
      reason: `the games did not load (${games.failed} of ${games.units} games ${games.units === 1 ? 'unit' : 'units'} dead-lettered)`,
    };
  if (failures > 0 && teams.total > 0 && teams.failed === teams.total)
    return { status: 'failed', reason: `every team failed (${teams.failed} of ${teams.total})` };
  if (failures > 0 && teams.total === 0 && games.units === 0)
    return { status: 'failed', reason: `every unit failed (${failures})` };
  if (failures > 0) return { status: 'completed_with_failures' };
  if (anomalies > 0) return { status: 'anomalous' };
  return { status: 'completed' };
}

/** A unit that loads games: a team's games or the league-wide games (not the players' lines of them). */
export const isGamesUnit = (ref: UnitRef): boolean => ref.unit === 'games' || ref.unit === 'league-games';
