/**
 * The run's circuit breaker for the NBA API: pure, deterministic state (no Temporal, no clock of
 * its own: callers pass `now`), so it lives in workflow state and replays exactly.
 *
 *   closed ──(threshold throttles in a row, or one Retry-After)──▶ open (cooldown)
 *   open ──(cooldown over, or resume)──▶ probing ──(probe answered)──▶ closed
 *                                               └─(probe throttled)──▶ open (next, doubled cooldown)
 *
 * Cooldowns double from min to max; a Retry-After wins. Units whose throttles tripped the breaker,
 * or that were in flight when it tripped, keep their place: only throttles while the API keeps
 * answering others count as strikes against a unit (so a unit that alone hangs still dead-letters).
 */
import { DEFAULT_COOLDOWN_MAX_S, DEFAULT_COOLDOWN_MIN_S } from '../domain/defaults.js';

export interface BreakerOptions {
  /** Throttling signals in a row (no success in between) that trip the breaker. */
  threshold: number;
  minCooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_BREAKER_THRESHOLD = 3;

export type BreakerState = 'closed' | 'open' | 'probing';

export class BreakerInputError extends Error {
  override readonly name = 'BreakerInputError';
}

/** Breaker settings from a workflow's input (the CLI passes NBA_COOLDOWN_MIN_S/MAX_S); throws on bad values. */
export function breakerOptionsFrom(input: {
  nbaCooldownMinS?: number | undefined;
  nbaCooldownMaxS?: number | undefined;
  nbaThrottleThreshold?: number | undefined;
}): BreakerOptions {
  const minS = input.nbaCooldownMinS ?? DEFAULT_COOLDOWN_MIN_S;
  const maxS = input.nbaCooldownMaxS ?? Math.max(minS, DEFAULT_COOLDOWN_MAX_S);
  const threshold = input.nbaThrottleThreshold ?? DEFAULT_BREAKER_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new BreakerInputError(`nbaThrottleThreshold must be a whole number ≥ 1, got ${threshold}`);
  if (!(minS > 0) || !(maxS >= minS))
    throw new BreakerInputError(
      `cooldowns must satisfy 0 < nbaCooldownMinS ≤ nbaCooldownMaxS, got ${minS} and ${maxS}`,
    );
  return { threshold, minCooldownMs: minS * 1000, maxCooldownMs: maxS * 1000 };
}

export interface ThrottleSignal {
  /** THROTTLING_NBA_ERRORS type, e.g. 'NbaTimeout' */
  errorType: string;
  /** The server's Retry-After, when it gave one. */
  retryAfterMs?: number;
}

/** What the `progress` query, the run record and the metrics show about cooldowns. */
export interface CooldownProgress {
  state: BreakerState;
  /** Cooldowns so far and the seconds actually waited in them. */
  cooldowns: number;
  cooldownSeconds: number;
  /** While open: when the cooldown ends (ISO) and why it began. */
  until?: string;
  reason?: string;
  /**
   * While not closed: one line for people, e.g. "cooling down until 14:05:30 UTC (3rd cooldown: …)";
   * once the run has paced the fleet, the NBA rate too.
   */
  note?: string;
}

/** Carried across continue-as-new: the doubling level and the totals. */
export interface BreakerSnapshot {
  level: number;
  cooldowns: number;
  cooldownMs: number;
}

const SIGNAL_NAMES: Record<string, [string, string]> = {
  NbaTimeout: ['timeout', 'timeouts'],
  NbaRateLimited: ['rate limit (429/503)', 'rate limits (429/503)'],
  NbaAccessDenied: ['403 Access Denied', '403s Access Denied'],
  NbaConnectionDropped: ['dropped connection', 'dropped connections'],
};

function describeSignals(counts: Map<string, number>): string {
  return [...counts]
    .map(([type, n]) => {
      const [one, many] = SIGNAL_NAMES[type] ?? [type, type];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

export class Breaker {
  state: BreakerState = 'closed';
  /** End of the current cooldown, ms since epoch. */
  until = 0;
  /** Why the current cooldown began, e.g. "4 timeouts in a row". */
  reason = '';
  /** The fleet's NBA rate as the run last moved or read it (workflows/nba-pacer.ts), e.g. "NBA rate 2.5/s …". */
  paceNote = '';
  private level: number;
  private cooldowns: number;
  private cooldownMs: number;
  private openedAt = 0;
  private readonly streak = new Map<string, number>();
  private readonly streakUnits = new Set<string>();
  private readonly strikes = new Map<string, number>();

  constructor(
    private readonly options: BreakerOptions,
    snapshot?: BreakerSnapshot,
  ) {
    this.level = snapshot?.level ?? 0;
    this.cooldowns = snapshot?.cooldowns ?? 0;
    this.cooldownMs = snapshot?.cooldownMs ?? 0;
  }

  /**
   * A request of `unit` was throttled. Returns the unit's strikes: 0 when it keeps its place
   * (it tripped the breaker, or the breaker was already open), else the throttles it took while
   * the API went on answering.
   */
  throttled(unit: string, signal: ThrottleSignal, now: number): { tripped: boolean; strikes: number } {
    if (this.state !== 'closed') return { tripped: false, strikes: 0 };
    this.streak.set(signal.errorType, (this.streak.get(signal.errorType) ?? 0) + 1);
    this.streakUnits.add(unit);
    const strikes = (this.strikes.get(unit) ?? 0) + 1;
    this.strikes.set(unit, strikes);
    const inARow = [...this.streak.values()].reduce((a, b) => a + b, 0);
    if (inARow < this.options.threshold && signal.retryAfterMs === undefined)
      return { tripped: false, strikes };
    for (const interrupted of this.streakUnits) this.strikes.delete(interrupted);
    this.trip(`${describeSignals(this.streak)} in a row`, signal.retryAfterMs, now);
    return { tripped: true, strikes: 0 };
  }

  /** A request of `unit` was answered: the streak ends, the unit's strikes are forgiven. */
  succeeded(unit: string): void {
    this.strikes.delete(unit);
    if (this.state !== 'closed') return; // an answer sent before the trip proves nothing now
    this.clearStreak();
  }

  /** How long a throttled lane waits for a verdict before going again: the first cooldown. */
  get settleMs(): number {
    return this.options.minCooldownMs;
  }

  /** Whether a throttling streak is under way (a child reports successes only then). */
  get streaking(): boolean {
    return this.streak.size > 0;
  }

  /** The cooldown is over (or was ended by `resume`): exactly one probe goes out. */
  startProbe(now: number): void {
    if (this.state !== 'open') return;
    this.cooldownMs += Math.max(0, now - this.openedAt);
    this.state = 'probing';
  }

  probeAnswered(): void {
    this.state = 'closed';
    this.level = 0;
    this.clearStreak();
  }

  probeThrottled(signal: ThrottleSignal, now: number): void {
    this.trip(`probe: ${describeSignals(new Map([[signal.errorType, 1]]))}`, signal.retryAfterMs, now);
  }

  /** Ends the current cooldown now (the `resume` command). Returns whether one was running. */
  resume(now: number): boolean {
    if (this.state !== 'open') return false;
    this.until = Math.min(this.until, now);
    return true;
  }

  progress(): CooldownProgress {
    return {
      state: this.state,
      cooldowns: this.cooldowns,
      cooldownSeconds: Math.round(this.cooldownMs / 1000),
      ...(this.state === 'open' ? { until: new Date(this.until).toISOString(), reason: this.reason } : {}),
      ...(this.state !== 'closed' || this.paceNote
        ? { note: [this.describe(), this.paceNote].filter(Boolean).join('; ') }
        : {}),
    };
  }

  /** "cooling down until 14:05:30 UTC (3rd cooldown: 4 timeouts in a row)" */
  describe(): string {
    if (this.state === 'closed') return '';
    if (this.state === 'probing') return `probing the NBA API after the ${ordinal(this.cooldowns)} cooldown`;
    const at = new Date(this.until).toISOString().slice(11, 19);
    return `cooling down until ${at} UTC (${ordinal(this.cooldowns)} cooldown: ${this.reason})`;
  }

  snapshot(): BreakerSnapshot {
    return { level: this.level, cooldowns: this.cooldowns, cooldownMs: this.cooldownMs };
  }

  private trip(reason: string, retryAfterMs: number | undefined, now: number): void {
    const doubled = Math.min(this.options.maxCooldownMs, this.options.minCooldownMs * 2 ** this.level);
    const cooldown = retryAfterMs ?? doubled;
    this.level += 1;
    this.cooldowns += 1;
    this.state = 'open';
    this.openedAt = now;
    this.until = now + cooldown;
    this.reason = reason;
    this.clearStreak();
  }

  private clearStreak(): void {
    this.streak.clear();
    this.streakUnits.clear();
  }
}
