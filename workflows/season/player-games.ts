/**
 * The players' lines phase: one league-wide `player-games` unit (leaguegamefinder PlayerOrTeam=P)
 * over the run's dates, or a redrive's units each with the dates its dead letter named. After the
 * rosters, so the game rows add only the players no roster lists, never a second write of the others.
 * A run over some teams only has none: the league's lines would name games it did not load.
 * When the league-wide games of its dates failed, the unit is dead-lettered without a request, so a
 * redrive runs it after them.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { formatGameDates } from '../../domain/game-dates.js';
import { gamesMissingFor, playerGamesUnits, startPlayerGames } from '../player-games.js';
import type { GamesLoaded } from './games.js';
import type { UnitLanes } from './lanes.js';
import type { SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

export async function ingestPlayerGames(
  plan: SeasonPlan,
  state: RunState,
  lanes: UnitLanes,
  games: GamesLoaded,
): Promise<void> {
  const { input } = plan;
  const units = playerGamesUnits(input.units, games.dates, plan.everyTeam && input.playerGames !== false);
  if (units.length === 0) return;
  state.enter('player-games');
  state.progress.playerGames = startPlayerGames(units);
  for (const unit of units) {
    if (!gamesMissingFor(unit, state.progress.failures)) await lanes.run(unit);
    else {
      const games = unit.dates ? `the games of ${formatGameDates(unit.dates)}` : "the season's games";
      const message = `${games} did not load: the players' lines wait for them (no request sent)`;
      await lanes.skip(unit, ApplicationFailure.nonRetryable(message, 'GamesNotLoaded'));
    }
  }
}
