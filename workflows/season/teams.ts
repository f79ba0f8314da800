/** The teams phase: the 30 teams upserted (a local activity) before any unit needs them. */
import { bookkeeping } from './proxies.js';
import type { SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

export async function loadTeams(plan: SeasonPlan, state: RunState): Promise<void> {
  state.enter('teams');
  state.teamsLoaded(await bookkeeping.loadTeams(plan.run));
}
