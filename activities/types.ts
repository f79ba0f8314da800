/**
 * Inputs and summaries of the pipeline's activities. Small by design: workflows pass ids and
 * counts, never API payloads (Temporal caps payloads at 2 MB and histories at 50 MB).
 */
import type { TouchedRows } from '../domain/row-outcomes.js';
import type { GameDates } from '../domain/game-dates.js';
import type { LoadCounts } from '../domain/records.js';
import type { RunOutcome, RunStatus, RunTrigger, TeamUnit, WorkUnit } from '../domain/runs.js';
import type { SeasonType } from '../domain/season.js';

export type {
  FinalRunStatus,
  GamesBy,
  RosterMode,
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

/** The league-wide games: of the whole season, or of an interval's dates. */
export interface LeagueGamesInput extends UnitInput {
  dates?: GameDates;
}

/** Which of these teams' rosters changed, by one playerindex request against the stored rosters. */
export interface ChangedRostersInput extends UnitInput {
  teamIds: number[];
}

/** A result that counts requests or rows: the run that did the work (see activities/unit-source.ts). */
export interface OwnWork {
  executedInRun?: string;
}

/** The 30 teams upserted at the start of a run. */
export interface TeamsLoaded extends OwnWork {
  counts: LoadCounts;
}

export interface ChangedRostersSummary extends OwnWork {
  /** The teams whose set of players differs, in the order given. */
  teamIds: number[];
  apiCalls: number;
  /** Players on a team in the index. */
  rostered: number;
}

/** What one unit of work did: returned by the games, roster and league-wide games activities. */
interface UnitSummary extends OwnWork {
  counts: LoadCounts;
  /** Rows of the tables other units of the run touch too, by key: the run counts each once. */
  touched?: TouchedRows;
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

/** Every player's lines of the season's (or an interval's) games: leaguegamefinder PlayerOrTeam=P. */
export interface PlayerGamesInput extends UnitInput {
  dates?: GameDates;
}

/** What the player-games unit loaded: counts only, never rows. */
export interface PlayerGamesSummary extends UnitSummary {
  unit: 'player-games';
  /** Games with player lines in the answers. */
  games: number;
  /** Answers read: 1, or more when one reached the row cap and its dates were asked again in halves. */
  answers: number;
}

export interface DeadLetterInput extends RunRef {
  /** Absent for the league-wide units. */
  teamId?: number;
  /** A league-wide unit of an interval: its dates, kept in the dead letter's request params. */
  dates?: GameDates;
  unit: WorkUnit;
  errorType: string;
  errorMessage: string;
  attempts: number;
}

export interface CloseRunInput extends RunOutcome, RunRef {}
