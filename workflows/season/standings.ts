/**
 * The standings phase: one leaguestandingsv3 request once the games are loaded, where the run is
 * held to the standings (domain/standings.ts decides), else the reason it is not. The request goes
 * through the run's lane like a unit: a throttle keeps its place until the API answers again. A
 * request failing after its retries leaves the verdict `unavailable` (no dead letter: nothing to
 * redrive, the next run reconciles again).
 */
import { log } from '@temporalio/workflow';
import type { GameDates } from '../../domain/game-dates.js';
import { standingsScope, type StandingsInput } from '../../domain/standings.js';
import { describeFailure } from '../failures.js';
import { ownRequests } from '../reset.js';
import { attempt, type UnitLanes } from './lanes.js';
import type { SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

/** The step's name in the breaker's strikes and in the Web UI's timeline. */
const STANDINGS_UNIT = 'standings';

export async function fetchStandings(
  plan: SeasonPlan,
  state: RunState,
  lanes: UnitLanes,
  dates: GameDates | undefined,
): Promise<StandingsInput> {
  state.enter('standings');
  const { season, seasonType } = plan.run;
  // An interval that ends before the standings' moment is not held to them.
  const scope = standingsScope({
    season,
    seasonType,
    fullScope: plan.everyTeam,
    asOf: plan.asOf,
    intervalEnd: dates?.to,
    now: new Date(),
  });
  if (!scope.reconcile) return { status: 'not_applicable', reason: scope.reason };
  const fetched = await attempt(
    STANDINGS_UNIT,
    () =>
      lanes.activities.fetchStandings.executeWithOptions({ summary: `${STANDINGS_UNIT} · league` }, [
        lanes.sourced,
      ]),
    lanes.lane,
  );
  if (fetched.ok) {
    lanes.lane.spent(ownRequests(fetched.value));
    return { status: 'fetched', asOf: scope.asOf, records: fetched.value.records };
  }
  const { errorType, message } = describeFailure(fetched.error);
  log.error('standings unavailable after their retries', { errorType, message });
  return { status: 'unavailable', reason: `${errorType}: ${message}` };
}
