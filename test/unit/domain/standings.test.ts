import { describe, expect, it } from 'vitest';
import {
  describeStandings,
  parseAsOf,
  standingsMoment,
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
  const full = { season: '2026-27', seasonType: 'Regular Season', fullScope: true, now: NOW } as const;

  it('a full regular-season run is reconciled at its as-of day, else today (US Eastern)', () => {
    const inProgress = { ...full, season: '2025-26' };
    expect(standingsScope({ ...inProgress, asOf: '2026-02-21' })).toEqual({
      reconcile: true,
      asOf: '2026-02-21',
    });
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
    expect(standingsScope({ ...full, intervalEnd: '2026-11-30' })).toEqual({
      reconcile: false,
      reason: "the run's interval ends 2026-11-30, before the standings' moment 2026-12-01",
    });
    expect(standingsScope({ ...full, intervalEnd: '2026-12-01' })).toEqual({
      reconcile: true,
      asOf: '2026-12-01',
    });
    // an interval of a complete season: its final standings are a whole-season run's to reconcile
    expect(standingsScope({ ...full, season: '2023-24', intervalEnd: '2024-04-14' })).toEqual({
      reconcile: false,
      reason:
        'an interval run of the complete season 2023-24: a run over the whole season reconciles its final standings',
    });
    expect(
      standingsScope({ ...full, season: '2025-26', asOf: '2026-02-21', intervalEnd: '2026-02-21' }),
    ).toEqual({
      reconcile: true,
      asOf: '2026-02-21',
    });
  });
});

describe('standingsMoment', () => {
  it("a complete season is reconciled as of its last loaded regular-season day, not the run's", () => {
    expect(standingsMoment('2023-24', '2026-12-01', '2024-04-14')).toBe('2024-04-14');
    expect(standingsMoment('2019-20', '2026-12-01', '2020-08-14')).toBe('2020-08-14'); // the bubble
  });

  it('a season in progress keeps its as-of day; no games loaded keeps it too', () => {
    expect(standingsMoment('2025-26', '2026-02-21', '2026-02-21')).toBe('2026-02-21');
    expect(standingsMoment('2025-26', '2026-06-01', '2026-04-12')).toBe('2026-06-01'); // complete in October
    expect(standingsMoment('2023-24', '2026-12-01', undefined)).toBe('2026-12-01');
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
