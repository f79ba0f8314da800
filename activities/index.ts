/**
 * Activities are built once per worker from their dependencies (samples-typescript style):
 * `createActivities({ nba, database })`. Each one does fetch → validate → upsert and returns a
 * small summary.
 */
import { log } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import {
  GAMES_PER_TRANSACTION,
  loadRoster,
  loadSeasonGames,
  loadTeamGames,
  loadTeams,
  storedRosterPlayers,
} from '../db/load.js';
import { recordCoverage } from '../db/coverage.js';
import { seasonWatermark } from '../db/season-status.js';
import { coveredByRequest } from '../domain/coverage.js';
import { formatGameDates, type GameDates } from '../domain/game-dates.js';
import { teamsWithChangedRosters } from '../domain/roster-diff.js';
import {
  closeRun,
  openResetRun,
  openRun,
  recordDeadLetter,
  resolveDeadLetters,
  runRecordExists,
} from '../db/runs.js';
import type { LoadCounts } from '../domain/records.js';
import type { TouchedRows } from '../domain/row-outcomes.js';
import { isLeagueUnit } from '../domain/runs.js';
import { GAME_ID_PREFIX } from '../domain/season.js';
import type { NbaClient, NbaResponse } from '../nba/client.js';
import { parseCommonTeamRoster, parseLeagueGameFinder, parsePlayerIndex } from '../nba/parse.js';
import { NBA_TEAMS } from '../nba/teams.js';
import { transformRoster, transformTeamGames } from '../nba/transform.js';
import type {
  ChangedRostersInput,
  ChangedRostersSummary,
  CloseRunInput,
  DeadLetterInput,
  LeagueGamesInput,
  LeagueGamesSummary,
  OpenRunInput,
  RunRef,
  TeamsLoaded,
  TeamUnitInput,
  TeamUnitSummary,
  UnitInput,
  UnitRef,
} from './types.js';
import { untilDatabaseAnswers } from './database-outage.js';
import { withHeartbeat } from './heartbeat.js';
import { obtainResponse } from './responses.js';
import { apiCallsSoFar, dateParams, executedInRun, sourceOptions } from './unit-source.js';
import { createPlayerGamesActivities, playerGamesRequest } from './player-games.js';
import { createStandingsActivities } from './standings.js';
import {
  commonTeamRosterRequest,
  leagueGameFinderRequest,
  playerIndexRequest,
  type NbaRequest,
} from '../nba/endpoints.js';
import { createQualityActivities } from './quality.js';
import { currentExecution, readRunOrigin, type RunHistory, type RunOrigin } from './run-origin.js';
import { sendAlert } from './alert.js';
import type { NbaPacer, PaceInput, PaceOutcome } from './nba-pace.js';
import { formatRps } from '../domain/nba-pace.js';

export interface ActivityDeps {
  nba: NbaClient;
  database: Database;
  /** POSTed a JSON alert when a run is anomalous. */
  alertWebhookUrl?: string | undefined;
  /**
   * The workflows' histories (the worker's Temporal connection): who started a run, which run a reset
   * run was reset from. Without it (the benchmark) started_by stays null and resets go unrecognised.
   */
  runHistory?: RunHistory | undefined;
  /** The fleet's NBA pace (the NBA queue's config). Without it (the benchmark's direct runs) nothing is paced. */
  nbaPacer?: NbaPacer | undefined;
  /** The row cap an answer is held to (NBA_ROW_CAP; default LEAGUE_GAME_FINDER_ROW_CAP). */
  rowCap?: number | undefined;
}

/** The NBA request behind one unit of work (the league-wide games: leaguegamefinder without TeamID). */
function unitRequest(run: RunRef, ref: UnitRef): NbaRequest {
  const { season, seasonType } = run;
  if (ref.unit === 'league-games')
    return leagueGameFinderRequest({ season, seasonType, ...dateParams(ref.dates) });
  if (ref.unit === 'player-games') return playerGamesRequest(run, ref.dates);
  if (ref.unit === 'roster') return commonTeamRosterRequest({ season, teamId: ref.teamId });
  return leagueGameFinderRequest({ season, seasonType, teamId: ref.teamId });
}

export function createActivities({
  nba,
  database,
  alertWebhookUrl,
  runHistory,
  nbaPacer,
  rowCap,
}: ActivityDeps) {
  /**
   * A run reset past its openRun replays that step instead of running it: the first bookkeeping
   * step it does run opens its record (one primary-key lookup when the record exists).
   */
  async function ensureRunRecord(runId: string): Promise<void> {
    if (!runHistory || (await runRecordExists(database, runId))) return;
    const { workflowId } = currentExecution();
    const origin = await readRunOrigin(runHistory, { workflowId, runId });
    if (origin.resetOf) await openResetRun(database, { runId, ...origin, resetOf: origin.resetOf });
  }
  const quality = createQualityActivities({ database, alertWebhookUrl });

  /**
   * One unit of work: response (fetched, or stored per the policy) → validate, transform and load
   * → resolve the unit's dead letters → what was loaded, and the requests it took.
   */
  async function ingestUnit<Loaded extends { counts: LoadCounts; rowsFetched: number; touched: TouchedRows }>(
    input: UnitInput,
    ref: UnitRef,
    step: { fetch: () => Promise<NbaResponse>; load: (response: NbaResponse) => Promise<Loaded> },
  ): Promise<Loaded & { apiCalls: number }> {
    return withHeartbeat(async () => {
      // Fetched at most once per attempt: a database step repeated after an outage reuses the body.
      let fetched: Promise<NbaResponse> | undefined;
      const fetchOnce = (): Promise<NbaResponse> => (fetched ??= step.fetch());
      const { response, fromStore } = await untilDatabaseAnswers(() =>
        obtainResponse(database, unitRequest(input, ref), fetchOnce, sourceOptions(input)),
      );
      const loaded = await untilDatabaseAnswers(() => step.load(response));
      await untilDatabaseAnswers(() =>
        resolveDeadLetters(database, {
          season: input.season,
          seasonType: input.seasonType,
          runId: input.runId,
          ...ref,
        }),
      );
      return { ...loaded, apiCalls: apiCallsSoFar(input, fromStore), ...executedInRun() };
    });
  }

  /**
   * A games unit whose answer is loaded covered the dates it asked for (its team's, or every team's:
   * teamId null), up to the day before the answer was fetched; the watermark derives from these.
   */
  async function recordCovered(
    input: UnitInput,
    teamId: number | null,
    dates: GameDates | undefined,
    response: NbaResponse,
  ): Promise<void> {
    const range = coveredByRequest(input.season, dates, response.fetchedAt);
    if (range)
      await recordCoverage(database, {
        season: input.season,
        seasonType: input.seasonType,
        teamId,
        ...range,
        runId: input.runId,
      });
  }

  /** A team's unit of work, as the games and roster activities return it. */
  const ingestTeamUnit = async (
    input: TeamUnitInput,
    unit: TeamUnitSummary['unit'],
    step: {
      fetch: () => Promise<NbaResponse>;
      load: (
        response: NbaResponse,
      ) => Promise<{ counts: LoadCounts; rowsFetched: number; touched: TouchedRows }>;
    },
  ): Promise<TeamUnitSummary> => ({
    teamId: input.teamId,
    unit,
    ...(await ingestUnit(input, { unit, teamId: input.teamId }, step)),
  });

  return {
    ...quality,
    async checkSeasonQuality(
      input: Parameters<typeof quality.checkSeasonQuality>[0],
    ): ReturnType<typeof quality.checkSeasonQuality> {
      await ensureRunRecord(input.runId);
      return quality.checkSeasonQuality(input);
    },
    ...createStandingsActivities({ nba, database }),
    ...createPlayerGamesActivities({ nba, database, rowCap }),

    /** Opens the run record, naming who started the run and, for a reset run, the run it was reset from. */
    async openRun(input: OpenRunInput): Promise<RunOrigin | undefined> {
      const origin = runHistory
        ? await readRunOrigin(runHistory, { workflowId: input.workflowId, runId: input.runId })
        : undefined;
      // A reset to the first workflow task runs openRun again, with the input of the run it replaces.
      const trigger = origin?.resetOf ? 'reset' : input.trigger;
      await openRun(database, { ...input, trigger, startedBy: origin?.startedBy, resetOf: origin?.resetOf });
      return origin;
    },

    async loadTeams(run: RunRef): Promise<TeamsLoaded> {
      await ensureRunRecord(run.runId);
      return { counts: await loadTeams(database, [...NBA_TEAMS], run.runId), ...executedInRun() };
    },

    async ingestTeamGames(input: TeamUnitInput): Promise<TeamUnitSummary> {
      const query = { season: input.season, seasonType: input.seasonType, teamId: input.teamId };
      return ingestTeamUnit(input, 'games', {
        fetch: () => nba.leagueGameFinder(query),
        load: async (response) => {
          const rows = parseLeagueGameFinder(response);
          const batch = transformTeamGames(rows, { season: input.season, seasonType: input.seasonType });
          const touched: TouchedRows = {};
          const counts = await loadTeamGames(database, batch, input.runId, touched);
          await recordCovered(input, input.teamId, undefined, response);
          log.info('team games loaded', {
            teamId: input.teamId,
            rows: rows.length,
            matches: batch.matches.length,
            gameIdPrefix: GAME_ID_PREFIX[input.seasonType],
          });
          return { counts, rowsFetched: rows.length, touched };
        },
      });
    },

    async ingestTeamRoster(input: TeamUnitInput): Promise<TeamUnitSummary> {
      const query = { season: input.season, teamId: input.teamId };
      return ingestTeamUnit(input, 'roster', {
        fetch: () => nba.commonTeamRoster(query),
        load: async (response) => {
          const rows = parseCommonTeamRoster(response);
          const batch = transformRoster(rows, { season: input.season, teamId: input.teamId });
          const touched: TouchedRows = {};
          const counts = await loadRoster(database, batch, input.runId, touched);
          log.info('team roster loaded', { teamId: input.teamId, players: batch.players.length });
          return { counts, rowsFetched: rows.length, touched };
        },
      });
    },

    /**
     * Every team's games of the season in ONE request (leaguegamefinder without TeamID), loaded
     * GAMES_PER_TRANSACTION games per transaction. Both rows of every game are in the answer, so
     * each score is the scoring team's own PTS: no estimate to correct later.
     */
    async ingestLeagueGames(input: LeagueGamesInput): Promise<LeagueGamesSummary> {
      const { season, seasonType, dates } = input;
      const loaded = await ingestUnit(
        input,
        { unit: 'league-games', ...(dates ? { dates } : {}) },
        {
          fetch: () => nba.leagueGameFinder({ season, seasonType, ...dateParams(dates) }),
          load: async (response) => {
            const rows = parseLeagueGameFinder(response);
            const batch = transformTeamGames(rows, { season, seasonType });
            const touched: TouchedRows = {};
            const counts = await loadSeasonGames(database, batch, input.runId, undefined, touched);
            await recordCovered(input, null, dates, response);
            log.info('league games loaded', {
              dates: dates ? formatGameDates(dates) : 'season',
              rows: rows.length,
              matches: batch.matches.length,
              transactions: Math.ceil(batch.matches.length / GAMES_PER_TRANSACTION),
            });
            return { counts, rowsFetched: rows.length, games: batch.matches.length, touched };
          },
        },
      );
      return { unit: 'league-games', ...loaded };
    },

    /**
     * Rosters only where they changed: ONE playerindex request (every player with his current team),
     * compared with the stored rosters of the season. Returns the teams to fetch again, not rows.
     */
    async findChangedRosters(input: ChangedRostersInput): Promise<ChangedRostersSummary> {
      return withHeartbeat(async () => {
        const { season } = input;
        const { response, fromStore } = await untilDatabaseAnswers(() =>
          obtainResponse(
            database,
            playerIndexRequest({ season }),
            () => nba.playerIndex({ season }),
            sourceOptions(input),
          ),
        );
        const index = parsePlayerIndex(response);
        const stored = await untilDatabaseAnswers(() => storedRosterPlayers(database, season));
        const teamIds = teamsWithChangedRosters(index, stored, input.teamIds);
        const rostered = index.filter((p) => p.teamId !== null).length;
        log.info('rosters compared with playerindex', { rostered, stored: stored.length, changed: teamIds });
        return { teamIds, apiCalls: apiCallsSoFar(input, fromStore), rostered, ...executedInRun() };
      });
    },

    /** The season's watermark: the last game date up to which every game is loaded (domain/coverage.ts). */
    async seasonWatermark(run: RunRef): Promise<string | null> {
      return seasonWatermark(database, run);
    },

    /** The breaker's probe (workflows/throttle-gate.ts): one cheap request; its answer is not kept. */
    async probeNbaApi(input: { season: string; teamId: number }): Promise<void> {
      await nba.commonTeamRoster(input);
    },

    /** A breaker trip or a stretch of clean answers moves the fleet's NBA rate (domain/nba-pace.ts). */
    async paceNbaRate(input: PaceInput): Promise<PaceOutcome | undefined> {
      const outcome = await nbaPacer?.pace(input);
      if (outcome?.change)
        log.warn(`NBA rate ${formatRps(outcome.from)} → ${formatRps(outcome.rps)}: ${outcome.reason}`, {
          ...outcome,
        });
      return outcome;
    },

    async recordDeadLetter(input: DeadLetterInput): Promise<void> {
      // The request the unit makes, exactly as sent: enough to replay the call by hand.
      const ref: UnitRef = isLeagueUnit(input.unit)
        ? { unit: input.unit, ...(input.dates ? { dates: input.dates } : {}) }
        : { unit: input.unit, teamId: input.teamId! };
      const { endpoint, params } = unitRequest(input, ref);
      await ensureRunRecord(input.runId);
      await recordDeadLetter(database, { ...input, endpoint, params });
    },

    /** A failed run also goes to the alert webhook: its games are missing, someone must look. */
    async closeRun(input: CloseRunInput): Promise<void> {
      await ensureRunRecord(input.runId);
      await closeRun(database, input.runId, input);
      if (input.status === 'failed' && alertWebhookUrl) {
        await sendAlert(alertWebhookUrl, {
          kind: 'nba-ingest.failed',
          season: input.season,
          seasonType: input.seasonType,
          workflowId: input.workflowId,
          runId: input.runId,
          reason: input.error ?? 'the run failed',
          failures: input.failures,
        });
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
