/**
 * `games_<season>.csv` files: LeagueGameFinder team rows as pandas dumped them. Cells are turned
 * back into the JSON types stats.nba.com sends (ids and counts as numbers, GAME_ID as a string with
 * its leading zeros, blanks as null), so "1610612738.0" becomes 1610612738 again.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

export interface GameTable {
  season: string;
  headers: string[];
  rows: unknown[][];
  column: { seasonId: number; teamId: number; gameId: number; gameDate: number };
}

/** The columns before the box score: which game, which team. Text even when it looks numeric, but TEAM_ID. */
export const GAME_IDENTITY_HEADERS = [
  'SEASON_ID',
  'TEAM_ID',
  'TEAM_ABBREVIATION',
  'TEAM_NAME',
  'GAME_ID',
  'GAME_DATE',
  'MATCHUP',
  'WL',
] as const;
const TEXT_COLUMNS = new Set<string>(GAME_IDENTITY_HEADERS.filter((header) => header !== 'TEAM_ID'));
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function csvCell(header: string, raw: string): unknown {
  if (raw === '') return null;
  if (TEXT_COLUMNS.has(header)) return raw;
  return NUMBER_TEXT.test(raw) ? Number(raw) : raw;
}

export function parseGamesCsv(season: string, csvText: string, source: string): GameTable {
  const records = parse(csvText, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
  }) as string[][];
  const headers = records[0];
  if (!headers) throw new Error(`${source}: empty CSV`);
  const rows = records.slice(1).map((record) => record.map((raw, i) => csvCell(headers[i] as string, raw)));
  return gameTable(season, headers, rows, source);
}

/** A table of team game rows, its identity columns found by header (an error names the one missing). */
export function gameTable(season: string, headers: string[], rows: unknown[][], source: string): GameTable {
  const column = (name: string): number => {
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`${source}: no ${name} column (is this a LeagueGameFinder dump?)`);
    return index;
  };
  return {
    season,
    headers,
    rows,
    column: {
      seasonId: column('SEASON_ID'),
      teamId: column('TEAM_ID'),
      gameId: column('GAME_ID'),
      gameDate: column('GAME_DATE'),
    },
  };
}

export async function loadGamesCsv(season: string, path: string): Promise<GameTable> {
  return parseGamesCsv(season, await readFile(path, 'utf8'), path);
}
