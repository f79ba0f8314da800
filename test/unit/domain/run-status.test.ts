/** The final-status rule (domain/run-status.ts): a run whose games did not load has failed. */
import { describe, expect, it } from 'vitest';
import { runVerdict, type RunTally } from '../../../domain/run-status.js';

const clean: RunTally = {
  games: { units: 30, failed: 0 },
  teams: { total: 30, failed: 0 },
  failures: 0,
  anomalies: 0,
};

describe('runVerdict', () => {
  it('nothing failed, nothing missing: completed', () => {
    expect(runVerdict(clean)).toEqual({ status: 'completed' });
  });

  it('data missing with no failure to show for it: anomalous', () => {
    expect(runVerdict({ ...clean, anomalies: 1 })).toEqual({ status: 'anomalous' });
  });

  it('some teams failed: completed_with_failures (their dead letters explain the shortfall)', () => {
    expect(
      runVerdict({
        ...clean,
        games: { units: 30, failed: 2 },
        teams: { total: 30, failed: 2 },
        failures: 2,
        anomalies: 1,
      }),
    ).toEqual({ status: 'completed_with_failures' });
  });

  it('a league-wide or daily run whose one games unit is dead-lettered: failed, saying why', () => {
    const verdict = runVerdict({
      games: { units: 1, failed: 1 },
      teams: { total: 30, failed: 0 },
      failures: 1,
      anomalies: 0,
    });
    expect(verdict.status).toBe('failed');
    expect(verdict.reason).toBe('the games did not load (1 of 1 games unit dead-lettered)');
  });

  it('a redrive of two intervals of which one loads: completed_with_failures', () => {
    expect(
      runVerdict({
        games: { units: 2, failed: 1 },
        teams: { total: 0, failed: 0 },
        failures: 1,
        anomalies: 0,
      }),
    ).toEqual({ status: 'completed_with_failures' });
  });

  it('every team failed (their rosters, the games loaded): failed', () => {
    expect(
      runVerdict({
        ...clean,
        teams: { total: 30, failed: 30 },
        failures: 30,
        games: { units: 1, failed: 0 },
      }),
    ).toEqual({ status: 'failed', reason: 'every team failed (30 of 30)' });
  });

  it('a roster-only redrive whose every unit failed: failed', () => {
    expect(
      runVerdict({
        games: { units: 0, failed: 0 },
        teams: { total: 2, failed: 2 },
        failures: 2,
        anomalies: 0,
      }).status,
    ).toBe('failed');
  });
});
