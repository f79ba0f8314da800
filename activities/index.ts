/**
 * Activities are built once per worker from their dependencies (samples-typescript style):
 * `createActivities({ nba, database })`. Each one does fetch → validate → upsert and returns a
 * small summary.
 */
import { Context, log } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import { loadRoster, loadTeamGames, loadTeams } from '../db/load.js';
import { closeRun, openRun, recordDeadLetter, resolveDeadLetters } from '../db/runs.js';
import type { LoadCounts } from '../domain/records.js';
import { GAME_ID_PREFIX } from '../domain/season.js';
import type { NbaClient, NbaRequest, NbaResponse } from '../nba/client.js';
import { parseCommonTeamRoster, parseLeagueGameFinder } from '../nba/parse.js';
import { NBA_TEAMS } from '../nba/teams.js';
import { transformRoster, transformTeamGames } from '../nba/transform.js';
import type {
  CloseRunInput,
  DeadLetterInput,
  OpenRunInput,
  RunRef,
  TeamUnitInput,
  TeamUnitSummary,
  WorkUnit,
} from './types.js';
import { untilDatabaseAnswers } from './database-outage.js';
import { withHeartbeat } from './heartbeat.js';
import { obtainResponse, type ResponseSourceOptions } from './responses.js';
import { commonTeamRosterRequest, leagueGameFinderRequest } from '../nba/endpoints.js';
import { createQualityActivities } from './quality.js';

export interface ActivityDeps {
  nba: NbaClient;
  database: Database;
  /** POSTed a JSON alert when a run is anomalous. */
  alertWebhookUrl?: string | undefined;
}

/** The NBA request behind one team's unit of work. */
function unitRequest(unit: WorkUnit, team: RunRef & { teamId: number }): NbaRequest {
  return unit === 'games'
    ? leagueGameFinderRequest({ season: team.season, seasonType: team.seasonType, teamId: team.teamId })
    : commonTeamRosterRequest({ season: team.season, teamId: team.teamId });
}

function sourceOptions(input: TeamUnitInput): ResponseSourceOptions {
  const { attempt, scheduledTimestampMs } = Context.current().info;
  const policy = input.responses ?? 'fetch';
  // A retry (after a crash or a failed load) reuses the body an earlier attempt already landed:
  // a worker killed mid-activity costs no second request.
  if (policy === 'fetch' && attempt > 1) {
    return {
      policy: 'prefer-stored',
      maxAgeMs: Math.max(0, Date.now() - scheduledTimestampMs),
      runId: input.runId,
    };
  }
  return {
    policy,
    runId: input.runId,
    ...(input.maxResponseAgeMs ? { maxAgeMs: input.maxResponseAgeMs } : {}),
  };
}

/**
 * Requests made for this unit: one per earlier attempt (as far as we know) plus this attempt's,
 * unless it was served from stored responses.
 */
function apiCallsSoFar(input: TeamUnitInput, fromStore: boolean): number {
  if (input.responses === 'stored') return 0;
  return Context.current().info.attempt - 1 + (fromStore ? 0 : 1);
}

export function createActivities({ nba, database, alertWebhookUrl }: ActivityDeps) {
  /**
   * One team's unit of work: response (fetched, or stored per the policy) → validate, transform
   * and load → resolve the unit's dead letters → a small summary.
   */
  async function ingestTeamUnit(
    input: TeamUnitInput,
    unit: WorkUnit,
    step: {
      request: NbaRequest;
      fetch: () => Promise<NbaResponse>;
      load: (response: NbaResponse) => Promise<{ counts: LoadCounts; rowsFetched: number }>;
    },
  ): Promise<TeamUnitSummary> {
    return withHeartbeat(async () => {
      // Fetched at most once per attempt: a database step repeated after an outage reuses the body.
      let fetched: Promise<NbaResponse> | undefined;
      const fetchOnce = (): Promise<NbaResponse> => (fetched ??= step.fetch());
      const { response, fromStore } = await untilDatabaseAnswers(() =>
        obtainResponse(database, step.request, fetchOnce, sourceOptions(input)),
      );
      const { counts, rowsFetched } = await untilDatabaseAnswers(() => step.load(response));
      await untilDatabaseAnswers(() =>
        resolveDeadLetters(database, {
          season: input.season,
          seasonType: input.seasonType,
          teamId: input.teamId,
          unit,
          runId: input.runId,
        }),
      );
      return { teamId: input.teamId, unit, counts, apiCalls: apiCallsSoFar(input, fromStore), rowsFetched };
    });
  }

  return {
    ...createQualityActivities({ database, alertWebhookUrl }),

    async openRun(input: OpenRunInput): Promise<void> {
      await openRun(database, input);
    },

    async loadTeams(run: RunRef): Promise<LoadCounts> {
      return loadTeams(database, [...NBA_TEAMS], run.runId);
    },

    async ingestTeamGames(input: TeamUnitInput): Promise<TeamUnitSummary> {
      const query = { season: input.season, seasonType: input.seasonType, teamId: input.teamId };
      return ingestTeamUnit(input, 'games', {
        request: unitRequest('games', input),
        fetch: () => nba.leagueGameFinder(query),
        load: async (response) => {
          const rows = parseLeagueGameFinder(response);
          const batch = transformTeamGames(rows, { season: input.season, seasonType: input.seasonType });
          const counts = await loadTeamGames(database, batch, input.runId);
          log.info('team games loaded', {
            teamId: input.teamId,
            rows: rows.length,
            matches: batch.matches.length,
            gameIdPrefix: GAME_ID_PREFIX[input.seasonType],
          });
          return { counts, rowsFetched: rows.length };
        },
      });
    },

    async ingestTeamRoster(input: TeamUnitInput): Promise<TeamUnitSummary> {
      const query = { season: input.season, teamId: input.teamId };
      return ingestTeamUnit(input, 'roster', {
        request: unitRequest('roster', input),
        fetch: () => nba.commonTeamRoster(query),
        load: async (response) => {
          const rows = parseCommonTeamRoster(response);
          const batch = transformRoster(rows, { season: input.season, teamId: input.teamId });
          const counts = await loadRoster(database, batch, input.runId);
          log.info('team roster loaded', { teamId: input.teamId, players: batch.players.length });
          return { counts, rowsFetched: rows.length };
        },
      });
    },

    /** The breaker's probe (workflows/throttle-gate.ts): one cheap request; its answer is not kept. */
    async probeNbaApi(input: { season: string; teamId: number }): Promise<void> {
      await nba.commonTeamRoster(input);
    },

    async recordDeadLetter(input: DeadLetterInput): Promise<void> {
      // The request the unit makes, exactly as sent: enough to replay the call by hand.
      const { endpoint, params } = unitRequest(input.unit, input);
      await recordDeadLetter(database, { ...input, endpoint, params });
    },

    async closeRun(input: CloseRunInput): Promise<void> {
      await closeRun(database, input.runId, input);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
