/**
 * Data-quality results kept with the run (ingestion_runs.quality), and the previous run's counts
 * the anomaly check compares against.
 */
import { ApplicationFailure } from '@temporalio/common';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { LoadCounts } from '../domain/records.js';
import type { SeasonType } from '../domain/season.js';
import type { Database } from './client.js';
import { DB_RUN_NOT_FOUND, toDbFailure } from './errors.js';
import { ingestionRuns } from './schema.js';

/** The shape quality/checks.ts produces (kept structural so db/ does not depend on quality/). */
export interface StoredQualityCheck {
  name: string;
  passed: boolean;
  observed: unknown;
  expected: unknown;
}

export interface StoredQuality {
  checkedAt: string;
  season: string;
  seasonType: SeasonType;
  checks: StoredQualityCheck[];
}

/** Stores the checks on the run's row (replacing earlier ones: an activity retry rewrites the same). */
export async function recordQualityChecks(
  database: Database,
  runId: string,
  scope: { season: string; seasonType: SeasonType },
  checks: StoredQualityCheck[],
  checkedAt: Date = new Date(),
): Promise<void> {
  const quality: StoredQuality = {
    checkedAt: checkedAt.toISOString(),
    season: scope.season,
    seasonType: scope.seasonType,
    checks,
  };
  let updated: { runId: string }[];
  try {
    updated = await database.db
      .update(ingestionRuns)
      .set({ quality })
      .where(eq(ingestionRuns.runId, runId))
      .returning({ runId: ingestionRuns.runId });
  } catch (error) {
    throw toDbFailure(error, 'ingestion_runs');
  }
  if (updated.length === 0) {
    throw ApplicationFailure.create({
      type: DB_RUN_NOT_FOUND,
      message: `recordQualityChecks: no ingestion_runs row for run ${runId} (openRun was not called)`,
      nonRetryable: true,
    });
  }
}

/** Counts of the latest finished run of the same season and season type, other than `runId`. */
export async function previousRunCounts(
  database: Database,
  run: { runId: string; season: string; seasonType: SeasonType },
): Promise<LoadCounts | undefined> {
  const rows = await database.db
    .select({ counts: ingestionRuns.counts })
    .from(ingestionRuns)
    .where(
      and(
        eq(ingestionRuns.season, run.season),
        eq(ingestionRuns.seasonType, run.seasonType),
        ne(ingestionRuns.runId, run.runId),
        inArray(ingestionRuns.status, ['completed', 'completed_with_failures', 'anomalous']),
      ),
    )
    .orderBy(desc(ingestionRuns.finishedAt))
    .limit(1);
  return rows[0]?.counts;
}
