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
/** Who played, in PlayerOrTeam=P rows (between SEASON_ID and TEAM_ID); the name is text whatever it looks like. */
export const PLAYER_IDENTITY_HEADERS = ['PLAYER_ID', 'PLAYER_NAME'] as const;
const TEXT_COLUMNS = new Set<string>([
  ...GAME_IDENTITY_HEADERS.filter((header) => header !== 'TEAM_ID'),
  'PLAYER_NAME',
]);
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function csvCell(header: string, raw: string): unknown {
  if (raw === '') return null;
  if (TEXT_COLUMNS.has(header)) return raw;
  return NUMBER_TEXT.test(raw) ? Number(raw) : raw;
}

/** A stats CSV as JSON-typed rows, without the `dropped` columns (a dump's own additions). */
export function readStatsCsv(
  csvText: string,
  source: string,
  dropped: readonly string[] = [],
): { headers: string[]; rows: unknown[][] } {
  const records = parse(csvText, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
  }) as string[][];
  const all = records[0];
  if (!all) throw new Error(`${source}: empty CSV`);
  const kept = all.flatMap((header, index) => (dropped.includes(header) ? [] : [index]));
  const headers = kept.map((index) => all[index] as string);
  const rows = records
    .slice(1)
    .map((record) => kept.map((index) => csvCell(all[index] as string, record[index] as string)));
  return { headers, rows };
}

/** Where a column is; a file without it is not the dump it claims to be. */
export function columnIndex(headers: readonly string[], name: string, source: string): number {
  const index = headers.indexOf(name);
  if (index < 0) throw new Error(`${source}: no ${name} column (is this a LeagueGameFinder dump?)`);
  return index;
}

export function parseGamesCsv(season: string, csvText: string, source: string): GameTable {
  const { headers, rows } = readStatsCsv(csvText, source);
  return gameTable(season, headers, rows, source);
}

/** A table of team game rows, its identity columns found by header (an error names the one missing). */
export function gameTable(season: string, headers: string[], rows: unknown[][], source: string): GameTable {
  const column = {
    seasonId: columnIndex(headers, 'SEASON_ID', source),
    teamId: columnIndex(headers, 'TEAM_ID', source),
    gameId: columnIndex(headers, 'GAME_ID', source),
    gameDate: columnIndex(headers, 'GAME_DATE', source),
  };
  return { season, headers, rows, column };
}

export async function loadGamesCsv(season: string, path: string): Promise<GameTable> {
  return parseGamesCsv(season, await readFile(path, 'utf8'), path);
}
