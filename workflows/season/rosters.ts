/**
 * The rosters phase: one unit per team, a few at a time; where the plan compares rosters, only the
 * teams whose players changed since the stored rosters (one playerindex request first; when it
 * fails, every team's).
 */
import type { UnitRef } from '../../activities/types.js';
import { attemptsOf } from '../failures.js';
import { changedRosterTeams } from '../increments.js';
import type { UnitLanes } from './lanes.js';
import { teamsFor, type SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

export async function ingestRosters(plan: SeasonPlan, state: RunState, lanes: UnitLanes): Promise<void> {
  state.enter('rosters');
  let teamIds = teamsFor(plan, 'roster');
  if (plan.comparesRosters) teamIds = await changedTeams(plan, state, lanes, teamIds);
  const units = teamIds.map((teamId): UnitRef => ({ unit: 'roster', teamId }));
  await lanes.runAll(units, plan.teamConcurrency);
}

async function changedTeams(
  plan: SeasonPlan,
  state: RunState,
  lanes: UnitLanes,
  teamIds: number[],
): Promise<number[]> {
  state.publish();
  await lanes.lane.gate?.ready();
  const changed = await changedRosterTeams(
    teamIds,
    () =>
      lanes.activities.findChangedRosters.executeWithOptions({ summary: 'rosters · changed?' }, [
        { ...lanes.sourced, teamIds },
      ]),
    (err) => attemptsOf(err, plan.nbaMaxAttempts),
  );
  state.spent(changed.apiCalls);
  state.progress.teams.rostersDone += teamIds.length - changed.teamIds.length;
  state.progress.rostersChanged = changed.teamIds.length;
  return changed.teamIds;
}
