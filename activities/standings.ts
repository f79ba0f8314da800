/**
 * NBA.com's standings of a season, for the reconciliation in the quality step: one leaguestandingsv3
 * request on the rate-limited NBA queue, landed in raw_responses like every body (so a retransform
 * reconciles with zero requests), parsed, and returned as 30 small records: the workflow passes them
 * on to checkSeasonQuality, which counts the loaded games.
 */
import { log } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import type { StandingsRecord } from '../domain/standings.js';
import type { NbaClient } from '../nba/client.js';
import { leagueStandingsRequest } from '../nba/endpoints.js';
import { parseLeagueStandings } from '../nba/parse-standings.js';
import { untilDatabaseAnswers } from './database-outage.js';
import { withHeartbeat } from './heartbeat.js';
import { obtainResponse } from './responses.js';
import type { OwnWork, UnitInput } from './types.js';
import { apiCallsSoFar, executedInRun, sourceOptions } from './unit-source.js';

export interface StandingsFetched extends OwnWork {
  records: StandingsRecord[];
  /** HTTP requests made, counting earlier failed attempts (0 from stored responses). */
  apiCalls: number;
  /** When NBA.com answered (a stored body: when it was last fetched). */
  fetchedAt: string;
}

export function createStandingsActivities({ nba, database }: { nba: NbaClient; database: Database }) {
  return {
    async fetchStandings(input: UnitInput): Promise<StandingsFetched> {
      const query = { season: input.season, seasonType: input.seasonType };
      return withHeartbeat(async () => {
        const { response, fromStore } = await untilDatabaseAnswers(() =>
          obtainResponse(
            database,
            leagueStandingsRequest(query),
            () => nba.leagueStandings(query),
            sourceOptions(input),
          ),
        );
        const records = parseLeagueStandings(response).map(({ teamId, wins, losses }) => ({
          teamId,
          wins,
          losses,
        }));
        log.info('standings fetched', { teams: records.length, fromStore });
        return {
          records,
          apiCalls: apiCallsSoFar(input, fromStore),
          fetchedAt: response.fetchedAt,
          ...executedInRun(),
        };
      });
    },
  };
}
