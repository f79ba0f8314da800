/**
 * Run bookkeeping: one ingestion_runs row per workflow run, and the dead letters of units that
 * failed after their retries (per unit and interval). Every write is idempotent, because activities can be retried.
 */
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  FINAL_RUN_STATUSES,
  isLeagueRef,
  isLeagueUnit,
  RUN_TRIGGERS,
  WORK_UNITS,
  type RunOutcome,
  type RunTrigger,
  type UnitRef,
  type WorkUnit,
} from '../domain/runs.js';
import { SEASON_TYPES, type SeasonType } from '../domain/season.js';
import { coversDates, datesOfParams } from '../domain/game-dates.js';
import type { Database } from './client.js';
import { DB_RUN_NOT_FOUND, inputInvalid, toDbFailure } from './errors.js';
import { deadLetters, ingestionRuns } from './schema.js';
import { seasonSchema as season } from './validate.js';

export { tableChecksums, tableRowCounts } from './checksums.js';

export type IngestionRun = typeof ingestionRuns.$inferSelect;
export type DeadLetter = typeof deadLetters.$inferSelect;

const nonEmpty = z.string().trim().min(1);

const openRunSchema = z.object({
  runId: nonEmpty,
  workflowId: nonEmpty,
  season,
  seasonType: z.enum(SEASON_TYPES),
  trigger: z.enum(RUN_TRIGGERS),
  startedBy: z.string().nullable().optional(),
  resetOf: nonEmpty.nullable().optional(),
  startedAt: z.date().optional(),
});

const closeRunSchema = z.object({
  status: z.enum(FINAL_RUN_STATUSES),
  counts: z.record(
    z.string(),
    z.object({
      inserted: z.int().nonnegative(),
      updated: z.int().nonnegative(),
      unchanged: z.int().nonnegative(),
    }),
  ),
  apiCalls: z.int().nonnegative(),
  failures: z.int().nonnegative(),
  cooldowns: z.int().nonnegative().optional(),
  cooldownSeconds: z.int().nonnegative().optional(),
  finishedAt: z.date().optional(),
  error: z.string().nullable().optional(),
  quality: z.unknown().optional(),
});

const deadLetterSchema = z.object({
  runId: nonEmpty,
  workflowId: nonEmpty,
  season,
  seasonType: z.enum(SEASON_TYPES),
  // The league-wide units belong to no team; every other unit is one team's.
  teamId: z.int32().positive().optional(),
  unit: z.enum(WORK_UNITS),
  endpoint: nonEmpty,
  params: z.record(z.string(), z.string()),
  errorType: z.string(),
  errorMessage: z.string(),
  attempts: z.int32().nonnegative(),
});

function parseInput<T>(what: string, schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`,
  );
  throw inputInvalid(`${what}: ${problems.join('; ')}`);
}

async function write<T>(table: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toDbFailure(error, table);
  }
}

/** Records the start of a run. Idempotent: a second call for the same run id changes nothing. */
export async function openRun(
  database: Database,
  r: {
    runId: string;
    workflowId: string;
    season: string;
    seasonType: SeasonType;
    trigger: RunTrigger;
    /** ingestion_runs.started_by: Temporal's identity of the start (activities/run-origin.ts). */
    startedBy?: string | null;
    /** A reset run: the run it was reset from. */
    resetOf?: string | null;
    startedAt?: Date;
  },
): Promise<void> {
  const run = parseInput('openRun', openRunSchema, r);
  await write('ingestion_runs', () =>
    database.db
      .insert(ingestionRuns)
      .values({
        runId: run.runId,
        workflowId: run.workflowId,
        season: run.season,
        seasonType: run.seasonType,
        trigger: run.trigger,
        startedBy: run.startedBy ?? null,
        resetOf: run.resetOf ?? null,
        status: 'running',
        ...(run.startedAt ? { startedAt: run.startedAt } : {}),
      })
      .onConflictDoNothing({ target: ingestionRuns.runId }),
  );
}

/** Records how a run ended. Throws DbRunNotFound (non-retryable) when openRun never happened. */
export async function closeRun(
  database: Database,
  runId: string,
  r: RunOutcome & {
    finishedAt?: Date;
    /** Why the run failed. */
    error?: string | null;
    /** Data-quality check results. */
    quality?: unknown;
  },
): Promise<void> {
  const close = parseInput('closeRun', closeRunSchema, r);
  const closed = await write('ingestion_runs', () =>
    database.db
      .update(ingestionRuns)
      .set({
        status: close.status,
        finishedAt: close.finishedAt ?? new Date(),
        counts: close.counts,
        apiCalls: close.apiCalls,
        failures: close.failures,
        ...(close.cooldowns !== undefined ? { cooldowns: close.cooldowns } : {}),
        ...(close.cooldownSeconds !== undefined ? { cooldownSeconds: close.cooldownSeconds } : {}),
        ...(close.error !== undefined ? { error: close.error } : {}),
        ...(close.quality !== undefined ? { quality: close.quality } : {}),
      })
      .where(eq(ingestionRuns.runId, runId))
      .returning({ runId: ingestionRuns.runId }),
  );
  if (closed.length === 0) {
    throw ApplicationFailure.create({
      type: DB_RUN_NOT_FOUND,
      message: `closeRun: no ingestion_runs row for run ${runId} (openRun was not called)`,
      nonRetryable: true,
    });
  }
}

/**
 * Opens the record of a run reset past its openRun (its own openRun is history it replays): what the
 * run is (workflow, season, type) comes from the record of the run it was reset from, or else of the
 * original run its history starts with. Returns false when neither has a record.
 */
export async function openResetRun(
  database: Database,
  r: { runId: string; resetOf: string; originalRunId: string; startedBy: string | null },
): Promise<boolean> {
  const opened = await write('ingestion_runs', () =>
    database.pool.query(
      `INSERT INTO ingestion_runs (run_id, workflow_id, season, season_type, trigger, started_by, reset_of, status)
       SELECT $1, workflow_id, season, season_type, 'reset', $4, $2, 'running'
         FROM ingestion_runs WHERE run_id IN ($2, $3)
        ORDER BY run_id = $2 DESC LIMIT 1
       ON CONFLICT (run_id) DO NOTHING
       RETURNING run_id`,
      [r.runId, r.resetOf, r.originalRunId, r.startedBy],
    ),
  );
  return (opened.rowCount ?? 0) > 0 || (await runRecordExists(database, r.runId));
}

export async function runRecordExists(database: Database, runId: string): Promise<boolean> {
  const found = await database.pool.query('SELECT 1 FROM ingestion_runs WHERE run_id = $1', [runId]);
  return (found.rowCount ?? 0) > 0;
}

export async function getRun(database: Database, runId: string): Promise<IngestionRun | undefined> {
  const rows = await database.db.select().from(ingestionRuns).where(eq(ingestionRuns.runId, runId));
  return rows[0];
}

/**
 * One open dead letter per (workflow, unit, team, season, season type, interval): an interval's
 * DateFrom/DateTo are part of what failed, so a second failed interval is a second dead letter,
 * never a rewrite of the first. A repeat failure of the same unit and interval in a later run adds
 * its attempts and bumps last_seen; the same run recording it again (an activity retry) only
 * refreshes it, so attempts are not counted twice.
 */
const RECORD_DEAD_LETTER_SQL = `
INSERT INTO "dead_letters" AS d
  ("run_id", "workflow_id", "season", "season_type", "team_id", "unit", "endpoint", "params",
   "error_type", "error_message", "attempts")
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
ON CONFLICT ("workflow_id", "unit", (coalesce(team_id, 0)), "season", "season_type",
             (coalesce(params->>'DateFrom', '')), (coalesce(params->>'DateTo', '')))
  WHERE resolved_at IS NULL
DO UPDATE SET
  "attempts" = CASE WHEN d."run_id" = excluded."run_id" THEN excluded."attempts" ELSE d."attempts" + excluded."attempts" END,
  "run_id" = excluded."run_id",
  "endpoint" = excluded."endpoint",
  "params" = excluded."params",
  "error_type" = excluded."error_type",
  "error_message" = excluded."error_message",
  "last_seen" = now()`;

export async function recordDeadLetter(
  database: Database,
  d: {
    runId: string;
    workflowId: string;
    season: string;
    seasonType: SeasonType;
    teamId?: number | undefined;
    unit: WorkUnit;
    endpoint: string;
    params: Record<string, string>;
    errorType: string;
    errorMessage: string;
    attempts: number;
  },
): Promise<void> {
  const letter = parseInput('recordDeadLetter', deadLetterSchema, d);
  if (isLeagueUnit(letter.unit) !== (letter.teamId === undefined)) {
    throw inputInvalid(
      `recordDeadLetter: unit ${letter.unit} ${letter.teamId ? 'takes no' : 'needs a'} teamId`,
    );
  }
  await write('dead_letters', () =>
    database.pool.query(RECORD_DEAD_LETTER_SQL, [
      letter.runId,
      letter.workflowId,
      letter.season,
      letter.seasonType,
      letter.teamId ?? null,
      letter.unit,
      letter.endpoint,
      JSON.stringify(letter.params),
      letter.errorType,
      letter.errorMessage,
      letter.attempts,
    ]),
  );
}

/**
 * Marks the open dead letters of a unit resolved (it has now loaded), whatever workflow recorded
 * them: a team's unit, or the league-wide games of every dead letter whose dates the load covered
 * (a load of the whole season covers them all; an interval only those within it). Returns how many
 * were resolved.
 */
export async function resolveDeadLetters(
  database: Database,
  q: { season: string; seasonType: SeasonType; runId?: string } & UnitRef,
): Promise<number> {
  const open = await listUnresolvedDeadLetters(database, {
    season: q.season,
    seasonType: q.seasonType,
    unit: q.unit,
    ...(q.teamId === undefined ? { teamless: true } : { teamId: q.teamId }),
  });
  const loaded = isLeagueRef(q) ? open.filter((l) => coversDates(q.dates, datesOfParams(l.params))) : open;
  if (loaded.length === 0) return 0;
  const resolved = await write('dead_letters', () =>
    database.db
      .update(deadLetters)
      .set({ resolvedAt: new Date(), resolvedByRunId: q.runId ?? null })
      .where(
        and(
          isNull(deadLetters.resolvedAt),
          inArray(
            deadLetters.id,
            loaded.map((l) => l.id),
          ),
        ),
      )
      .returning({ id: deadLetters.id }),
  );
  return resolved.length;
}

export async function listUnresolvedDeadLetters(
  database: Database,
  q: {
    season?: string;
    seasonType?: SeasonType;
    workflowId?: string;
    teamId?: number;
    /** Only the dead letters of no team (the league-wide games). */
    teamless?: boolean;
    unit?: WorkUnit;
  } = {},
): Promise<DeadLetter[]> {
  const filters: SQL[] = [isNull(deadLetters.resolvedAt)];
  if (q.teamless) filters.push(isNull(deadLetters.teamId));
  if (q.season !== undefined) filters.push(eq(deadLetters.season, q.season));
  if (q.seasonType !== undefined) filters.push(eq(deadLetters.seasonType, q.seasonType));
  if (q.workflowId !== undefined) filters.push(eq(deadLetters.workflowId, q.workflowId));
  if (q.teamId !== undefined) filters.push(eq(deadLetters.teamId, q.teamId));
  if (q.unit !== undefined) filters.push(eq(deadLetters.unit, q.unit));
  return database.db
    .select()
    .from(deadLetters)
    .where(and(...filters))
    .orderBy(
      asc(deadLetters.season),
      asc(deadLetters.seasonType),
      asc(deadLetters.unit),
      asc(deadLetters.teamId),
      // Oldest failure first; the id breaks ties of one statement.
      asc(deadLetters.firstSeen),
      asc(deadLetters.id),
    );
}
