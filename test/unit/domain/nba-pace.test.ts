import { describe, expect, it } from 'vitest';
import { nextPace, PACE, PACER_IDENTITY, paceReason, type QueueRate } from '../../../domain/nba-pace.js';

const NOW = Date.parse('2026-02-21T12:00:00Z');
const STRETCH_MS = 30_000;
const settings = { maxRps: 10, stretchMs: STRETCH_MS };
const paced = (rps: number, reason: string, agoMs: number): QueueRate => ({
  rps,
  setBy: PACER_IDENTITY,
  reason,
  updatedAt: NOW - agoMs,
});

describe('the pacing rule (AIMD)', () => {
  it('halves the rate in force on a trip, from the workers’ own rate when no queue limit is set', () => {
    const decision = nextPace({ rps: undefined }, 'trip', settings, NOW);
    expect(decision).toMatchObject({ change: true, rps: 5, from: 10, ceilingRps: 7.5 });
    expect(decision.change && decision.reason).toBe(
      'nba-ingest pace: slower 10/s → 5/s (the breaker tripped)',
    );
  });

  it('halves once per cutoff: a second run tripping on it within a stretch leaves the rate alone', () => {
    const justLowered = paced(5, paceReason('slower', 10, 5, 'the breaker tripped'), 2_000);
    expect(nextPace(justLowered, 'trip', settings, NOW)).toMatchObject({
      change: false,
      rps: 5,
      again: true,
    });
    // … but a trip soon after a step up is a new cutoff.
    const justRaised = paced(5.5, paceReason('faster', 5, 5.5, '30 s of clean answers'), 2_000);
    expect(nextPace(justRaised, 'trip', settings, NOW)).toMatchObject({ change: true, rps: 2.75 });
  });

  it('never goes below one step, 1/20 of the maximum', () => {
    const slowest = settings.maxRps * PACE.minShareOfMax;
    const lowered = paced(0.8, paceReason('slower', 1.6, 0.8, 'x'), 60_000);
    expect(nextPace(lowered, 'trip', settings, NOW)).toMatchObject({ change: true, rps: slowest });
    const atFloor = paced(slowest, paceReason('slower', 0.8, slowest, 'x'), 60_000);
    expect(nextPace(atFloor, 'trip', settings, NOW)).toMatchObject({ change: false, rps: slowest });
  });

  it('adds 1/20 of the maximum after a clean stretch, never above the maximum', () => {
    const low = paced(1.25, paceReason('slower', 2.5, 1.25, 'the breaker tripped'), STRETCH_MS);
    expect(nextPace(low, 'clean', settings, NOW)).toMatchObject({ change: true, rps: 1.75, from: 1.25 });
    const nearTop = paced(9.8, paceReason('faster', 9.3, 9.8, 'x'), STRETCH_MS);
    expect(nextPace(nearTop, 'clean', settings, NOW)).toMatchObject({ change: true, rps: 10 });
    expect(nextPace(paced(10, 'x', STRETCH_MS), 'clean', settings, NOW)).toMatchObject({
      change: false,
      again: false,
    });
    expect(nextPace({ rps: undefined }, 'clean', settings, NOW)).toMatchObject({ change: false, rps: 10 });
  });

  it('steps up once per stretch for the whole fleet, and not past the run’s ceiling', () => {
    const raised = paced(1.75, paceReason('faster', 1.25, 1.75, 'x'), STRETCH_MS - 1);
    expect(nextPace(raised, 'clean', settings, NOW)).toMatchObject({ change: false, again: true });
    const ceiling = { ...settings, ceilingRps: 1.875 };
    const older = { ...raised, updatedAt: NOW - STRETCH_MS };
    expect(nextPace(older, 'clean', ceiling, NOW)).toMatchObject({ change: true, rps: 1.875 });
    expect(nextPace({ ...older, rps: 1.875 }, 'clean', ceiling, NOW)).toMatchObject({
      change: false,
      again: false,
    });
  });

  it('comes down to the maximum when NBA_RATE_LIMIT_PER_SEC was lowered under a paced rate', () => {
    expect(nextPace(paced(10, 'x', 0), 'clean', { ...settings, maxRps: 2 }, NOW)).toMatchObject({
      change: true,
      rps: 2,
    });
  });

  it('leaves a rate set by hand alone, on trips and on clean stretches, and says who set it', () => {
    const byHand: QueueRate = {
      rps: 3,
      setBy: 'ana@ops temporal-cli',
      reason: 'NBA asked us',
      updatedAt: NOW,
    };
    for (const event of ['trip', 'clean'] as const) {
      const decision = nextPace(byHand, event, settings, NOW);
      expect(decision).toMatchObject({ change: false, rps: 3, heldByOperator: true, again: true });
      expect(!decision.change && decision.why).toContain('ana@ops temporal-cli');
    }
    // Unset again (`--queue-rps-limit default`): the pacer's to move, from the workers' own rate.
    const released: QueueRate = { rps: undefined, setBy: 'ana@ops temporal-cli', updatedAt: NOW };
    expect(nextPace(released, 'trip', settings, NOW)).toMatchObject({ change: true, rps: 5 });
  });
});
