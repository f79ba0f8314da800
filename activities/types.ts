/**
 * Inputs and summaries of the pipeline's activities. Small by design: workflows pass ids and
 * counts, never API payloads (Temporal caps payloads at 2 MB and histories at 50 MB).
 */
import type { LoadCounts } from '../domain/records.js';
import type { RunOutcome, RunStatus, RunTrigger, WorkUnit } from '../domain/runs.js';
import type { SeasonType } from '../domain/season.js';

export type { FinalRunStatus, RunStatus, RunTrigger, WorkUnit } from '../domain/runs.js';
/** What a live run shows (search attribute NbaRunStatus, `progress`): also waiting out NBA throttling. */
export type LiveRunStatus = RunStatus | 'cooling_down';

export interface RunRef {
  runId: string;
  workflowId: string;
  season: string;
  seasonType: SeasonType;
}

export interface OpenRunInput extends RunRef {
  trigger: RunTrigger;
}

export type ResponsePolicy = 'fetch' | 'prefer-stored' | 'stored';

export interface TeamUnitInput extends RunRef {
  teamId: number;
  /** Where the API response comes from (default 'fetch'); 'stored' makes zero API calls. */
  responses?: ResponsePolicy;
  /** With 'prefer-stored': the oldest stored response still reused. */
  maxResponseAgeMs?: number;
}

/** What one team's unit of work did: returned by the games and roster activities. */
export interface TeamUnitSummary {
  teamId: number;
  unit: WorkUnit;
  counts: LoadCounts;
  /** HTTP requests this activity made to the NBA API, counting earlier failed attempts. */
  apiCalls: number;
  rowsFetched: number;
}

export interface DeadLetterInput extends RunRef {
  teamId: number;
  unit: WorkUnit;
  errorType: string;
  errorMessage: string;
  attempts: number;
}

export interface CloseRunInput extends RunOutcome {
  runId: string;
}
