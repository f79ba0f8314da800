/**
 * The one lane runner: every unit of a season run (a team's games or roster, the league-wide games,
 * the standings) goes through `attempt`. Behind the run's breaker, a unit waits while the breaker is
 * open and, when throttled, goes again once the breaker lets it: its attempts are spent only on real
 * failures (retried by the server) and on throttles the breaker counts as strikes against it alone.
 * Without a breaker (a retransform sends no request) a unit is one call with the server's retries.
 */
import { log } from '@temporalio/workflow';
import type { UnitRef } from '../../activities/types.js';
import { unitName } from '../../domain/runs.js';
import { mapWithConcurrency } from '../concurrency.js';
import { attemptsOf } from '../failures.js';
import { throttleSignalOf, type ThrottleGate } from '../throttle-gate.js';
import { bookkeeping, type UnitActivities } from './proxies.js';
import type { RunState } from './run-state.js';
import { startUnit, type SourcedRun, type UnitSummary } from './units.js';

export type Attempted<T> = { ok: true; value: T } | { ok: false; error: unknown; attempts: number };

export interface LaneOptions {
  gate: ThrottleGate | undefined;
  maxAttempts: number;
  /** Counts requests into the run's API calls (a retransform's count none): throttled ones, a failure's attempts. */
  spent: (requests: number) => void;
}

/** Runs `call` until it answers, fails for good, or is throttled `maxAttempts` times alone. */
export async function attempt<T>(
  key: string,
  call: () => Promise<T>,
  lane: LaneOptions,
): Promise<Attempted<T>> {
  const { gate, maxAttempts } = lane;
  for (;;) {
    await gate?.ready();
    try {
      const value = await call();
      gate?.succeeded(key);
      return { ok: true, value };
    } catch (error) {
      const signal = gate ? throttleSignalOf(error) : undefined;
      if (!gate || !signal) {
        const attempts = attemptsOf(error, maxAttempts);
        lane.spent(attempts);
        return { ok: false, error, attempts };
      }
      lane.spent(1);
      const strikes = await gate.throttled(key, signal);
      if (strikes >= maxAttempts) return { ok: false, error, attempts: strikes };
    }
  }
}

/** The run's units, each through `attempt`: a finished one is counted, a failed one dead-lettered. */
export class UnitLanes {
  /** The gate, attempts and request count every unit of the run goes through (the standings too). */
  readonly lane: LaneOptions;
  readonly activities: UnitActivities['activities'];

  constructor(
    private readonly state: RunState,
    units: UnitActivities,
    /** What every unit's activity is given: the run, and where its responses come from. */
    readonly sourced: SourcedRun,
    gate: ThrottleGate | undefined,
  ) {
    this.activities = units.activities;
    this.lane = {
      gate,
      maxAttempts: units.maxAttempts,
      spent: (requests) => state.spent(units.requestsOf(requests)),
    };
  }

  /** Runs `refs` with at most `concurrency` in flight. */
  async runAll(refs: readonly UnitRef[], concurrency: number): Promise<void> {
    await mapWithConcurrency(refs, concurrency, (ref) => this.run(ref));
  }

  async run(ref: UnitRef): Promise<UnitSummary | undefined> {
    try {
      const result = await attempt(
        unitName(ref),
        () => startUnit(this.activities, this.sourced, ref),
        this.lane,
      );
      if (result.ok) return this.state.unitDone(result.value);
      await this.deadLetter(ref, result.error, result.attempts);
      return undefined;
    } finally {
      this.state.publish();
    }
  }

  /** A unit not run (what it needs failed): dead-lettered with no attempt, so a redrive runs it. */
  async skip(ref: UnitRef, reason: unknown): Promise<void> {
    try {
      await this.deadLetter(ref, reason, 0);
    } finally {
      this.state.publish();
    }
  }

  private async deadLetter(ref: UnitRef, err: unknown, attempts: number): Promise<void> {
    const { errorType, message } = this.state.unitFailed(ref, err);
    const { run } = this.state;
    log.error('unit failed after its retries', {
      season: run.season,
      seasonType: run.seasonType,
      ...ref,
      errorType,
      message,
    });
    await bookkeeping.recordDeadLetter({ ...run, ...ref, errorType, errorMessage: message, attempts });
  }
}
