/**
 * Bundled for the backfillSeasons unit test: the real backfillSeasons, and a stand-in for its child
 * ingestSeason whose result is derived from the season, so the test can tell each season's summary
 * apart, plus one season that fails and one that finishes with failures.
 */
import { ApplicationFailure, condition, workflowInfo } from '@temporalio/workflow';
import type { IngestSeasonInput, IngestSeasonResult } from '../../../../workflows/ingest-season.js';

export { backfillSeasons } from '../../../../workflows/backfill-seasons.js';

/** The child of this season fails (its workflow, not a team). */
export const FAILING_SEASON = '2015-16';
/** The child of this season completes with one failed team unit. */
export const PARTLY_FAILING_SEASON = '2016-17';

/** Games reported for a season: distinct per season (e.g. 2013-14 → 1013). */
export const standInGames = (season: string): number => 1000 + (Number(season.slice(0, 4)) % 100);

export async function ingestSeason(
  input: IngestSeasonInput & { holdOpen?: boolean },
): Promise<IngestSeasonResult> {
  // Started by the test under a season's id, to stand for a run already in progress.
  if (input.holdOpen) await condition(() => false);
  if (input.season === FAILING_SEASON) {
    throw ApplicationFailure.nonRetryable(`${input.season}: every request timed out`, 'NbaTimeout');
  }
  const games = standInGames(input.season);
  const partly = input.season === PARTLY_FAILING_SEASON;
  const failures = partly
    ? [{ teamId: 1610612737, unit: 'games' as const, errorType: 'NbaServerError', message: 'HTTP 503' }]
    : [];
  const { workflowId, runId } = workflowInfo();
  return {
    season: input.season,
    seasonType: input.seasonType ?? 'Regular Season',
    phase: 'done',
    status: partly ? 'completed_with_failures' : 'completed',
    teams: { total: 30, gamesDone: partly ? 29 : 30, rostersDone: 30, failed: failures.length },
    // Stat rows spread over the three kinds: the summary must add them all up.
    counts: { team_game_stats: { inserted: games, updated: games - 1000, unchanged: 1000 } },
    apiCalls: games - 1000,
    failures,
    quality: { games, passed: 7, failed: [], anomalies: [] },
    workflowId,
    runId,
  };
}
