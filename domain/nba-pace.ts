/**
 * The pace of the fleet's NBA requests (issue 22, item 3): additive increase, multiplicative
 * decrease (AIMD), as TCP finds a link's capacity without being told it. stats.nba.com publishes no
 * limit, so the pipeline learns one: each trip of the breaker halves the rate; every stretch of clean
 * answers adds a small step; never above NBA_RATE_LIMIT_PER_SEC (the configured maximum).
 *
 * The rate lives in the NBA task queue's own config (UpdateTaskQueueConfig, what `temporal task-queue
 * config set --queue-rps-limit` calls): it is the actuator every worker already obeys, the Temporal
 * server keeps it durably (runs, workers and their restarts come and go; the next backfill starts
 * from it), and its metadata records who set it, when and why. That last part is what lets the pacer
 * respect an operator: a rate whose `update_identity` is not PACER_IDENTITY was set by hand, and the
 * pacer leaves it alone until it is unset (`--queue-rps-limit default`). No pacer workflow, no table:
 * one source for the rate, read where it is enforced.
 *
 * Pure: the caller passes the queue's current config and the time.
 */

/** The identity the pacer writes the queue's config with; any other identity is an operator's. */
export const PACER_IDENTITY = 'nba-ingest pacer';

export const PACE = {
  /** A trip halves the rate. */
  decreaseFactor: 0.5,
  /** A stretch of clean answers adds this share of the maximum (1/20: 0.05/s at the default 1/s). */
  increaseShareOfMax: 0.05,
  /** Within a run, increases stop short of where the API last cut us off: ¾ of the rate that tripped. */
  ceilingShareOfTripRate: 0.75,
  /** Never below one step (1/20 of the maximum): slower than that needs a person, not a pacer. */
  minShareOfMax: 0.05,
} as const;

/** The NBA queue's rate limit as its config says. */
export interface QueueRate {
  /** The queue-wide limit, or undefined when none is set (the workers' own, NBA_RATE_LIMIT_PER_SEC, holds). */
  rps: number | undefined;
  /** The identity of whoever last set it. */
  setBy?: string | undefined;
  reason?: string | undefined;
  /** ms since epoch */
  updatedAt?: number | undefined;
}

export type PaceEvent = 'trip' | 'clean';

export interface PaceSettings {
  /** NBA_RATE_LIMIT_PER_SEC: the rate the workers are started with and the pacer's ceiling. */
  maxRps: number;
  /** How long answers must stay clean before a step up; also how long one cutoff counts as one trip. */
  stretchMs: number;
  /** This run's ceiling (¾ of the rate its breaker last tripped at), if it tripped. */
  ceilingRps?: number | undefined;
}

export type PaceDecision =
  | { change: true; rps: number; from: number; reason: string; ceilingRps?: number }
  | {
      change: false;
      rps: number;
      why: string;
      /** Worth asking again after another stretch (another run moved it, or a person holds it). */
      again: boolean;
      heldByOperator?: boolean;
      ceilingRps?: number;
    };

const REASON_PREFIX = 'nba-ingest pace:';

/** Rates are kept to 3 decimals: the config and the logs stay readable. */
const round = (rps: number): number => Math.round(rps * 1000) / 1000;

export function formatRps(rps: number): string {
  return `${round(rps)}/s`;
}

/** The reason the pacer writes, e.g. "nba-ingest pace: slower 5/s → 2.5/s (the breaker tripped)". */
export function paceReason(direction: 'slower' | 'faster', from: number, to: number, why: string): string {
  return `${REASON_PREFIX} ${direction} ${formatRps(from)} → ${formatRps(to)} (${why})`;
}

function lastDirection(reason: string | undefined): 'slower' | 'faster' | undefined {
  const match = reason?.startsWith(REASON_PREFIX) ? /^\S+ pace: (slower|faster)/.exec(reason) : null;
  return (match?.[1] as 'slower' | 'faster' | undefined) ?? undefined;
}

/** Whether the rate in force was set by hand (by anyone but the pacer). */
export function heldByOperator(rate: QueueRate): boolean {
  return rate.rps !== undefined && rate.setBy !== PACER_IDENTITY;
}

/** The rate in force: the queue's limit, else the workers' own. */
export function rateInForce(rate: QueueRate, maxRps: number): number {
  return rate.rps ?? maxRps;
}

/** What the pacer does about `event`, given the queue's config now. */
export function nextPace(
  rate: QueueRate,
  event: PaceEvent,
  settings: PaceSettings,
  now: number,
): PaceDecision {
  const current = rateInForce(rate, settings.maxRps);
  const hold = (
    why: string,
    again: boolean,
    extra: { heldByOperator?: boolean; ceilingRps?: number } = {},
  ): PaceDecision => ({ change: false, rps: current, why, again, ...extra });
  if (heldByOperator(rate))
    return hold(
      `set by hand by ${rate.setBy || 'an unnamed client'}${rate.reason ? ` (${rate.reason})` : ''}`,
      true,
      {
        heldByOperator: true,
      },
    );
  const sinceChange = rate.updatedAt === undefined ? Infinity : now - rate.updatedAt;
  const from = Math.min(current, settings.maxRps);

  if (event === 'trip') {
    // Runs tripping on the same cutoff: the first one's halving answers it for all.
    if (lastDirection(rate.reason) === 'slower' && sinceChange < settings.stretchMs)
      return hold(`lowered ${Math.round(sinceChange / 1000)} s ago for this cutoff`, true, {
        ceilingRps: round((current / PACE.decreaseFactor) * PACE.ceilingShareOfTripRate),
      });
    const minRps = settings.maxRps * PACE.minShareOfMax;
    const to = round(Math.max(minRps, from * PACE.decreaseFactor));
    const ceilingRps = round(from * PACE.ceilingShareOfTripRate);
    if (to >= current) return hold(`at the minimum ${formatRps(minRps)}`, true, { ceilingRps });
    return {
      change: true,
      rps: to,
      from: current,
      reason: paceReason('slower', current, to, 'the breaker tripped'),
      ceilingRps,
    };
  }

  if (current > settings.maxRps)
    return {
      change: true,
      rps: settings.maxRps,
      from: current,
      reason: paceReason('slower', current, settings.maxRps, 'above NBA_RATE_LIMIT_PER_SEC'),
    };
  if (current >= settings.maxRps) return hold('at NBA_RATE_LIMIT_PER_SEC', false);
  // One step per stretch for the whole fleet, however many runs ask.
  if (sinceChange < settings.stretchMs) return hold(`changed ${Math.round(sinceChange / 1000)} s ago`, true);
  const ceiling = Math.min(settings.maxRps, settings.ceilingRps ?? Infinity);
  const to = round(Math.min(ceiling, current + settings.maxRps * PACE.increaseShareOfMax));
  if (to <= current)
    return hold(`at this run's ceiling ${formatRps(ceiling)}, ¾ of the rate that last tripped`, false);
  const why = `${Math.round(settings.stretchMs / 1000)} s of clean answers`;
  return { change: true, rps: to, from: current, reason: paceReason('faster', current, to, why) };
}
