/**
 * Content fingerprints of the data tables, for idempotency checks: the md5 of every row's data
 * columns (bookkeeping columns created_at / updated_at / last_run_id excluded) in key order. Two
 * databases holding the same data have the same checksums, whenever and however often it was loaded.
 */
import type { TableName } from '../domain/records.js';
import type { Database } from './client.js';
import { matches, playerGameStats, players, rosters, teamGameStats, teams } from './schema.js';
import { tableColumns } from './upsert.js';

/** Parents before children: the order tables are loaded in. */
export const DATA_TABLES = {
  teams,
  players,
  rosters,
  matches,
  team_game_stats: teamGameStats,
  player_game_stats: playerGameStats,
} as const;
export const TABLE_NAMES = Object.keys(DATA_TABLES) as TableName[];

function checksumSql(name: TableName): string {
  const { keyColumns, dataColumns } = tableColumns(DATA_TABLES[name]);
  const row = [...keyColumns, ...dataColumns].map((c) => c.sqlName).join(', ');
  const order = keyColumns.map((c) => c.sqlName).join(', ');
  return `(SELECT md5(coalesce(string_agg(ROW(${row})::text, E'\\n' ORDER BY ${order}), '')) FROM "${name}")`;
}

/** One statement, so all tables are read from the same snapshot. */
const CHECKSUMS_SQL = `SELECT ${TABLE_NAMES.map((n) => `${checksumSql(n)} AS "${n}"`).join(', ')}`;
const ROW_COUNTS_SQL = `SELECT ${TABLE_NAMES.map((n) => `(SELECT count(*)::int FROM "${n}") AS "${n}"`).join(', ')}`;

export async function tableChecksums(database: Database): Promise<Record<TableName, string>> {
  const result = await database.pool.query<Record<TableName, string>>(CHECKSUMS_SQL);
  return result.rows[0] as Record<TableName, string>;
}

export async function tableRowCounts(database: Database): Promise<Record<TableName, number>> {
  const result = await database.pool.query<Record<TableName, number>>(ROW_COUNTS_SQL);
  return result.rows[0] as Record<TableName, number>;
}
