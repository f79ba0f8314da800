/**
 * The run's standings step: one leaguestandingsv3 request once the games are loaded, where the run is
 * held to the standings (domain/standings.ts decides), else the reason it is not. The request goes
 * behind the run's breaker like a team unit: a throttle keeps its place until the API answers again.
 * A request failing after its retries leaves the verdict `unavailable` (no dead letter: nothing to
 * redrive, the next run reconciles again).
 */
import { log } from '@temporalio/workflow';
import type { StandingsFetched } from '../activities/standings.js';
import type { StandingsInput, StandingsScope } from '../domain/standings.js';
import { attemptsOf, describeFailure } from './failures.js';
import { ownRequests } from './reset.js';
import { throttleSignalOf, type ThrottleGate } from './throttle-gate.js';

/** The step's name in the breaker's strikes and in the Web UI's timeline. */
export const STANDINGS_UNIT = 'standings';

export interface StandingsStep {
  scope: StandingsScope;
  fetch: () => Promise<StandingsFetched>;
  /** The run's breaker; undefined when no request goes out (retransform). */
  gate: ThrottleGate | undefined;
  maxAttempts: number;
  /** Counts requests into the run's API calls. */
  spent: (requests: number) => void;
}

export async function obtainStandings(step: StandingsStep): Promise<StandingsInput> {
  const { scope, gate } = step;
  if (!scope.reconcile) return { status: 'not_applicable', reason: scope.reason };
  for (;;) {
    await gate?.ready();
    try {
      const fetched = await step.fetch();
      gate?.succeeded(STANDINGS_UNIT);
      step.spent(ownRequests(fetched));
      return { status: 'fetched', asOf: scope.asOf, records: fetched.records };
    } catch (err) {
      const signal = gate ? throttleSignalOf(err) : undefined;
      if (gate && signal) {
        step.spent(1);
        if ((await gate.throttled(STANDINGS_UNIT, signal)) < step.maxAttempts) continue;
      } else {
        step.spent(attemptsOf(err, step.maxAttempts));
      }
      const { errorType, message } = describeFailure(err);
      log.error('standings unavailable after their retries', { errorType, message });
      return { status: 'unavailable', reason: `${errorType}: ${message}` };
    }
  }
}
