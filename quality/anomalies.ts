/**
 * Anomalies turn a run's status to `anomalous`: a complete season short of its expected games,
 * markedly fewer rows than the previous run of the same season, or standings that differ from the
 * loaded games (quality/standings.ts), or player lines that do not add up to their team's
 * (quality/player-checks.ts).
 */
import type { LoadCounts } from '../domain/records.js';
import { MIN_ROWS_VS_PREVIOUS_RUN } from './expectations.js';
import type { QualityCheck } from './checks.js';

export interface Anomaly {
  kind: 'game_shortfall' | 'fewer_rows_than_previous_run' | 'standings_mismatch' | 'player_lines_mismatch';
  message: string;
  shortfall: number;
}

/**
 * Fact rows a run saw (inserted + updated + unchanged): its team_game_stats rows, two per game however
 * the games were fetched. Matches are left out: per team each game is seen by both teams' units,
 * league-wide once, so counting them would make a league-wide run look like a shortfall.
 */
export function factRowsSeen(counts: LoadCounts): number {
  const c = counts.team_game_stats;
  return c ? c.inserted + c.updated + c.unchanged : 0;
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
