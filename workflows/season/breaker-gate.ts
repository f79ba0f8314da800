/**
 * The run's gate to the NBA API: its own breaker (it runs the cooldowns and probes), or in a backfill
 * the holder's, reached by signals. None for a retransform: it sends no request.
 */
import { setHandler } from '@temporalio/workflow';
import { NBA_TEAM_IDS } from '../../domain/team-ids.js';
import { Breaker } from '../breaker.js';
import { ChildBreaker } from '../shared-breaker.js';
import { OwnedBreaker, probeNbaApi, resumeSignal, type ThrottleGate } from '../throttle-gate.js';
import type { SeasonPlan } from './plan.js';
import type { RunState } from './run-state.js';

export function openGate(plan: SeasonPlan, state: RunState): ThrottleGate | undefined {
  if (plan.retransform) return undefined;
  const gate = createGate(plan, state);
  setHandler(resumeSignal, () => gate.resume());
  return gate;
}

function createGate(plan: SeasonPlan, state: RunState): ThrottleGate {
  const holder = plan.input.breakerHolder;
  if (holder) return new ChildBreaker(holder, (view) => state.breakerChanged(view));
  const breaker = new Breaker(plan.breakerOptions);
  return new OwnedBreaker(breaker, {
    probe: () => {
      state.spent(1);
      return probeNbaApi(plan.run.season, plan.teamIds[0] ?? NBA_TEAM_IDS[0]!);
    },
    changed: () => state.breakerChanged(breaker.progress()),
  });
}

/**
 * Runs the phases that send requests; an owned breaker runs its cooldowns and probes beside them
 * until they end.
 */
export async function whileSupervised<T>(
  gate: ThrottleGate | undefined,
  phases: () => Promise<T>,
): Promise<T> {
  let done = false;
  const supervising = gate instanceof OwnedBreaker ? gate.supervise(() => done) : undefined;
  let result: T;
  try {
    result = await phases();
  } finally {
    done = true;
  }
  await supervising;
  return result;
}
