/**
 * The games phase: one league-wide unit (per interval: a redrive runs each failed interval with its
 * own dates) or one unit per team, a few teams at a time. An interval run first resolves its dates
 * from the season's watermark (workflows/increments.ts).
 */
import type { UnitRef } from '../../activities/types.js';
import type { GameDates } from '../../domain/game-dates.js';
import { leagueGamesUnits } from '../../domain/runs.js';
import { resolveRunDates } from '../increments.js';
import { bookkeeping } from './proxies.js';
import type { UnitLanes } from './lanes.js';
import { teamsFor, type SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

export interface GamesLoaded {
  /** The games units the run ran: what its final status weighs the failed ones against. */
  units: number;
  /** An interval run's game dates. */
  dates: GameDates | undefined;
}

export async function ingestGames(plan: SeasonPlan, state: RunState, lanes: UnitLanes): Promise<GamesLoaded> {
  const dates = plan.dates
    ? await resolveRunDates(plan.dates, () => bookkeeping.seasonWatermark(plan.run))
    : undefined;
  if (dates) state.progress.dates = dates;
  state.enter('games');
  if (plan.leagueGames) {
    const units = leagueGamesUnits(plan.input.units, dates);
    for (const unit of units) await lanes.run(unit);
    return { units: units.length, dates };
  }
  const units = teamsFor(plan, 'games').map((teamId): UnitRef => ({ unit: 'games', teamId }));
  await lanes.runAll(units, plan.teamConcurrency);
  return { units: units.length, dates };
}
