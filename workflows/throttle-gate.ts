/**
 * How a run's lanes share one breaker (workflows/breaker.ts).
 *
 * Why workflow state and not a breaker workflow, a lock activity or server-side retries: the
 * lanes of a run already live in one deterministic workflow, so the breaker costs no request,
 * no extra execution and no history events while closed; its cooldown is a durable timer (a
 * worker restart or an hour's wait costs nothing); and `condition()` parks every lane at once.
 * For that the NBA activities do not retry throttling signals themselves (they are listed as
 * non-retryable in the activity options): the workflow sees each one and decides. A backfill holds
 * the breaker for all its children (workflows/shared-breaker.ts), which only report to it.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineSignal,
  log,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { nbaTaskQueueFor } from '../domain/task-queues.js';
import { isThrottlingError } from '../nba/errors.js';
import type { Breaker, ThrottleSignal } from './breaker.js';
import { FleetPacer } from './nba-pacer.js';

/** Ends the current cooldown at once: the probe goes out now (`npm run ingest -- resume …`). */
export const resumeSignal = defineSignal('resume');

/** The throttling signal an activity failure carries, or undefined for any other failure. */
export function throttleSignalOf(err: unknown): ThrottleSignal | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  if (!isThrottlingError(cause.type)) return undefined;
  const detail = cause.details?.[0] as { retryAfterMs?: unknown } | undefined;
  return {
    errorType: cause.type as string,
    ...(typeof detail?.retryAfterMs === 'number' ? { retryAfterMs: detail.retryAfterMs } : {}),
  };
}

/** The breaker's probe: one request on the rate-limited NBA queue, never retried, nothing landed. */
export function probeNbaApi(season: string, teamId: number): Promise<void> {
  const { probeNbaApi: probe } = proxyActivities<Activities>({
    taskQueue: nbaTaskQueueFor(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 1 },
    summary: 'probe · NBA API',
  });
  return probe({ season, teamId });
}

/** What a lane needs: wait for a permit, report throttles and answers. */
export interface ThrottleGate {
  /** Resolves when requests may go out. */
  ready(): Promise<void>;
  /**
   * Reports a throttled request; resolves, once the breaker has decided, with the unit's strikes
   * (0: it keeps its place).
   */
  throttled(unit: string, signal: ThrottleSignal): Promise<number>;
  succeeded(unit: string): void;
  /** Ends a cooldown now. */
  resume(): void;
}

export interface OwnedBreakerHooks {
  /** Exactly one cheap request; throws the activity's failure. */
  probe: () => Promise<void>;
  /** Called at every change of state (trip, probe, resume): publish status and details. */
  changed: () => void;
}

/**
 * The breaker this workflow holds: lanes wait on it, `supervise` runs its cooldowns and probes, and
 * paces the fleet (workflows/nba-pacer.ts): each trip lowers the NBA rate, each stretch of clean
 * answers (as long as the first cooldown) may raise it.
 */
export class OwnedBreaker implements ThrottleGate {
  private readonly pacer: FleetPacer;

  constructor(
    readonly breaker: Breaker,
    private readonly hooks: OwnedBreakerHooks,
  ) {
    this.pacer = new FleetPacer(breaker.settleMs, (note) => {
      breaker.paceNote = note;
      hooks.changed();
    });
  }

  ready(): Promise<void> {
    return condition(() => this.breaker.state === 'closed');
  }

  async throttled(unit: string, signal: ThrottleSignal): Promise<number> {
    const strikes = this.report(unit, signal);
    // Below the threshold: wait for the verdict (a trip, or an answer elsewhere ending the streak)
    // rather than knock again at once; after the minimum cooldown, go anyway.
    if (strikes > 0)
      await condition(
        () => this.breaker.state !== 'closed' || !this.breaker.streaking,
        this.breaker.settleMs,
      );
    return strikes;
  }

  /** Counts a throttled request (announcing a trip); returns the unit's strikes. */
  report(unit: string, signal: ThrottleSignal): number {
    const { tripped, strikes } = this.breaker.throttled(unit, signal, Date.now());
    if (tripped) this.announceTrip();
    return strikes;
  }

  succeeded(unit: string): void {
    this.breaker.succeeded(unit);
  }

  resume(): void {
    if (this.breaker.resume(Date.now())) log.info('NBA API breaker: cooldown ended by resume');
  }

  /**
   * Runs until `finished()`: waits for a trip, sleeps the cooldown durably, probes once; between
   * trips, reports each clean stretch to the pacer.
   */
  async supervise(finished: () => boolean): Promise<void> {
    try {
      await this.superviseUntil(finished);
    } finally {
      await this.pacer.settled();
    }
  }

  /** Resolves true when the breaker opens or the run is finished; false when a clean stretch went by. */
  private async untilTripOrStretch(finished: () => boolean): Promise<boolean> {
    const stops = (): boolean => this.breaker.state === 'open' || finished();
    if (!this.pacer.climbing) {
      await condition(stops);
      return true;
    }
    return condition(stops, this.pacer.stretchMs);
  }

  private async superviseUntil(finished: () => boolean): Promise<void> {
    const { breaker } = this;
    for (;;) {
      if (!(await this.untilTripOrStretch(finished))) {
        // A stretch with a throttling streak under way was not clean.
        if (!breaker.streaking) await this.pacer.clean();
        continue;
      }
      if (finished()) return;
      // A durable timer; `resume` moves `until` to now and wakes it.
      let until = breaker.until;
      while (Date.now() < until && !finished()) {
        await condition(() => breaker.until !== until || finished(), until - Date.now());
        until = breaker.until;
      }
      if (finished()) return;
      breaker.startProbe(Date.now());
      log.info('NBA API breaker: probing', { cooldowns: breaker.progress().cooldowns });
      this.hooks.changed();
      try {
        await this.hooks.probe();
        breaker.probeAnswered();
      } catch (err) {
        const signal = throttleSignalOf(err);
        // Any answer but throttling (a 5xx, an odd body) means the API talks to us again.
        if (signal) {
          breaker.probeThrottled(signal, Date.now());
          // Still the same cutoff: the rate already came down when it began.
          this.announceTrip({ pace: false });
          continue;
        }
        breaker.probeAnswered();
      }
      log.info('NBA API breaker: resumed', { ...breaker.progress() });
      this.hooks.changed();
    }
  }

  private announceTrip({ pace }: { pace: boolean } = { pace: true }): void {
    log.warn(`NBA API breaker tripped: ${this.breaker.describe()}`, { ...this.breaker.progress() });
    this.hooks.changed();
    if (pace) this.pacer.tripped();
  }
}
