/**
 * Inputs and summaries of the pipeline's activities. Small by design: workflows pass ids and
 * counts, never API payloads (Temporal caps payloads at 2 MB and histories at 50 MB).
 */
import type { LoadCounts } from '../domain/records.js';
import type { RunOutcome, RunStatus, RunTrigger, TeamUnit, WorkUnit } from '../domain/runs.js';
import type { SeasonType } from '../domain/season.js';

export type {
  FinalRunStatus,
  GamesBy,
  RunStatus,
  RunTrigger,
  TeamUnit,
  UnitRef,
  WorkUnit,
} from '../domain/runs.js';
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

/** A unit's input: the run, and where the API response comes from. */
export interface UnitInput extends RunRef {
  /** Where the API response comes from (default 'fetch'); 'stored' makes zero API calls. */
  responses?: ResponsePolicy;
  /** With 'prefer-stored': the oldest stored response still reused. */
  maxResponseAgeMs?: number;
}

export interface TeamUnitInput extends UnitInput {
  teamId: number;
}

/** What one unit of work did: returned by the games, roster and league-wide games activities. */
interface UnitSummary {
  counts: LoadCounts;
  /** HTTP requests this activity made to the NBA API, counting earlier failed attempts. */
  apiCalls: number;
  rowsFetched: number;
}

export interface TeamUnitSummary extends UnitSummary {
  teamId: number;
  unit: TeamUnit;
}

/** The league-wide games of a season: one request, loaded in chunks of games. */
export interface LeagueGamesSummary extends UnitSummary {
  unit: 'league-games';
  /** Matches in the answer (each with both teams' rows). */
  games: number;
}

export interface DeadLetterInput extends RunRef {
  /** Absent for the league-wide games. */
  teamId?: number;
  unit: WorkUnit;
  errorType: string;
  errorMessage: string;
  attempts: number;
}

export interface CloseRunInput extends RunOutcome {
  runId: string;
}
