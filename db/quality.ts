/**
 * Data-quality results kept with the run (ingestion_runs.quality), and the previous run's counts
 * the anomaly check compares against.
 */
import { ApplicationFailure } from '@temporalio/common';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { LoadCounts } from '../domain/records.js';
import type { SeasonType } from '../domain/season.js';
import type { StandingsVerdict } from '../domain/standings.js';
import type { Database } from './client.js';
import { DB_RUN_NOT_FOUND, toDbFailure } from './errors.js';
import { ingestionRuns, qualityChecks } from './schema.js';
import type { GameDates } from '../domain/game-dates.js';

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
  /** The game dates the checks were held to (an interval run); absent: the whole season. */
  dates?: GameDates;
  checks: StoredQualityCheck[];
  /** The standings reconciliation: reconciled, mismatch, or why not (absent in runs before it existed). */
  standings?: StandingsVerdict;
}

/**
 * Stores the checks in quality_checks (one row per check) and on the run's row with the standings
 * verdict; an activity retry rewrites the same values.
 */
export async function recordQualityChecks(
  database: Database,
  runId: string,
  scope: { season: string; seasonType: SeasonType; dates?: GameDates | undefined },
  checks: StoredQualityCheck[],
  standings?: StandingsVerdict,
  checkedAt: Date = new Date(),
): Promise<void> {
  const quality: StoredQuality = {
    checkedAt: checkedAt.toISOString(),
    season: scope.season,
    seasonType: scope.seasonType,
    ...(scope.dates ? { dates: scope.dates } : {}),
    checks,
    ...(standings ? { standings } : {}),
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
  if (checks.length === 0) return;
  try {
    await database.db
      .insert(qualityChecks)
      .values(
        checks.map((c) => ({
          runId,
          season: scope.season,
          seasonType: scope.seasonType,
          checkName: c.name,
          passed: c.passed,
          observed: c.observed ?? null,
          expected: c.expected ?? null,
          checkedAt,
        })),
      )
      .onConflictDoUpdate({
        target: [qualityChecks.runId, qualityChecks.checkName],
        set: {
          passed: sql`excluded.passed`,
          observed: sql`excluded.observed`,
          expected: sql`excluded.expected`,
          checkedAt: sql`excluded.checked_at`,
        },
      });
  } catch (error) {
    throw toDbFailure(error, 'quality_checks');
  }
}

/** Counts of the latest finished full run of the same season and season type, other than `runId`. */
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
        // A redrive loads only the dead-lettered units: its counts say nothing of the season's size.
        ne(ingestionRuns.trigger, 'redrive'),
      ),
    )
    .orderBy(desc(ingestionRuns.finishedAt))
    .limit(1);
  return rows[0]?.counts;
}
