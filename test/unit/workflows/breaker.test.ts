import { describe, expect, it } from 'vitest';
import { Breaker, breakerOptionsFrom, ordinal } from '../../../workflows/breaker.js';

const timeout = { errorType: 'NbaTimeout' };
const options = { threshold: 3, minCooldownMs: 60_000, maxCooldownMs: 200_000 };

describe('Breaker', () => {
  it('trips after `threshold` throttles in a row; an answer in between resets the streak', () => {
    const b = new Breaker(options);
    expect(b.throttled('1/games', timeout, 0)).toEqual({ tripped: false, strikes: 1 });
    b.succeeded('2/games');
    expect(b.throttled('3/games', timeout, 0)).toEqual({ tripped: false, strikes: 1 });
    expect(b.throttled('4/games', timeout, 0).tripped).toBe(false);
    expect(b.throttled('5/games', timeout, 1_000)).toEqual({ tripped: true, strikes: 0 });
    expect(b.state).toBe('open');
    expect(b.until).toBe(61_000);
    expect(b.describe()).toBe('cooling down until 00:01:01 UTC (1st cooldown: 3 timeouts in a row)');
    // In flight at the trip: keeps its place.
    expect(b.throttled('6/games', timeout, 2_000)).toEqual({ tripped: false, strikes: 0 });
  });

  it('forgives the strikes of the units that tripped it, not of units throttled while others answered', () => {
    const b = new Breaker(options);
    b.throttled('lonely', timeout, 0);
    b.succeeded('other');
    expect(b.throttled('lonely', timeout, 0).strikes).toBe(2); // the API answers others: it counts
    b.throttled('a', timeout, 0);
    b.throttled('b', timeout, 0); // trips with lonely's third
    b.startProbe(60_000);
    b.probeAnswered();
    expect(b.throttled('lonely', timeout, 70_000).strikes).toBe(1);
  });

  it('doubles cooldowns up to the max, lets Retry-After win, and resets after an answered probe', () => {
    const b = new Breaker(options);
    b.throttled('x', { errorType: 'NbaRateLimited', retryAfterMs: 7_000 }, 0);
    expect(b.until).toBe(7_000); // one Retry-After trips at once, for as long as it says
    b.startProbe(7_000);
    b.probeThrottled(timeout, 9_000);
    expect(b.until - 9_000).toBe(120_000); // second cooldown: doubled
    b.startProbe(129_000);
    b.probeThrottled(timeout, 131_000);
    expect(b.until - 131_000).toBe(200_000); // capped
    expect(b.resume(140_000)).toBe(true);
    expect(b.until).toBe(140_000);
    b.startProbe(140_000);
    b.probeAnswered();
    expect(b.progress()).toEqual({ state: 'closed', cooldowns: 3, cooldownSeconds: 7 + 120 + 9 });
    for (const u of ['a', 'b', 'c']) b.throttled(u, timeout, 200_000);
    expect(b.until - 200_000).toBe(60_000); // back to the first cooldown
  });

  it('carries its level and totals across continue-as-new', () => {
    const b = new Breaker(options);
    for (const u of ['a', 'b', 'c']) b.throttled(u, { errorType: 'NbaAccessDenied' }, 0);
    expect(b.reason).toBe('3 403s Access Denied in a row');
    const next = new Breaker(options, b.snapshot());
    for (const u of ['a', 'b', 'c']) next.throttled(u, timeout, 0);
    expect(next.progress()).toMatchObject({ cooldowns: 2, until: new Date(120_000).toISOString() });
  });

  it('reads its options from workflow input, refusing nonsense', () => {
    expect(breakerOptionsFrom({})).toEqual({ threshold: 3, minCooldownMs: 60_000, maxCooldownMs: 3_600_000 });
    expect(breakerOptionsFrom({ nbaCooldownMinS: 2, nbaCooldownMaxS: 4 })).toMatchObject({
      minCooldownMs: 2_000,
      maxCooldownMs: 4_000,
    });
    expect(() => breakerOptionsFrom({ nbaCooldownMinS: 10, nbaCooldownMaxS: 5 })).toThrow(/nbaCooldownMinS/);
    expect(() => breakerOptionsFrom({ nbaThrottleThreshold: 0 })).toThrow(/nbaThrottleThreshold/);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal).join(' ')).toBe(
      '1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 101st',
    );
  });
});
