/**
 * ingestSeason: the DAG for one season and season type.
 *   validate → open run → teams → games (per team fan-out, or one league-wide unit) → per team rosters (fan-out)
 *   → player games (one league-wide unit) → standings → quality → close run
 * Incremental runs (workflows/increments.ts): the league-wide unit over an interval of game dates,
 * and the rosters only of teams whose players changed (one playerindex comparison first).
 * Thin, deterministic orchestration: activities do the I/O; the workflow passes ids and counts.
 * Team units are activities on the rate-limited NBA queue (one task per API request); the short
 * database bookkeeping around them (run record, teams, quality checks, dead letters) runs as local
 * activities in the workflow's own worker, saving a task-queue round trip per step.
 */
import {
  ApplicationFailure,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import type {
  GamesBy,
  LeagueGamesSummary,
  LiveRunStatus,
  ResponsePolicy,
  RosterMode,
  RunRef,
  RunTrigger,
  TeamUnit,
  PlayerGamesSummary,
  TeamUnitSummary,
  UnitRef,
} from '../activities/types.js';
import { GAMES_BY, leagueGamesUnits, unitName } from '../domain/runs.js';
import { isGamesUnit, runVerdict } from '../domain/run-status.js';
import { NBA_TEAM_IDS } from '../domain/team-ids.js';
import {
  NbaRunStatus,
  NbaSeason,
  NbaSeasonType,
  TemporalScheduledById,
} from '../domain/search-attributes.js';
import { parseSeason, parseSeasonType, SeasonInputError, type SeasonType } from '../domain/season.js';
import { nbaTaskQueueFor } from '../domain/task-queues.js';
import { NON_RETRYABLE_ERROR_TYPES } from '../domain/error-types.js';
import { THROTTLING_NBA_ERRORS } from '../nba/errors.js';
import { NBA_TEAMS } from '../nba/teams.js';
import { renderDetails, type IngestProgress, type TeamFailure } from './progress.js';
import { runCounts, tallyUnit, type RowTally } from '../domain/row-outcomes.js';
import { mapWithConcurrency } from './concurrency.js';
import { progressQuery } from './progress-query.js';
import {
  Breaker,
  BreakerInputError,
  breakerOptionsFrom,
  type BreakerOptions,
  type CooldownProgress,
} from './breaker.js';
import {
  OwnedBreaker,
  probeNbaApi,
  resumeSignal,
  throttleSignalOf,
  type ThrottleGate,
} from './throttle-gate.js';
import { ChildBreaker } from './shared-breaker.js';
import { attemptsOf, describeFailure } from './failures.js';
import { isOwnWork } from './reset.js';
import { obtainStandings, STANDINGS_PATCH, STANDINGS_UNIT } from './standings.js';
import { AsOfInputError, parseAsOf, standingsScope, type StandingsInput } from '../domain/standings.js';
import {
  CHANGED_ROSTERS_PATCH,
  changedRosterTeams,
  defaultRosterMode,
  INTERVAL_RUNS_PATCH,
  resolveRunDates,
  validateIncrement,
} from './increments.js';
import { formatGameDates, type GameDatesInput } from '../domain/game-dates.js';
import {
  playerGamesCheckable,
  playerGamesDone,
  playerGamesSummary,
  playerGamesUnits,
  startPlayerGames,
} from './player-games.js';

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
   * Every player's lines of the games (one league-wide request, workflows/player-games.ts): default
   * true for a run over every team; false: games and rosters only.
   */
  playerGames?: boolean;
}

export interface IngestSeasonResult extends IngestProgress {
  workflowId: string;
  runId: string;
}

const DEFAULT_TEAM_CONCURRENCY = 4;
const DEFAULT_NBA_MAX_ATTEMPTS = 5;

const DB_MAX_ATTEMPTS = 10;
const DB_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '30 seconds',
  maximumAttempts: DB_MAX_ATTEMPTS,
  nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
};

/**
 * Activities on the main task queue: team units rebuilt from stored responses (no API request), and
 * the bookkeeping of runs started before it became local activities.
 */
const db = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: DB_RETRY });

/** Bookkeeping steps: short database calls, run in the worker that runs the workflow task. */
const localDb = proxyLocalActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: DB_RETRY });

/**
 * Runs started before bookkeeping became local activities replay with regular ones (their
 * histories hold activity events, not markers); every new run takes the local path.
 */
const LOCAL_BOOKKEEPING_PATCH = 'bookkeeping-as-local-activities';

/**
 * Runs from here on share one breaker for the NBA API (throttling waited out, not retried) and
 * label each activity with its unit and team; earlier histories replay the old path.
 */
const BREAKER_PATCH = 'nba-breaker';

/**
 * Games league-wide: one unit instead of one per team. Asked only by runs that want it (gamesBy
 * 'league', or a redrive of the league-wide unit), so every earlier history replays unchanged.
 */
const LEAGUE_GAMES_PATCH = 'league-games';

/** Throttling signals are the workflow's to handle (workflows/throttle-gate.ts): never retried by the server. */
function nbaActivities(maximumAttempts: number, throttlingIsFinal: boolean) {
  return proxyActivities<Activities>({
    taskQueue: nbaTaskQueueFor(workflowInfo().taskQueue),
    // One request (30 s timeout) and one load; heartbeats show a dead worker within 10 s.
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '10 seconds',
    // Waiting for the rate-limited queue counts here too: bounded so a blocked API fails the unit.
    scheduleToCloseTimeout: '20 minutes',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      maximumAttempts,
      nonRetryableErrorTypes: [
        ...NON_RETRYABLE_ERROR_TYPES,
        ...(throttlingIsFinal ? THROTTLING_NBA_ERRORS : []),
      ],
    },
  });
}

const TEAM_ABBREVIATIONS = new Map(NBA_TEAMS.map((t) => [t.teamId, t.abbreviation]));

/** The activity's summary in the Web UI's timeline: `games · BOS`, `games · league`. */
function unitSummary(ref: UnitRef): string {
  if (ref.unit === 'player-games') return playerGamesSummary(ref);
  if (ref.unit === 'league-games')
    return ref.dates ? `games · ${formatGameDates(ref.dates)}` : 'games · league';
  return `${ref.unit} · ${TEAM_ABBREVIATIONS.get(ref.teamId) ?? ref.teamId}`;
}

type UnitSummary = TeamUnitSummary | LeagueGamesSummary | PlayerGamesSummary;

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

export async function ingestSeason(input: IngestSeasonInput): Promise<IngestSeasonResult> {
  const { season, seasonType, breakerOptions, asOf, ...increment } = validateInput(input);
  const info = workflowInfo();
  const run: RunRef = { runId: info.runId, workflowId: info.workflowId, season, seasonType };
  const teamIds = input.units
    ? [...new Set(input.units.flatMap((u) => (u.teamId === undefined ? [] : [u.teamId])))]
    : (input.teamIds ?? [...NBA_TEAM_IDS]);
  const teamsFor = (unit: TeamUnit): number[] =>
    input.units
      ? input.units.flatMap((u) => (u.unit === unit && u.teamId !== undefined ? [u.teamId] : []))
      : teamIds;
  const wantsLeagueGames = input.units
    ? input.units.some((u) => u.unit === 'league-games')
    : input.gamesBy === 'league' || increment.dates !== undefined;
  const nbaMaxAttempts = input.nbaMaxAttempts ?? DEFAULT_NBA_MAX_ATTEMPTS;

  // Rebuilding from stored responses makes no HTTP request: no reason to queue behind the rate limit.
  const sourcePolicy = {
    ...(input.responses ? { responses: input.responses } : {}),
    ...(input.maxResponseAgeMs ? { maxResponseAgeMs: input.maxResponseAgeMs } : {}),
  };
  const concurrency = input.teamConcurrency ?? DEFAULT_TEAM_CONCURRENCY;

  const progress: IngestProgress = {
    season,
    seasonType,
    phase: 'teams',
    status: 'running',
    teams: { total: teamIds.length, gamesDone: 0, rostersDone: 0, failed: 0 },
    counts: {},
    apiCalls: 0,
    failures: [],
  };
  setHandler(progressQuery, () => progress);
  const publish = (): void => setCurrentDetails(renderDetails(progress));
  const setStatus = (status: LiveRunStatus): void => {
    progress.status = status;
    upsertSearchAttributes([{ key: NbaRunStatus, value: status }]);
  };
  upsertSearchAttributes([
    { key: NbaSeason, value: season },
    { key: NbaSeasonType, value: seasonType },
  ]);
  setStatus('running');
  publish();

  const bookkeeping = patched(LOCAL_BOOKKEEPING_PATCH) ? localDb : db;
  const withBreaker = patched(BREAKER_PATCH);
  // A retransform reads stored responses only: its units run on the bookkeeping proxy (DB_RETRY's
  // attempts) and no attempt sends a request.
  const retransform = input.responses === 'stored';
  const teamActivities = retransform ? db : nbaActivities(nbaMaxAttempts, withBreaker);
  const unitMaxAttempts = retransform ? DB_MAX_ATTEMPTS : nbaMaxAttempts;
  const requestsOf = (attempts: number): number => (retransform ? 0 : attempts);
  /** For the run record and metrics: a backfill child's view is the backfill's, not its own. */
  const ownCooldowns = (): { cooldowns?: number; cooldownSeconds?: number } =>
    progress.breaker && !input.breakerHolder
      ? { cooldowns: progress.breaker.cooldowns, cooldownSeconds: progress.breaker.cooldownSeconds }
      : {};
  /** The run's own breaker, or (in a backfill) the holder's, reached by signals. */
  const createGate = (): ThrottleGate => {
    const breakerChanged = (view: CooldownProgress): void => {
      progress.breaker = view;
      setStatus(view.state === 'open' ? 'cooling_down' : 'running');
      publish();
    };
    if (input.breakerHolder) return new ChildBreaker(input.breakerHolder, breakerChanged);
    const breaker = new Breaker(breakerOptions);
    return new OwnedBreaker(breaker, {
      probe: () => {
        progress.apiCalls += 1;
        return probeNbaApi(season, teamIds[0] ?? NBA_TEAM_IDS[0]!);
      },
      changed: () => breakerChanged(breaker.progress()),
    });
  };
  const origin = await bookkeeping.openRun({ ...run, trigger: triggerOf(input) });
  if (origin?.startedBy) progress.startedBy = origin.startedBy;
  try {
    // Rows each once (domain/row-outcomes.ts): units' counts summed, shared tables' rows merged.
    const teams = await bookkeeping.loadTeams(run);
    let tally: RowTally = { summed: isOwnWork(teams) ? teams.counts : {}, touched: {} };
    progress.counts = tally.summed;
    // What the run's data stands on, its reset's inherited results included: the quality step's view.
    let seen: RowTally = { summed: teams.counts, touched: {} };
    publish();

    const failedTeams = new Set<number>();
    const callUnit = (ref: UnitRef): Promise<UnitSummary> => {
      const sourced = { ...run, ...sourcePolicy };
      if (ref.unit === 'player-games')
        return teamActivities.ingestPlayerGames.executeWithOptions({ summary: unitSummary(ref) }, [
          { ...sourced, ...(ref.dates ? { dates: ref.dates } : {}) },
        ]);
      if (ref.unit === 'league-games') {
        // Only on the breaker path: LEAGUE_GAMES_PATCH is newer than BREAKER_PATCH.
        const dates = ref.dates ? { dates: ref.dates } : {};
        return teamActivities.ingestLeagueGames.executeWithOptions({ summary: unitSummary(ref) }, [
          { ...sourced, ...dates },
        ]);
      }
      const activity =
        ref.unit === 'games' ? teamActivities.ingestTeamGames : teamActivities.ingestTeamRoster;
      const unitInput = { ...sourced, teamId: ref.teamId };
      return withBreaker
        ? activity.executeWithOptions({ summary: unitSummary(ref) }, [unitInput])
        : activity(unitInput);
    };
    const completed = (summary: UnitSummary): UnitSummary => {
      seen = tallyUnit(seen, summary);
      if (isOwnWork(summary)) {
        tally = tallyUnit(tally, summary);
        progress.counts = runCounts(tally);
        progress.apiCalls += summary.apiCalls;
      }
      if (summary.unit === 'player-games') {
        if (progress.playerGames) playerGamesDone(progress.playerGames, summary);
      } else if (summary.unit === 'league-games') progress.teams.gamesDone = progress.teams.total;
      else if (summary.unit === 'games') progress.teams.gamesDone += 1;
      else progress.teams.rostersDone += 1;
      return summary;
    };
    const deadLetter = async (
      ref: UnitRef,
      err: unknown,
      attempts: number,
      apiCalls: number,
    ): Promise<undefined> => {
      const { errorType, message } = describeFailure(err);
      const failure: TeamFailure = { ...ref, errorType, message };
      progress.failures.push(failure);
      if (ref.teamId !== undefined) failedTeams.add(ref.teamId);
      progress.teams.failed = failedTeams.size;
      log.error('unit failed after its retries', { season, seasonType, ...ref, errorType, message });
      progress.apiCalls += apiCalls;
      await bookkeeping.recordDeadLetter({ ...run, ...ref, errorType, errorMessage: message, attempts });
      return undefined;
    };
    const runUnit = async (ref: UnitRef): Promise<UnitSummary | undefined> => {
      try {
        return completed(await callUnit(ref));
      } catch (err) {
        const attempts = attemptsOf(err, unitMaxAttempts);
        return await deadLetter(ref, err, attempts, requestsOf(attempts));
      } finally {
        publish();
      }
    };
    /**
     * A unit behind the breaker: it waits while the breaker is open and, when throttled, goes
     * again once the breaker lets it. Its attempts are spent only on real failures (retried by
     * the server as before) and on throttles the breaker counts as strikes against it alone.
     */
    const runUnitBehind = async (gate: ThrottleGate, ref: UnitRef): Promise<UnitSummary | undefined> => {
      const key = unitName(ref);
      try {
        for (;;) {
          await gate.ready();
          try {
            const summary = await callUnit(ref);
            gate.succeeded(key);
            return completed(summary);
          } catch (err) {
            const signal = throttleSignalOf(err);
            if (!signal) {
              const attempts = attemptsOf(err, nbaMaxAttempts);
              return await deadLetter(ref, err, attempts, attempts);
            }
            progress.apiCalls += 1;
            const strikes = await gate.throttled(key, signal);
            if (strikes >= nbaMaxAttempts) return await deadLetter(ref, err, strikes, 0);
          }
        }
      } finally {
        publish();
      }
    };

    const gate = withBreaker && input.responses !== 'stored' ? createGate() : undefined;
    if (gate) setHandler(resumeSignal, () => gate.resume());
    const runOne = (ref: UnitRef) => (gate ? runUnitBehind(gate, ref) : runUnit(ref));
    const unitRunner = (unit: TeamUnit) => (teamId: number) => runOne({ unit, teamId });
    // The league-wide path needs the breaker's activity options: a run without it stays per team.
    const leagueGames = wantsLeagueGames && withBreaker && patched(LEAGUE_GAMES_PATCH);
    // Only a run over every team is held to the standings; over every date too, to the season's
    // expected size and the previous run's.
    const everyTeam = !input.units && !input.teamIds;
    let standings: StandingsInput | undefined;
    // An interval run (only ever league-wide): its dates, from the watermark unless `since` is given.
    const dates =
      increment.dates && leagueGames && patched(INTERVAL_RUNS_PATCH)
        ? await resolveRunDates(increment.dates, () => bookkeeping.seasonWatermark(run))
        : undefined;
    if (dates) progress.dates = dates;
    // Rosters only where playerindex shows a change: full runs that fetch, on the breaker's path.
    const comparesRosters =
      everyTeam &&
      input.responses !== 'stored' &&
      gate !== undefined &&
      (increment.rosters ?? defaultRosterMode(season, new Date())) === 'changed' &&
      patched(CHANGED_ROSTERS_PATCH);
    let gamesUnits = 0;
    let lanesDone = false;
    const supervising = gate instanceof OwnedBreaker ? gate.supervise(() => lanesDone) : undefined;
    try {
      progress.phase = 'games';
      // A redrive's league-wide units carry the dates their dead letters named: each runs.
      const leagueUnits = leagueGamesUnits(input.units, dates);
      gamesUnits = leagueGames ? leagueUnits.length : teamsFor('games').length;
      if (leagueGames) for (const unit of leagueUnits) await runOne(unit);
      else await mapWithConcurrency(teamsFor('games'), concurrency, unitRunner('games'));
      progress.phase = 'rosters';
      let rosterTeams = teamsFor('roster');
      if (comparesRosters) {
        publish();
        await gate.ready();
        const changed = await changedRosterTeams(
          rosterTeams,
          () =>
            teamActivities.findChangedRosters.executeWithOptions({ summary: 'rosters · changed?' }, [
              { ...run, ...sourcePolicy, teamIds: rosterTeams },
            ]),
          (err) => attemptsOf(err, nbaMaxAttempts),
        );
        progress.apiCalls += changed.apiCalls;
        progress.teams.rostersDone += rosterTeams.length - changed.teamIds.length;
        progress.rostersChanged = changed.teamIds.length;
        rosterTeams = changed.teamIds;
      }
      await mapWithConcurrency(rosterTeams, concurrency, unitRunner('roster'));
      // Every player's lines of the games, league-wide (workflows/player-games.ts); after the rosters,
      // so the game rows add only the players no roster lists, never a second write of the others.
      const playerUnits = withBreaker
        ? playerGamesUnits(input.units, dates, everyTeam && input.playerGames !== false)
        : [];
      if (playerUnits.length > 0) {
        progress.phase = 'player-games';
        progress.playerGames = startPlayerGames(playerUnits);
        for (const unit of playerUnits) await runOne(unit);
      }
      if (patched(STANDINGS_PATCH)) {
        progress.phase = 'standings';
        standings = await obtainStandings({
          // An interval that ends before the standings' moment is not held to them.
          scope: standingsScope({
            season,
            seasonType,
            fullScope: everyTeam,
            asOf,
            intervalEnd: dates?.to,
            now: new Date(),
          }),
          fetch: () =>
            teamActivities.fetchStandings.executeWithOptions({ summary: `${STANDINGS_UNIT} · league` }, [
              { ...run, ...sourcePolicy },
            ]),
          gate,
          maxAttempts: unitMaxAttempts,
          spent: (requests) => (progress.apiCalls += requestsOf(requests)),
        });
      }
    } finally {
      lanesDone = true;
    }
    await supervising;

    progress.phase = 'checking';
    const fullScope = everyTeam && !dates;
    const quality = await bookkeeping.checkSeasonQuality({
      ...run,
      counts: runCounts(seen),
      fullScope,
      ...(asOf ? { asOf } : {}),
      ...(standings ? { standings } : {}),
      ...(dates ? { dates } : {}),
      playerGames: playerGamesCheckable(progress.playerGames, progress.failures),
    });
    progress.quality = {
      games: quality.games,
      passed: quality.passed,
      failed: quality.failed,
      anomalies: quality.anomalies.map((a) => a.message),
      ...(quality.standings ? { standings: quality.standings } : {}),
      ...(quality.playerSums ? { playerSums: quality.playerSums } : {}),
    };

    progress.phase = 'closing';
    const { status, reason } = runVerdict({
      games: { units: gamesUnits, failed: progress.failures.filter(isGamesUnit).length },
      teams: { total: teamIds.length, failed: failedTeams.size },
      failures: progress.failures.length,
      anomalies: quality.anomalies.length,
    });
    if (reason) progress.failureReason = reason;
    await bookkeeping.closeRun({
      ...run,
      status,
      counts: progress.counts,
      apiCalls: progress.apiCalls,
      failures: progress.failures.length,
      ...(reason ? { error: reason } : {}),
      ...ownCooldowns(),
    });
    setStatus(status);
  } catch (err) {
    // Teams or bookkeeping failed: record the run as failed, then fail the workflow.
    const { errorType, message } = describeFailure(err);
    log.error('run failed', { season, seasonType, errorType, message });
    await bookkeeping.closeRun({
      ...run,
      status: 'failed',
      counts: progress.counts,
      apiCalls: progress.apiCalls,
      failures: progress.failures.length + 1,
      error: `${errorType}: ${message}`,
      ...ownCooldowns(),
    });
    setStatus('failed');
    throw err;
  } finally {
    progress.phase = 'done';
    publish();
  }
  return { ...progress, workflowId: run.workflowId, runId: run.runId };
}
