import { describe, expect, it } from 'vitest';
import {
  describeStandings,
  parseAsOf,
  standingsReconciled,
  standingsScope,
} from '../../../domain/standings.js';

const NOW = new Date('2026-12-01T08:00:00Z');

describe('parseAsOf', () => {
  it('accepts a day of the season up to today', () => {
    expect(parseAsOf('2026-02-21', '2025-26', NOW)).toBe('2026-02-21');
    expect(parseAsOf(' 2025-10-01 ', '2025-26', NOW)).toBe('2025-10-01');
    expect(parseAsOf('2020-08-14', '2019-20', NOW)).toBe('2020-08-14'); // the bubble's last regular-season day
  });

  it('names what is wrong', () => {
    expect(() => parseAsOf('22/02/2026', '2025-26', NOW)).toThrow(
      `asOf must be a date 'YYYY-MM-DD', got "22/02/2026"`,
    );
    expect(() => parseAsOf(20260222, '2025-26', NOW)).toThrow(
      "asOf must be a date 'YYYY-MM-DD', got 20260222",
    );
    expect(() => parseAsOf('2026-02-30', '2025-26', NOW)).toThrow("asOf '2026-02-30' is not a calendar day");
    expect(() => parseAsOf('2026-02-21', '2023-24', NOW)).toThrow(
      'asOf 2026-02-21 is not a day of season 2023-24 (2023-10-01 … 2024-09-30)',
    );
    expect(() => parseAsOf('2026-12-02', '2026-27', NOW)).toThrow(
      'asOf 2026-12-02 is in the future (today is 2026-12-01)',
    );
  });
});

describe('standingsScope', () => {
  const full = { seasonType: 'Regular Season', fullScope: true, now: NOW } as const;

  it('a full regular-season run is reconciled at its as-of day, else today (US Eastern)', () => {
    expect(standingsScope({ ...full, asOf: '2026-02-21' })).toEqual({ reconcile: true, asOf: '2026-02-21' });
    expect(standingsScope(full)).toEqual({ reconcile: true, asOf: '2026-12-01' });
    expect(standingsScope({ ...full, now: new Date('2026-12-01T03:00:00Z') })).toEqual({
      reconcile: true,
      asOf: '2026-11-30',
    });
  });

  it('other season types and partial runs are not applicable', () => {
    expect(standingsScope({ ...full, seasonType: 'Playoffs' })).toEqual({
      reconcile: false,
      reason: "standings are the regular season's, not the Playoffs's",
    });
    expect(standingsScope({ ...full, fullScope: false })).toMatchObject({ reconcile: false });
  });

  it('a run over an interval is held to the standings only when the interval reaches their moment', () => {
    // one past January day of a complete season cannot be held to its final standings
    expect(standingsScope({ ...full, intervalEnd: '2024-01-15' })).toEqual({
      reconcile: false,
      reason: "the run's interval ends 2024-01-15, before the standings' moment 2026-12-01",
    });
    expect(standingsScope({ ...full, asOf: '2026-02-21', intervalEnd: '2026-02-21' })).toEqual({
      reconcile: true,
      asOf: '2026-02-21',
    });
  });
});

describe('standingsReconciled (ingest status)', () => {
  it('true, false, or null where not applicable, unavailable or never checked', () => {
    expect(standingsReconciled({ status: 'reconciled', asOf: '2026-02-21', teams: 30 })).toBe(true);
    expect(standingsReconciled({ status: 'mismatch', asOf: '2026-02-21', teams: 30, mismatches: [] })).toBe(
      false,
    );
    expect(standingsReconciled({ status: 'not_applicable', reason: 'a partial run' })).toBeNull();
    expect(standingsReconciled({ status: 'unavailable', reason: 'NbaTimeout' })).toBeNull();
    expect(standingsReconciled(undefined)).toBeNull();
  });
});

describe('describeStandings (run summary, Web UI details)', () => {
  it('one line per verdict, naming the teams that differ', () => {
    expect(describeStandings({ status: 'reconciled', asOf: '2026-02-21', teams: 30 })).toBe(
      'reconciled with NBA.com as of 2026-02-21 (30 teams)',
    );
    expect(
      describeStandings({
        status: 'mismatch',
        asOf: '2026-02-21',
        teams: 30,
        mismatches: [{ teamId: 1610612744, team: 'GSW', loaded: '28-28', official: '29-27' }],
      }),
    ).toBe('differ from NBA.com as of 2026-02-21: GSW 28-28 loaded, 29-27 on NBA.com');
    expect(describeStandings({ status: 'not_applicable', reason: 'a partial run' })).toBe(
      'not applicable: a partial run',
    );
  });
});
