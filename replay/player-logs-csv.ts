/**
 * `player_logs_<season>.csv` files: one regular season of leaguegamefinder PlayerOrTeam=P rows, as
 * fetched in 14-day windows and concatenated (AntBap23-player-game-logs/SOURCE.md). The file maker's
 * own SEASON_LABEL column is dropped, leaving the 30 columns of the API's answer; rows are put newest
 * first, the order of the API's answers (the file is newest first only within each window).
 */
import { readFile } from 'node:fs/promises';
import { columnIndex, readStatsCsv, type GameTable } from './games-csv.js';

/** Columns the file maker added: not part of the API's answer. */
const DUMP_COLUMNS = ['SEASON_LABEL'];

export interface PlayerLogTable extends GameTable {
  column: GameTable['column'] & { playerId: number };
}

export function parsePlayerLogsCsv(season: string, csvText: string, source: string): PlayerLogTable {
  const { headers, rows } = readStatsCsv(csvText, source, DUMP_COLUMNS);
  const column = {
    seasonId: columnIndex(headers, 'SEASON_ID', source),
    playerId: columnIndex(headers, 'PLAYER_ID', source),
    teamId: columnIndex(headers, 'TEAM_ID', source),
    gameId: columnIndex(headers, 'GAME_ID', source),
    gameDate: columnIndex(headers, 'GAME_DATE', source),
  };
  const date = (row: unknown[]) => String(row[column.gameDate] ?? '');
  rows.sort((a, b) => date(b).localeCompare(date(a))); // stable: a day's rows keep the file's order
  return { season, headers, rows, column };
}

export async function loadPlayerLogsCsv(season: string, path: string): Promise<PlayerLogTable> {
  return parsePlayerLogsCsv(season, await readFile(path, 'utf8'), path);
}
