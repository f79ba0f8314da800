/**
 * leaguegamefinder with PlayerOrTeam=P (one row per player per game) answered from
 * player_logs_<season>.csv, with the team mode's filters (game-finder-filters.ts) plus PlayerID.
 * The files hold regular seasons only. For anything else on hand (another season, another season
 * type, every season type, every season) there is no honest answer: an empty or partial one would
 * look real, and a run would report "complete" player stats. So the replay answers 404 naming what
 * is missing, which the client turns into a non-retryable NbaClientError: the unit fails at once and
 * is dead-lettered. (A recorded answer, such as nba_api's LeBron James 2023-24 of every season type,
 * is served verbatim before this is asked.)
 */
import type { Answer, Query } from './answers.js';
import type { DataStore } from './data-store.js';
import { gameFinderAnswer, isFilterError, keepsRow, readGameFinderFilters } from './game-finder-filters.js';

/** The season type the player logs hold. */
const LOGGED_SEASON_TYPE = 'Regular Season';

export const NO_PLAYER_LOGS_STATUS = 404;

export async function answerPlayerGameFinder(query: Query, store: DataStore): Promise<Answer> {
  const filters = readGameFinderFilters(query, true);
  if (isFilterError(filters)) return filters;
  const onHand = store.playerLogSeasons();
  const missing = (what: string): Answer => ({
    kind: 'error',
    status: NO_PLAYER_LOGS_STATUS,
    message:
      `replay: no player game logs for ${what}; on hand: ${LOGGED_SEASON_TYPE} of ` +
      `${onHand.join(', ') || 'no season'}`,
  });
  if (filters.season === '') return missing('every season (the query has no Season)');
  if (filters.seasonType !== LOGGED_SEASON_TYPE)
    return missing(`${filters.season} ${filters.seasonType || 'of every season type'}`);
  const table = await store.playerLogs(filters.season);
  if (!table) return missing(`${filters.season} ${filters.seasonType}`);

  const rowSet = table.rows.filter((row) => keepsRow(row, table.column, filters));
  return gameFinderAnswer(query, table.headers, rowSet);
}
