/**
 * What a season run is for, decided once from its input before any side effect: the season, the
 * teams and units, where responses come from, the breaker's settings, the interval and whose rosters.
 * Bad input fails the workflow here (non-retryable `InvalidSeasonInput`).
 */
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type {
  GamesBy,
  ResponsePolicy,
  RosterMode,
  RunRef,
  RunTrigger,
  TeamUnit,
  UnitRef,
} from '../../activities/types.js';
import { DEFAULT_TEAM_CONCURRENCY } from '../../domain/defaults.js';
import { type GameDatesInput } from '../../domain/game-dates.js';
import { GAMES_BY } from '../../domain/runs.js';
import { TemporalScheduledById } from '../../domain/search-attributes.js';
import { parseSeason, parseSeasonType, SeasonInputError, type SeasonType } from '../../domain/season.js';
import { AsOfInputError, parseAsOf } from '../../domain/standings.js';
import { NBA_TEAM_IDS } from '../../domain/team-ids.js';
import { BreakerInputError, breakerOptionsFrom, type BreakerOptions } from '../breaker.js';
import { defaultRosterMode, validateIncrement } from '../increments.js';

export interface IngestSeasonInput {
  season: string;
  seasonType?: SeasonType;
  /** Who started the run; a schedule is detected from the TemporalScheduledById attribute. */
  trigger?: RunTrigger;
  /** Teams fetched at once (default 4); the task-queue rate limit still bounds requests/s. */
  teamConcurrency?: number;
  /** Attempts per NBA request before a team's unit is dead-lettered (default 5). */
  nbaMaxAttempts?: number;
  /** Only these teams; default all 30. */
  teamIds?: number[];
  /**
   * Where API responses come from: 'fetch' (default), 'prefer-stored' (reuse stored responses
   * younger than maxResponseAgeMs) or 'stored' (retransform from raw_responses: zero API calls).
   */
  responses?: ResponsePolicy;
  maxResponseAgeMs?: number;
  /**
   * Games by team (default: one leaguegamefinder request per team, each loaded alone) or by league
   * (one request for every team's games, loaded in chunks of games): 1 + 30 requests a season
   * instead of 30 + 30. Backfills and scheduled runs pass 'league'.
   */
  gamesBy?: GamesBy;
  /**
   * Redrive: only these units of work (e.g. the dead-lettered ones), instead of games and roster for
   * every team; `{ unit: 'league-games' }` is the league-wide games.
   */
  units?: UnitRef[];
  /** First cooldown after the NBA API throttles the run (default 60 s, NBA_COOLDOWN_MIN_S); doubles … */
  nbaCooldownMinS?: number;
  /** … up to this (default 3600 s, NBA_COOLDOWN_MAX_S). A Retry-After wins. */
  nbaCooldownMaxS?: number;
  /** Throttling signals in a row that trip the breaker (default 3). */
  nbaThrottleThreshold?: number;
  /** Set by a backfill: the workflow id holding the breaker this run reports to (it never probes itself). */
  breakerHolder?: string;
  /**
   * The moment the run stands for ('YYYY-MM-DD', US Eastern, a day of the season, not after today):
   * NBA.com's standings are reconciled with the games played up to it, and the season's completeness
   * is judged then. Default: today. For recorded data, the day it was recorded (e.g. '2026-02-21').
   */
  asOf?: string;
  /**
   * An incremental run: only the games of these dates (league-wide, DateFrom/DateTo); without
   * `since`, from the season's watermark minus a day. See workflows/increments.ts.
   */
  dates?: GameDatesInput;
  /** Whose rosters: 'changed' (playerindex first) or 'all'; default by season (workflows/increments.ts). */
  rosters?: RosterMode;
  /**
   * Every player's lines of the games (one league-wide request, workflows/season/player-games.ts):
   * default true for a run over every team; false: games and rosters only.
   */
  playerGames?: boolean;
}

const DEFAULT_NBA_MAX_ATTEMPTS = 5;

export interface SeasonPlan {
  input: IngestSeasonInput;
  run: RunRef;
  trigger: RunTrigger;
  breakerOptions: BreakerOptions;
  asOf: string | undefined;
  /** An interval run's dates as asked (resolved against the watermark by the games phase). */
  dates: GameDatesInput | undefined;
  /** The teams the run is for: every unit's team (a redrive's), the given ones, or all 30. */
  teamIds: number[];
  /** Games in one league-wide unit (per interval) instead of one unit per team. */
  leagueGames: boolean;
  /** Over every team: held to the standings; over every date too, to the season's expected size. */
  everyTeam: boolean;
  /** Rosters only where playerindex shows a change: full runs that fetch. */
  comparesRosters: boolean;
  /** Rebuilt from stored responses: no request goes out, so no breaker and no rate-limited queue. */
  retransform: boolean;
  /** Where each unit's responses come from (passed to every unit's activity). */
  sourcePolicy: Pick<IngestSeasonInput, 'responses' | 'maxResponseAgeMs'>;
  teamConcurrency: number;
  nbaMaxAttempts: number;
}

/** The teams whose `unit` the run loads: a redrive's units of that kind, else every team of the run. */
export function teamsFor(plan: SeasonPlan, unit: TeamUnit): number[] {
  const { units } = plan.input;
  return units
    ? units.flatMap((u) => (u.unit === unit && u.teamId !== undefined ? [u.teamId] : []))
    : plan.teamIds;
}

export function planRun(input: IngestSeasonInput): SeasonPlan {
  const { season, seasonType, breakerOptions, asOf, dates, rosters } = validateInput(input);
  const info = workflowInfo();
  const everyTeam = !input.units && !input.teamIds;
  const retransform = input.responses === 'stored';
  return {
    input,
    run: { runId: info.runId, workflowId: info.workflowId, season, seasonType },
    trigger: triggerOf(input),
    breakerOptions,
    asOf,
    dates,
    teamIds: input.units
      ? [...new Set(input.units.flatMap((u) => (u.teamId === undefined ? [] : [u.teamId])))]
      : (input.teamIds ?? [...NBA_TEAM_IDS]),
    leagueGames: input.units
      ? input.units.some((u) => u.unit === 'league-games')
      : input.gamesBy === 'league' || dates !== undefined,
    everyTeam,
    comparesRosters:
      everyTeam && !retransform && (rosters ?? defaultRosterMode(season, new Date())) === 'changed',
    retransform,
    sourcePolicy: {
      ...(input.responses ? { responses: input.responses } : {}),
      ...(input.maxResponseAgeMs ? { maxResponseAgeMs: input.maxResponseAgeMs } : {}),
    },
    teamConcurrency: input.teamConcurrency ?? DEFAULT_TEAM_CONCURRENCY,
    nbaMaxAttempts: input.nbaMaxAttempts ?? DEFAULT_NBA_MAX_ATTEMPTS,
  };
}

function validateInput(input: IngestSeasonInput): {
  season: string;
  seasonType: SeasonType;
  breakerOptions: BreakerOptions;
  asOf: string | undefined;
  dates: GameDatesInput | undefined;
  rosters: RosterMode | undefined;
} {
  try {
    if (typeof input !== 'object' || input === null) {
      throw new SeasonInputError(
        `input must be an object like {"season":"2023-24"}, got ${JSON.stringify(input)}`,
      );
    }
    // Workflow time is deterministic (replayed from history), so "has not started yet" is too.
    if (input.gamesBy !== undefined && !GAMES_BY.includes(input.gamesBy))
      throw new SeasonInputError(
        `gamesBy must be one of ${GAMES_BY.join(', ')}, got ${JSON.stringify(input.gamesBy)}`,
      );
    const season = parseSeason(input.season, new Date());
    return {
      season,
      seasonType: parseSeasonType(input.seasonType),
      breakerOptions: breakerOptionsFrom(input),
      asOf: input.asOf === undefined ? undefined : parseAsOf(input.asOf, season, new Date()),
      ...validateIncrement(season, input),
    };
  } catch (err) {
    if (err instanceof SeasonInputError || err instanceof BreakerInputError || err instanceof AsOfInputError)
      throw ApplicationFailure.nonRetryable(err.message, 'InvalidSeasonInput');
    throw err;
  }
}

function triggerOf(input: IngestSeasonInput): RunTrigger {
  if (input.trigger) return input.trigger;
  return workflowInfo().typedSearchAttributes.get(TemporalScheduledById) ? 'schedule' : 'temporal-cli';
}
