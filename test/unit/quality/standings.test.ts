import { describe, expect, it } from 'vitest';
import { compareStandings, reconcileStandings } from '../../../quality/standings.js';

const GSW = 1610612744;
const LAL = 1610612747;
const OKC = 1610612760;
const official = [
  { teamId: GSW, wins: 29, losses: 27 },
  { teamId: LAL, wins: 33, losses: 22 },
  { teamId: OKC, wins: 43, losses: 14 },
];

describe('compareStandings', () => {
  it('equal records: no mismatch, whatever the order', () => {
    expect(compareStandings([...official].reverse(), official)).toEqual([]);
  });

  it('names each differing team with both records; a team missing on one side counts as 0-0', () => {
    const loaded = [
      { teamId: GSW, wins: 28, losses: 28 },
      { teamId: LAL, wins: 34, losses: 21 },
    ];
    expect(compareStandings(loaded, official)).toEqual([
      { teamId: GSW, team: 'GSW', loaded: '28-28', official: '29-27' },
      { teamId: LAL, team: 'LAL', loaded: '34-21', official: '33-22' },
      { teamId: OKC, team: 'OKC', loaded: '0-0', official: '43-14' },
    ]);
  });
});

describe('reconcileStandings', () => {
  it('reconciled: a passed check, no anomaly', () => {
    const { verdict, check, anomalies } = reconcileStandings('2025-26', '2026-02-21', official, official);
    expect(verdict).toEqual({ status: 'reconciled', asOf: '2026-02-21', teams: 3 });
    expect(check).toMatchObject({ name: 'standings_reconciled', passed: true });
    expect(anomalies).toEqual([]);
  });

  it('one flipped game: a failed check and an anomaly naming both teams and both records', () => {
    const flipped = [
      { teamId: GSW, wins: 28, losses: 28 },
      { teamId: LAL, wins: 34, losses: 21 },
      official[2]!,
    ];
    const { verdict, check, anomalies } = reconcileStandings('2025-26', '2026-02-21', flipped, official);
    expect(verdict).toMatchObject({ status: 'mismatch', teams: 3 });
    expect(check.passed).toBe(false);
    expect(anomalies).toEqual([
      {
        kind: 'standings_mismatch',
        message:
          '2025-26 standings as of 2026-02-21 differ for 2 team(s): GSW 28-28 loaded, 29-27 on NBA.com; LAL 34-21 loaded, 33-22 on NBA.com',
        shortfall: 2,
      },
    ]);
  });

  it('a gap of dates before the moment: the anomaly says so', () => {
    const short = [{ teamId: GSW, wins: 20, losses: 20 }, official[1]!, official[2]!];
    const gaps = ['no games loaded before 2025-11-01'];
    const { anomalies } = reconcileStandings('2025-26', '2026-02-21', short, official, gaps);
    expect(anomalies[0]?.message).toBe(
      '2025-26 standings as of 2026-02-21 differ for 1 team(s) (no games loaded before 2025-11-01): GSW 20-20 loaded, 29-27 on NBA.com',
    );
  });

  it('standings listing no team never pass', () => {
    const { verdict, anomalies } = reconcileStandings('2025-26', '2026-02-21', [], []);
    expect(verdict).toMatchObject({ status: 'mismatch', teams: 0 });
    expect(anomalies[0]?.message).toBe('2025-26 standings as of 2026-02-21: NBA.com listed no team');
  });
});
