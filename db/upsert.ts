/**
 * Idempotent bulk upsert, one statement per batch of rows (sent as one JSON parameter):
 *
 *   WITH input AS (the batch in key order, minus rows already identical in the table)
 *   , upserted AS (INSERT … SELECT FROM input ON CONFLICT (key) DO UPDATE SET data cols, updated_at, last_run_id
 *                  WHERE (target data cols) IS DISTINCT FROM (excluded data cols) RETURNING new row, xmax = 0)
 *   , audited AS (INSERT INTO audit_changes … old values looked up for updated rows only: every part
 *                 of a statement reads the pre-statement snapshot, so the table still shows them)
 *   SELECT the key of every inserted or updated row FROM upserted (the rest of the batch is unchanged)
 *
 * An unchanged row is never rewritten (no new tuple, updated_at kept): it is filtered out up front,
 * and if it became identical concurrently the ON CONFLICT … WHERE leaves it alone.
 * Rows are deduplicated by key (last wins) and sorted by key, so concurrent loads lock rows in the
 * same order and cannot deadlock. Column names and SQL types come from db/schema.ts.
 * Audit caveat: a row inserted by a concurrent transaction after this statement's snapshot and then
 * updated by it has no visible old version, so that update is counted but not audited.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { TableName, UpsertCounts } from '../domain/records.js';
import type { RowOutcome } from '../domain/row-outcomes.js';
import { auditChanges } from './schema.js';
import { toDbFailure } from './errors.js';

/** Columns every data table has that never count as a change. */
const BOOKKEEPING_KEYS = new Set(['createdAt', 'updatedAt', 'lastRunId']);

/** Rows per statement. Rows travel as one JSON parameter, so there is no bind-parameter limit. */
export const DEFAULT_BATCH_SIZE = 5000;

type Row = Record<string, unknown>;

export interface ColumnInfo {
  /** camelCase key in the record and the drizzle table */
  key: string;
  /** snake_case SQL name */
  name: string;
  /** the SQL name quoted, ready to splice into a statement */
  sqlName: string;
  sqlType: string;
}

export interface UpsertSpec {
  table: PgTable;
  /**
   * A data column whose new value is not simply the incoming one: given the target and excluded
   * column references, the SQL of the merged value (used both in SET and in the change test).
   * `incoming(key)` is the incoming row's expression for any column, by its camelCase key.
   */
  merge?: Record<string, (target: string, excluded: string, incoming: (key: string) => string) => string>;
  /** An extra condition for an update to happen at all (target/excluded are the table aliases). */
  updateGuard?: (target: string, excluded: string) => string;
}

export interface PreparedUpsert {
  name: TableName;
  keyColumns: ColumnInfo[];
  dataColumns: ColumnInfo[];
  text: string;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function columnInfo(key: string, column: PgColumn): ColumnInfo {
  return { key, name: column.name, sqlName: quote(column.name), sqlType: column.getSQLType() };
}

/** Key and data columns of a data table, as declared in db/schema.ts. */
export function tableColumns(table: PgTable): { keyColumns: ColumnInfo[]; dataColumns: ColumnInfo[] } {
  const all = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const compositeKey = getTableConfig(table).primaryKeys[0]?.columns.map((c) => c.name);
  const isKey = (column: PgColumn) => (compositeKey ? compositeKey.includes(column.name) : column.primary);
  const keyColumns = all.filter(([, c]) => isKey(c)).map(([k, c]) => columnInfo(k, c));
  // Key columns in primary-key order (the order rows are sorted and locked in).
  if (compositeKey) keyColumns.sort((a, b) => compositeKey.indexOf(a.name) - compositeKey.indexOf(b.name));
  const dataColumns = all
    .filter(([k, c]) => !isKey(c) && !BOOKKEEPING_KEYS.has(k))
    .map(([k, c]) => columnInfo(k, c));
  return { keyColumns, dataColumns };
}

/** Builds the statement once per table: $1 = rows as a JSON array (camelCase keys), $2 = run id. */
export function prepareUpsert(spec: UpsertSpec): PreparedUpsert {
  const name = getTableName(spec.table) as TableName;
  const { keyColumns, dataColumns } = tableColumns(spec.table);
  const allColumns = [...keyColumns, ...dataColumns];
  const target = quote(name);
  const list = (cols: ColumnInfo[], prefix = '') => cols.map((c) => `${prefix}${c.sqlName}`).join(', ');
  /** The value a data column gets, from the current row's and the incoming row's expressions. */
  const sqlNameOf = (key: string): string => {
    const column = allColumns.find((c) => c.key === key);
    if (!column) throw new Error(`${name}: no column with key ${key}`);
    return column.sqlName;
  };
  const merged = (
    c: ColumnInfo,
    current: string,
    incoming: string,
    incomingColumn: (key: string) => string,
  ) => spec.merge?.[c.key]?.(current, incoming, incomingColumn) ?? incoming;
  const mergedValue = (c: ColumnInfo, t: string, e: string) =>
    merged(c, `${t}.${c.sqlName}`, `${e}.${c.sqlName}`, (key) => `${e}.${sqlNameOf(key)}`);

  const recordDefinition = allColumns.map((c) => `${quote(c.key)} ${c.sqlType}`).join(', ');
  const inputNames = allColumns.map((c) => quote(c.key)).join(', ');
  const selectInput = allColumns.map((c) => `i.${quote(c.key)}`).join(', ');
  const setList = [
    ...dataColumns.map((c) => `${c.sqlName} = ${mergedValue(c, target, 'excluded')}`),
    `"updated_at" = now()`,
    `"last_run_id" = excluded."last_run_id"`,
  ].join(', ');
  const changed =
    `(${list(dataColumns, `${target}.`)}) IS DISTINCT FROM ` +
    `(${dataColumns.map((c) => mergedValue(c, target, 'excluded')).join(', ')})`;
  const guard = spec.updateGuard ? ` AND ${spec.updateGuard(target, 'excluded')}` : '';
  const keyJson = keyColumns.map((c) => `'${c.name}', u.${c.sqlName}`).join(', ');
  const changesJson = dataColumns
    .map(
      (c) =>
        `'${c.name}', CASE WHEN o.${c.sqlName} IS DISTINCT FROM u.${c.sqlName} ` +
        `THEN jsonb_build_array(o.${c.sqlName}, u.${c.sqlName}) END`,
    )
    .join(', ');
  // Rows already identical are dropped before the INSERT: they would only be locked, not changed,
  // and locking dirties the page and writes WAL for nothing. ON CONFLICT … WHERE still guards rows
  // that change concurrently.
  const identical =
    keyColumns.map((c) => `cur.${c.sqlName} = i.${quote(c.key)}`).join(' AND ') +
    ` AND (${list(dataColumns, 'cur.')}) IS NOT DISTINCT FROM ` +
    `(${dataColumns.map((c) => merged(c, `cur.${c.sqlName}`, `i.${quote(c.key)}`, (key) => `i.${quote(key)}`)).join(', ')})`;
  const joinOnKey = keyColumns.map((c) => `o.${c.sqlName} = u.${c.sqlName}`).join(' AND ');
  const audit = quote(getTableName(auditChanges));

  const text = `
WITH input AS (
  SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (${recordDefinition})) WITH ORDINALITY AS i(${inputNames}, ord)
  WHERE NOT EXISTS (SELECT 1 FROM ${target} cur WHERE ${identical})
), upserted AS (
  INSERT INTO ${target} (${list(allColumns)}, "last_run_id")
  SELECT ${selectInput}, $2::text FROM input i ORDER BY i.ord
  ON CONFLICT (${list(keyColumns)}) DO UPDATE SET ${setList}
  WHERE ${changed}${guard}
  RETURNING ${list(allColumns, `${target}.`)}, (${target}.xmax = 0) AS inserted
), audited AS (
  INSERT INTO ${audit} ("run_id", "table_name", "key", "changes")
  SELECT $2::text, '${name}', jsonb_build_object(${keyJson}), jsonb_strip_nulls(jsonb_build_object(${changesJson}))
  FROM upserted u, LATERAL (SELECT * FROM ${target} o WHERE ${joinOnKey} OFFSET 0) o
  WHERE NOT u.inserted
)
SELECT concat_ws('|', ${list(keyColumns, 'u.')}) AS key, u.inserted FROM upserted u`;
  return { name, keyColumns, dataColumns, text };
}

function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** Last row per key wins; the result is sorted by key (the lock order of every load). */
export function dedupeAndSortByKey<T extends object>(rows: readonly T[], keyFields: readonly string[]): T[] {
  const byKey = new Map<string, { key: unknown[]; row: T }>();
  for (const row of rows) {
    const key = keyFields.map((k) => (row as Row)[k]);
    byKey.set(key.join('\u0000'), { key, row });
  }
  return [...byKey.values()].sort((a, b) => compareKeys(a.key, b.key)).map((entry) => entry.row);
}

export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** A row's key as the upsert statement returns it: its key columns' values joined by '|'. */
export function rowKey(row: object, keyFields: readonly string[]): string {
  return keyFields.map((k) => String((row as Row)[k])).join('|');
}

/**
 * Upserts `rows` (already validated) within the caller's transaction. Returns exact counts over the
 * deduplicated rows; `touched`, when given, receives each row's outcome by key (rowKey). A
 * constraint violation becomes DbConstraintViolation naming the table.
 */
export async function upsertRows(
  client: pg.ClientBase,
  upsert: PreparedUpsert,
  rows: readonly object[],
  runId: string,
  batchSize = DEFAULT_BATCH_SIZE,
  touched?: Record<string, RowOutcome>,
): Promise<UpsertCounts> {
  const keyFields = upsert.keyColumns.map((c) => c.key);
  const unique = dedupeAndSortByKey(rows, keyFields);
  const batches = chunk(unique, batchSize);
  const outcomes = new Map<string, RowOutcome>(unique.map((row) => [rowKey(row, keyFields), 'unchanged']));
  let payload = batches.length > 0 ? JSON.stringify(batches[0]) : '';
  for (let i = 0; i < batches.length; i++) {
    const statement = client.query<{ key: string; inserted: boolean }>(upsert.text, [payload, runId]);
    // Encode the next batch while the server works on this one.
    payload = i + 1 < batches.length ? JSON.stringify(batches[i + 1]) : '';
    try {
      for (const row of (await statement).rows) outcomes.set(row.key, row.inserted ? 'inserted' : 'updated');
    } catch (error) {
      throw toDbFailure(error, upsert.name);
    }
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const [key, outcome] of outcomes) {
    counts[outcome] += 1;
    if (touched) touched[key] = outcome;
  }
  return counts;
}
