/**
 * ingestSeason: the DAG for one season and season type, phase by phase (workflows/season/):
 *   plan → open run → teams → games (per team fan-out, or league-wide units) → rosters (per team
 *   fan-out, or only the changed ones) → players' lines (league-wide) → standings → quality → close run
 * Thin, deterministic orchestration: activities do the I/O; the workflow passes ids and counts.
 * Every unit goes through one lane runner (season/lanes.ts) on the rate-limited NBA queue, behind the
 * run's breaker; the short database bookkeeping around them runs as local activities.
 */
import { bookkeeping, unitActivities } from './season/proxies.js';
import { openGate, whileSupervised } from './season/breaker-gate.js';
import { closeFailedRun, closeRun } from './season/close.js';
import { ingestGames } from './season/games.js';
import { UnitLanes } from './season/lanes.js';
import { planRun, type IngestSeasonInput } from './season/plan.js';
import { checkQuality } from './season/quality.js';
import { ingestPlayerGames } from './season/player-games.js';
import { ingestRosters } from './season/rosters.js';
import { RunState } from './season/run-state.js';
import { fetchStandings } from './season/standings.js';
import { loadTeams } from './season/teams.js';
import type { IngestProgress } from './progress.js';

export type { IngestSeasonInput } from './season/plan.js';

export interface IngestSeasonResult extends IngestProgress {
  workflowId: string;
  runId: string;
}

export async function ingestSeason(input: IngestSeasonInput): Promise<IngestSeasonResult> {
  const plan = planRun(input);
  const { run } = plan;
  const state = new RunState(run, plan.teamIds.length, plan.input.breakerHolder !== undefined);
  state.opened(await bookkeeping.openRun({ ...run, trigger: plan.trigger }));
  try {
    await loadTeams(plan, state);
    const gate = openGate(plan, state);
    const lanes = new UnitLanes(state, unitActivities(plan), { ...run, ...plan.sourcePolicy }, gate);
    // The phases that send requests; the run's breaker waits out throttling beside them.
    const { games, standings } = await whileSupervised(gate, async () => {
      const games = await ingestGames(plan, state, lanes);
      await ingestRosters(plan, state, lanes);
      await ingestPlayerGames(plan, state, lanes, games);
      const standings = await fetchStandings(plan, state, lanes, games.dates);
      return { games, standings };
    });
    const quality = await checkQuality(plan, state, games, standings);
    await closeRun(state, games, quality);
  } catch (err) {
    // Teams or bookkeeping failed: record the run as failed, then fail the workflow.
    await closeFailedRun(state, err);
    throw err;
  } finally {
    state.enter('done');
    state.publish();
  }
  return { ...state.progress, workflowId: run.workflowId, runId: run.runId };
}
