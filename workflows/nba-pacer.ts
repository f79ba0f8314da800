/**
 * The fleet's NBA pace as one run moves it (domain/nba-pace.ts has the rule and says why the rate
 * lives in the NBA queue's config): the run holding a breaker reports each trip, and each stretch of
 * clean answers, to the `paceNbaRate` activity, which reads the queue's config and writes the new
 * rate. The workflow keeps only what is this run's: its ceiling (¾ of the rate it last tripped at)
 * and whether another step up is worth asking for.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { PaceOutcome } from '../activities/nba-pace.js';
import { formatRps, type PaceEvent } from '../domain/nba-pace.js';

/** On the workflow's own queue, never behind the rate-limited NBA queue it paces. */
const { paceNbaRate } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
  summary: 'pace · NBA rate',
});

function noteOf(outcome: PaceOutcome): string {
  if (outcome.change)
    return `NBA rate ${formatRps(outcome.rps)} (paced ${outcome.rps > outcome.from ? 'up' : 'down'} from ${formatRps(outcome.from)})`;
  if (outcome.heldByOperator)
    return `NBA rate ${formatRps(outcome.rps)}, set by hand by ${outcome.setBy ?? 'someone'}`;
  return `NBA rate ${formatRps(outcome.rps)}`;
}

export class FleetPacer {
  /** Whether a stretch of clean answers may still move the rate (not at the maximum or the ceiling). */
  climbing = true;
  private ceilingRps: number | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    /** How long answers stay clean before a step up: the breaker's first cooldown. */
    readonly stretchMs: number,
    private readonly changed: (note: string) => void,
  ) {}

  /** The breaker tripped: lower the fleet's rate (in order with any report before it). */
  tripped(): void {
    this.pending = this.pending.then(() => this.pace('trip'));
  }

  /** A stretch went by without a trip: maybe one step up. */
  clean(): Promise<void> {
    this.pending = this.pending.then(() => this.pace('clean'));
    return this.pending;
  }

  /** Resolves when every report so far has been answered. */
  settled(): Promise<void> {
    return this.pending;
  }

  private async pace(event: PaceEvent): Promise<void> {
    let outcome: PaceOutcome | undefined;
    try {
      outcome = await paceNbaRate({
        event,
        stretchMs: this.stretchMs,
        ...(this.ceilingRps !== undefined ? { ceilingRps: this.ceilingRps } : {}),
      });
    } catch (err) {
      // Pacing is advice: a run never fails because the queue's config could not be read or set.
      log.warn('NBA rate unchanged: the task queue config could not be read or set', {
        error: (err as Error).message,
      });
      return;
    }
    if (!outcome) {
      this.climbing = false; // a worker without a Temporal connection for its activities: nothing paced
      return;
    }
    if (outcome.ceilingRps !== undefined) this.ceilingRps = outcome.ceilingRps;
    this.climbing = event === 'trip' || outcome.change || outcome.again;
    this.changed(noteOf(outcome));
  }
}
