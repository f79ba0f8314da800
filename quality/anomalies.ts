/**
 * Anomalies turn a run's status to `anomalous`: a complete season short of its expected games, or
 * markedly fewer rows than the previous run of the same season.
 */
import type { LoadCounts } from '../domain/records.js';
import { MIN_ROWS_VS_PREVIOUS_RUN } from './expectations.js';
import type { QualityCheck } from './checks.js';

export interface Anomaly {
  kind: 'game_shortfall' | 'fewer_rows_than_previous_run';
  message: string;
  shortfall: number;
}

/** Rows a run saw (inserted + updated + unchanged) in the fact tables. */
export function factRowsSeen(counts: LoadCounts): number {
  return (['matches', 'team_game_stats'] as const).reduce((n, t) => {
    const c = counts[t];
    return n + (c ? c.inserted + c.updated + c.unchanged : 0);
  }, 0);
}

export function findAnomalies(opts: {
  season: string;
  checks: QualityCheck[];
  rowsSeen: number;
  previousRowsSeen: number | undefined;
}): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const gameCount = opts.checks.find((c) => c.name === 'game_count');
  if (gameCount && !gameCount.passed && typeof gameCount.expected === 'number') {
    const observed = (gameCount.observed as { complete: number }).complete;
    if (observed < gameCount.expected) {
      const shortfall = gameCount.expected - observed;
      anomalies.push({
        kind: 'game_shortfall',
        message: `${opts.season} has ${observed} complete games, expected ${gameCount.expected}: ${shortfall} short`,
        shortfall,
      });
    }
  }
  if (opts.previousRowsSeen && opts.rowsSeen < opts.previousRowsSeen * MIN_ROWS_VS_PREVIOUS_RUN) {
    anomalies.push({
      kind: 'fewer_rows_than_previous_run',
      message: `${opts.season}: this run saw ${opts.rowsSeen} fact rows, the previous run ${opts.previousRowsSeen}`,
      shortfall: opts.previousRowsSeen - opts.rowsSeen,
    });
  }
  return anomalies;
}
