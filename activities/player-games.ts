/**
 * The `player games` unit: every player's line of the season's (or an interval's) games, league-wide
 * in one leaguegamefinder PlayerOrTeam=P request as nba_api sends it, landed raw, read by header
 * name, kept to the season type's NBA games and loaded in transactions of whole games. An answer
 * that reaches the row cap is taken as cut off and its dates are asked again in halves
 * (nba/row-cap.ts); each answer is loaded before the next is asked for, so one is held at a time.
 */
import { log } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import { loadPlayerGames } from '../db/load-player-games.js';
import { resolveDeadLetters } from '../db/runs.js';
import type { GameDates } from '../domain/game-dates.js';
import { addCounts, type LoadCounts } from '../domain/records.js';
import type { TouchedRows } from '../domain/row-outcomes.js';
import type { NbaClient } from '../nba/client.js';
import { leagueGameFinderRequest, type LeagueGameFinderQuery, type NbaRequest } from '../nba/endpoints.js';
import { leagueGameFinderRowCount, parsePlayerGames } from '../nba/parse.js';
import {
  LEAGUE_GAME_FINDER_ROW_CAP,
  rangesToAskAgain,
  reachedRowCap,
  requestedDateRange,
  type DateRange,
} from '../nba/row-cap.js';
import { transformPlayerGames } from '../nba/transform-player-games.js';
import { untilDatabaseAnswers } from './database-outage.js';
import { withHeartbeat } from './heartbeat.js';
import { obtainResponse } from './responses.js';
import type { PlayerGamesInput, PlayerGamesSummary, RunRef } from './types.js';
import { apiCallsSoFar, dateParams, executedInRun, sourceOptions } from './unit-source.js';

/** The question for `range` (none: the run's own, the season or its interval, as nba_api asks it). */
function playerGamesQuery(
  run: Pick<RunRef, 'season' | 'seasonType'>,
  dates: GameDates | undefined,
  range?: DateRange,
): LeagueGameFinderQuery {
  const { season, seasonType } = run;
  const window = range ? { dateFrom: range.from, dateTo: range.to } : dateParams(dates);
  return { season, seasonType, playerOrTeam: 'P', ...window };
}

/** The unit's first request, the one a dead letter names. */
export function playerGamesRequest(
  run: Pick<RunRef, 'season' | 'seasonType'>,
  dates: GameDates | undefined,
): NbaRequest {
  return leagueGameFinderRequest(playerGamesQuery(run, dates));
}

export interface PlayerGamesDeps {
  nba: NbaClient;
  database: Database;
  rowCap?: number | undefined;
}

export function createPlayerGamesActivities({
  nba,
  database,
  rowCap = LEAGUE_GAME_FINDER_ROW_CAP,
}: PlayerGamesDeps) {
  return {
    async ingestPlayerGames(input: PlayerGamesInput): Promise<PlayerGamesSummary> {
      return withHeartbeat(async () => {
        const { season, seasonType, dates } = input;
        const touched: TouchedRows = {};
        let counts: LoadCounts = {};
        let rowsFetched = 0;
        let games = 0;
        let answers = 0;
        let requests = 0;
        // Depth first, so the halves of a capped range load in date order.
        const pending: (DateRange | undefined)[] = [undefined];
        while (pending.length > 0) {
          const range = pending.shift();
          const query = playerGamesQuery(input, dates, range);
          const { response, fromStore } = await untilDatabaseAnswers(() =>
            obtainResponse(
              database,
              leagueGameFinderRequest(query),
              () => nba.leagueGameFinder(query),
              sourceOptions(input),
            ),
          );
          if (!fromStore) requests += 1;
          const rows = leagueGameFinderRowCount(response);
          if (reachedRowCap(rows, rowCap)) {
            const asked = range ?? requestedDateRange(season, dates);
            const halves = rangesToAskAgain(asked, true);
            log.info('player games: answer reached the row cap, asking for each half of its dates', {
              from: asked.from,
              to: asked.to,
              rows,
              rowCap,
            });
            pending.unshift(...halves);
            continue;
          }
          const batch = transformPlayerGames(parsePlayerGames(response), { season, seasonType });
          const loaded = await untilDatabaseAnswers(() =>
            loadPlayerGames(database, batch, input.runId, touched),
          );
          counts = addCounts(counts, loaded);
          rowsFetched += rows;
          games += new Set(batch.stats.map((s) => s.gameId)).size;
          answers += 1;
        }
        await untilDatabaseAnswers(() =>
          resolveDeadLetters(database, {
            season,
            seasonType,
            runId: input.runId,
            unit: 'player-games',
            ...(dates ? { dates } : {}),
          }),
        );
        log.info('player games loaded', { rows: rowsFetched, games, answers, requests });
        return {
          unit: 'player-games' as const,
          counts,
          touched,
          rowsFetched,
          games,
          answers,
          apiCalls: apiCallsSoFar(input, true) + requests,
          ...executedInRun(),
        };
      });
    },
  };
}
