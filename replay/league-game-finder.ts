/**
 * leaguegamefinder answered from the data files: team rows (PlayerOrTeam=T) from games_<season>.csv
 * here, player rows (P) from player_logs_<season>.csv in player-game-finder.ts, both with the filters
 * of game-finder-filters.ts.
 */
import { badRequest, param, type Answer, type Query } from './answers.js';
import type { DataStore } from './data-store.js';
import { gameFinderAnswer, isFilterError, keepsRow, readGameFinderFilters } from './game-finder-filters.js';
import { GAME_IDENTITY_HEADERS, type GameTable } from './games-csv.js';
import { answerPlayerGameFinder } from './player-game-finder.js';
import { BOX_SCORE_FIELDS } from '../domain/records.js';

/** The real answer's columns, in its order: the game and team, then the 20 box-score fields. */
export const LEAGUE_GAME_FINDER_HEADERS: string[] = [
  ...GAME_IDENTITY_HEADERS,
  ...Object.values(BOX_SCORE_FIELDS).map((field) => field.header),
];

export async function answerLeagueGameFinder(query: Query, store: DataStore): Promise<Answer> {
  const playerOrTeam = param(query, 'PlayerOrTeam');
  if (playerOrTeam === '') return badRequest('The PlayerOrTeam property is required.');
  if (playerOrTeam === 'P') return answerPlayerGameFinder(query, store);
  if (playerOrTeam !== 'T')
    return badRequest(`replay: PlayerOrTeam=${playerOrTeam} is not emulated (only T and P)`);
  const filters = readGameFinderFilters(query, false);
  if (isFilterError(filters)) return filters;

  const seasons = filters.season === '' ? store.seasons() : [filters.season];
  const tables = (await Promise.all(seasons.map((s) => store.games(s)))).filter((t): t is GameTable => !!t);
  const note = tables.length === 0 ? `no games data for season ${filters.season || '(any)'}` : undefined;

  const headers = tables[0]?.headers ?? LEAGUE_GAME_FINDER_HEADERS;
  const rowSet: unknown[][] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      if (!keepsRow(row, table.column, filters)) continue;
      rowSet.push(table.headers === headers ? row : reorder(row, table.headers, headers));
    }
  }
  if (tables.length > 1) sortNewestFirst(rowSet, headers.indexOf('GAME_DATE'));

  return gameFinderAnswer(query, headers, rowSet, note);
}

function reorder(row: unknown[], from: string[], to: string[]): unknown[] {
  return to.map((header) => {
    const index = from.indexOf(header);
    return index < 0 ? null : row[index];
  });
}

function sortNewestFirst(rows: unknown[][], dateIndex: number): void {
  const date = (row: unknown[]) => String(row[dateIndex] ?? '');
  rows.sort((a, b) => (date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : 0));
}
