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
import type { NbaClient } from '../nba/client.js';
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
} from './types.js';
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

export const GAMES_ENDPOINT = 'leaguegamefinder';
export const ROSTER_ENDPOINT = 'commonteamroster';

function sourceOptions(input: TeamUnitInput): ResponseSourceOptions {
  return {
    policy: input.responses ?? 'fetch',
    runId: input.runId,
    ...(input.maxResponseAgeMs ? { maxAgeMs: input.maxResponseAgeMs } : {}),
  };
}

/** Each attempt of an HTTP activity made one request; earlier attempts count too. */
function apiCallsSoFar(): number {
  return Context.current().info.attempt;
}

export function createActivities({ nba, database, alertWebhookUrl }: ActivityDeps) {
  return {
    ...createQualityActivities({ database, alertWebhookUrl }),

    async openRun(input: OpenRunInput): Promise<void> {
      await openRun(database, input);
    },

    async loadTeams(run: RunRef): Promise<LoadCounts> {
      return loadTeams(database, [...NBA_TEAMS], run.runId);
    },

    async ingestTeamGames(input: TeamUnitInput): Promise<TeamUnitSummary> {
      return withHeartbeat(async () => {
        const query = { season: input.season, seasonType: input.seasonType, teamId: input.teamId };
        const { response, fromStore } = await obtainResponse(
          database,
          leagueGameFinderRequest(query),
          () => nba.leagueGameFinder(query),
          sourceOptions(input),
        );
        const rows = parseLeagueGameFinder(response);
        const batch = transformTeamGames(rows, { season: input.season, seasonType: input.seasonType });
        const counts = await loadTeamGames(database, batch, input.runId);
        await resolveDeadLetters(database, {
          season: input.season,
          seasonType: input.seasonType,
          teamId: input.teamId,
          unit: 'games',
          runId: input.runId,
        });
        log.info('team games loaded', {
          teamId: input.teamId,
          rows: rows.length,
          matches: batch.matches.length,
          gameIdPrefix: GAME_ID_PREFIX[input.seasonType],
        });
        return {
          teamId: input.teamId,
          unit: 'games',
          counts,
          apiCalls: fromStore ? 0 : apiCallsSoFar(),
          rowsFetched: rows.length,
        };
      });
    },

    async ingestTeamRoster(input: TeamUnitInput): Promise<TeamUnitSummary> {
      return withHeartbeat(async () => {
        const query = { season: input.season, teamId: input.teamId };
        const { response, fromStore } = await obtainResponse(
          database,
          commonTeamRosterRequest(query),
          () => nba.commonTeamRoster(query),
          sourceOptions(input),
        );
        const rows = parseCommonTeamRoster(response);
        const batch = transformRoster(rows, { season: input.season, teamId: input.teamId });
        const counts = await loadRoster(database, batch, input.runId);
        await resolveDeadLetters(database, {
          season: input.season,
          seasonType: input.seasonType,
          teamId: input.teamId,
          unit: 'roster',
          runId: input.runId,
        });
        log.info('team roster loaded', { teamId: input.teamId, players: batch.players.length });
        return {
          teamId: input.teamId,
          unit: 'roster',
          counts,
          apiCalls: fromStore ? 0 : apiCallsSoFar(),
          rowsFetched: rows.length,
        };
      });
    },

    async recordDeadLetter(input: DeadLetterInput): Promise<void> {
      const endpoint = input.unit === 'games' ? GAMES_ENDPOINT : ROSTER_ENDPOINT;
      const params: Record<string, string> =
        input.unit === 'games'
          ? { Season: input.season, SeasonType: input.seasonType, TeamID: String(input.teamId) }
          : { Season: input.season, TeamID: String(input.teamId) };
      await recordDeadLetter(database, { ...input, endpoint, params });
    },

    async closeRun(input: CloseRunInput): Promise<void> {
      await closeRun(database, input.runId, input);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
