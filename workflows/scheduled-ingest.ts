/**
 * scheduledIngest: what the daily Temporal Schedule starts. Schedules suffix workflow ids with a
 * timestamp, so this thin wrapper derives the season from the scheduled time and runs ingestSeason
 * as a child under the season's deterministic id: a scheduled and a manual run of one season can
 * never execute at once (the second is reported as `already_running`).
 */
import { ApplicationFailure, executeChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { currentSeason, parseSeasonType, seasonWorkflowId, type SeasonType } from '../domain/season.js';
import type { GamesBy } from '../domain/runs.js';
import { TemporalScheduledStartTime } from '../domain/search-attributes.js';
import { ingestSeason, type IngestSeasonResult } from './ingest-season.js';
import { scheduledIncrement } from './increments.js';

export interface ScheduledIngestInput {
  seasonType?: SeasonType;
  teamConcurrency?: number;
  /**
   * The season's games: one league-wide request over the dates since the watermark (default), or
   * one request per team for the whole season ('team').
   */
  gamesBy?: GamesBy;
}

export type ScheduledIngestResult =
  | { season: string; seasonType: SeasonType; workflowId: string; status: 'already_running' }
  | (IngestSeasonResult & { status: IngestSeasonResult['status'] });

/** The schedule's nominal time (also right for schedule backfills), else the workflow's clock. */
function scheduledTime(): Date {
  return workflowInfo().typedSearchAttributes.get(TemporalScheduledStartTime) ?? new Date();
}

export async function scheduledIngest(input: ScheduledIngestInput = {}): Promise<ScheduledIngestResult> {
  const seasonType = parseSeasonType(input.seasonType);
  const nominal = scheduledTime();
  const season = currentSeason(nominal);
  const gamesBy = input.gamesBy ?? 'league';
  // League-wide runs are incremental (Airflow's data intervals): the games dated from the season's
  // watermark minus a day up to the nominal date, and rosters only where they changed.
  const incremental = gamesBy === 'league';
  const workflowId = seasonWorkflowId(season, seasonType);
  let result: IngestSeasonResult;
  try {
    result = await executeChild(ingestSeason, {
      workflowId,
      args: [
        {
          season,
          seasonType,
          trigger: 'schedule',
          gamesBy,
          ...(incremental ? scheduledIncrement(nominal) : {}),
          ...(input.teamConcurrency ? { teamConcurrency: input.teamConcurrency } : {}),
        },
      ],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      return { season, seasonType, workflowId, status: 'already_running' };
    throw err;
  }
  // The games did not load or every team failed (domain/run-status.ts): fail this run so the
  // schedule's pause-on-failure stops hammering a blocked API, and its note says why.
  if (result.status === 'failed') {
    throw ApplicationFailure.nonRetryable(
      `${season} ${seasonType}: ${result.failureReason ?? 'the run failed'} (${workflowId})`,
      'SeasonRunFailed',
    );
  }
  return result;
}
