/**
 * Idempotent bulk upsert, one statement per batch of rows:
 *
 *   WITH input AS (the batch in key order, minus rows already identical in the table)
 *   , upserted AS (INSERT … SELECT FROM input ON CONFLICT (key) DO UPDATE SET data cols, updated_at, last_run_id
 *                  WHERE (target data cols) IS DISTINCT FROM (excluded data cols)
 *                  RETURNING key, xmax = 0 AS inserted, and for updated rows the changed columns, old
 *                  against new (PostgreSQL 18's RETURNING old.*: exactly the version replaced))
 *   , audited AS (INSERT INTO audit_changes those changes)
 *   SELECT the key of every inserted or updated row FROM upserted (the rest of the batch is unchanged)
 *
 * The batch is either one JSON parameter (up to DEFAULT_BATCH_SIZE rows a statement) or, for a large
 * load, a temporary staging table filled by COPY (db/copy-upsert.ts): the same statement either way.
 * An unchanged row is never rewritten (no new tuple, updated_at kept): it is filtered out up front,
 * and if it became identical concurrently the ON CONFLICT … WHERE leaves it alone.
 * Rows are deduplicated by key (last wins) and sorted by key, so concurrent loads lock rows in the
 * same order and cannot deadlock. Column names and SQL types come from db/schema.ts.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { TableName, UpsertCounts } from '../domain/records.js';
import type { RowOutcome } from '../domain/row-outcomes.js';
import { auditChanges } from './schema.js';
import { copyUpsert } from './copy-upsert.js';
import type { ColumnInfo, PreparedUpsert } from './prepared-upsert.js';
import { toDbFailure } from './errors.js';
import { countOutcomes, dedupeAndSortByKey, rowKey } from './row-keys.js';

export type { ColumnInfo, PreparedUpsert };

/** Columns every data table has that never count as a change. */
const BOOKKEEPING_KEYS = new Set(['createdAt', 'updatedAt', 'lastRunId']);

/** Rows per statement. Rows travel as one JSON parameter, so there is no bind-parameter limit. */
export const DEFAULT_BATCH_SIZE = 5000;

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

/** Builds the statements once per table. */
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
  // PostgreSQL 18's RETURNING old.*: the audit sees exactly the version this statement replaced.
  const keyJson = keyColumns.map((c) => `'${c.name}', new.${c.sqlName}`).join(', ');
  const changesJson = dataColumns
    .map(
      (c) =>
        `'${c.name}', CASE WHEN old.${c.sqlName} IS DISTINCT FROM new.${c.sqlName} ` +
        `THEN jsonb_build_array(old.${c.sqlName}, new.${c.sqlName}) END`,
    )
    .join(', ');
  // Rows already identical are dropped before the INSERT: they would only be locked, not changed,
  // and locking dirties the page and writes WAL for nothing. ON CONFLICT … WHERE still guards rows
  // that change concurrently. A scalar subquery, not NOT EXISTS: it stays one primary-key probe per
  // row, where an anti join may hash the input and scan the whole table (every load of a large one).
  const identical =
    keyColumns.map((c) => `cur.${c.sqlName} = i.${quote(c.key)}`).join(' AND ') +
    ` AND (${list(dataColumns, 'cur.')}) IS NOT DISTINCT FROM ` +
    `(${dataColumns.map((c) => merged(c, `cur.${c.sqlName}`, `i.${quote(c.key)}`, (key) => `i.${quote(key)}`)).join(', ')})`;
  const audit = quote(getTableName(auditChanges));

  /**
   * The statement over an input relation `i` whose columns are named by the camelCase keys: the
   * JSON batch or the COPY staging table (db/copy-upsert.ts). `runId` is its parameter reference.
   */
  const statement = (input: string, orderBy: string, runId: string, result: string) => `
WITH input AS (
  SELECT * FROM ${input}
  WHERE (SELECT true FROM ${target} cur WHERE ${identical} LIMIT 1) IS NULL
), upserted AS (
  INSERT INTO ${target} (${list(allColumns)}, "last_run_id")
  SELECT ${selectInput}, ${runId}::text FROM input i${orderBy}
  ON CONFLICT (${list(keyColumns)}) DO UPDATE SET ${setList}
  WHERE ${changed}${guard}
  RETURNING ${list(keyColumns, `${target}.`)}, (${target}.xmax = 0) AS inserted,
    CASE WHEN ${target}.xmax <> 0 THEN jsonb_build_object(${keyJson}) END AS audit_key,
    CASE WHEN ${target}.xmax <> 0 THEN jsonb_strip_nulls(jsonb_build_object(${changesJson})) END AS audit_changes
), audited AS (
  INSERT INTO ${audit} ("run_id", "table_name", "key", "changes")
  SELECT ${runId}::text, '${name}', u.audit_key, u.audit_changes FROM upserted u WHERE NOT u.inserted
)
${result}`;
  const keysResult = `SELECT concat_ws('|', ${list(keyColumns, 'u.')}) AS key, u.inserted FROM upserted u`;
  const countsResult =
    'SELECT count(*) FILTER (WHERE u.inserted)::int AS inserted, count(*) FILTER (WHERE NOT u.inserted)::int AS updated FROM upserted u';
  const jsonInput = `ROWS FROM (json_to_recordset($1::json) AS (${recordDefinition})) WITH ORDINALITY AS i(${inputNames}, ord)`;
  const stage = quote(`upsert_stage_${name}`);
  const keyParams = (offset: number) =>
    keyColumns.map((c, i) => `$${offset + i + 1}::${c.sqlType}`).join(', ');
  return {
    name,
    keyColumns,
    dataColumns,
    text: statement(jsonInput, ' ORDER BY i.ord', '$2', keysResult),
    staged: {
      table: stage,
      // Column names are the camelCase keys, as in the JSON batch, so one statement serves both.
      create: `CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${allColumns.map((c) => `${c.sqlName} AS ${quote(c.key)}`).join(', ')} FROM ${target} WITH NO DATA`,
      copy: `COPY ${stage} (${inputNames}) FROM STDIN`,
      // The staging table is filled in key order (rows deduplicated and sorted first) and a
      // temporary table is never scanned in parallel or from the middle: a plain scan is key order.
      keysText: statement(`${stage} i`, '', '$1', keysResult),
      countsText: statement(`${stage} i`, '', '$1', countsResult),
      anyKeyInRange: `SELECT EXISTS (SELECT 1 FROM ${target} WHERE (${list(keyColumns)}) BETWEEN (${keyParams(0)}) AND (${keyParams(keyColumns.length)})) AS "held"`,
      insertNew: `INSERT INTO ${target} (${list(allColumns)}, "last_run_id") SELECT ${selectInput}, $1::text FROM ${stage} i`,
      drop: `DROP TABLE ${stage}`,
    },
  };
}

export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Rows from which a load goes through COPY and one set-based statement (db/copy-upsert.ts) instead
 * of JSON batches. Measured side by side (team_game_stats, 2 cores under load, medians of 5): at
 * 200 rows both take the same time (40 vs 42 ms); from 1,000 on COPY is faster (1,000: 123 vs
 * 134 ms; 5,000: 590 vs 715 ms, its identical re-load 124 vs 335 ms). Below it, JSON spares a small
 * unit (a team's roster or games) creating and dropping a temporary table, i.e. catalog churn.
 */
export const COPY_THRESHOLD = 1000;

/**
 * Upserts `rows` (already validated) within the caller's transaction: COPY_THRESHOLD rows or more
 * through COPY (copyUpsert), fewer as JSON batches; the same rows, counts and audit either way.
 * Returns exact counts over the deduplicated rows; `touched`, when given, receives each row's
 * outcome by key (rowKey). A constraint violation becomes DbConstraintViolation naming the table.
 */
export async function upsertRows(
  client: pg.ClientBase,
  upsert: PreparedUpsert,
  rows: readonly object[],
  runId: string,
  batchSize = DEFAULT_BATCH_SIZE,
  touched?: Record<string, RowOutcome>,
): Promise<UpsertCounts> {
  return rows.length >= COPY_THRESHOLD
    ? copyUpsert(client, upsert, rows, runId, touched)
    : upsertJsonBatches(client, upsert, rows, runId, batchSize, touched);
}

/** upsertRows in JSON batches of `batchSize` rows, one statement each. */
export async function upsertJsonBatches(
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
  return countOutcomes(outcomes, touched);
}
