/**
 * Large loads at COPY speed. The rows, deduplicated and sorted by key, stream as COPY text lines into
 * a temporary staging table (no indexes, no WAL, dropped at commit at the latest), then the upsert
 * statement of db/upsert.ts runs ONCE over it: INSERT … SELECT … ON CONFLICT (key) DO UPDATE … WHERE
 * (cols) IS DISTINCT FROM (new cols), its audit CTE and its exact counts, in the caller's transaction.
 * Where the table holds no key of the staged slice's range (a first load), a plain INSERT instead.
 * Same rows, counts and audit_changes as the JSON batches (test/integration/db/copy-upsert.test.ts).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import type { UpsertCounts } from '../domain/records.js';
import type { RowOutcome } from '../domain/row-outcomes.js';
import { toDbFailure } from './errors.js';
import { countOutcomes, dedupeAndSortByKey, rowKey } from './row-keys.js';
import type { PreparedUpsert } from './prepared-upsert.js';

/**
 * Rows per staging table and statement: a statement stays far below the pool's statement timeout
 * (db/client.ts, 60 s) on a loaded machine (100,000 rows took 8–13 s on 2 shared cores).
 */
export const ROWS_PER_STATEMENT = 50_000;

/**
 * Settings of the staged statements, the caller's own restored before copyUpsert returns:
 * - enable_seqscan off: the "already identical" probe of each staged row must use the primary key.
 *   The plan is made once per statement, and a table that is empty (or analyzed empty) when planned
 *   gets a sequential scan, repeated for every row while the statement fills it: quadratic.
 * - work_mem: the upserted rows' tuple store (with each updated row's audit changes: 50,000 of them
 *   are ~8 MB) stays in memory instead of spilling to a temporary file.
 */
const STAGED_SETTINGS = { enable_seqscan: 'off', work_mem: '32MB' } as const;

/** Rows encoded per chunk the COPY stream pulls: one chunk's text is all the encoding holds at a time. */
const ROWS_PER_COPY_CHUNK = 1000;

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One value in COPY's text format: \N for NULL, backslash escapes for the separators. Numbers and
 * booleans print as JSON.stringify prints them for the JSON batches (shortest round trip), so
 * both paths store the same values.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  // Most values: nothing to escape in a number or a boolean.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** rows[from, to) as COPY lines of `keys`' values, ROWS_PER_COPY_CHUNK lines per string. */
export function* copyChunks(
  rows: readonly object[],
  keys: readonly string[],
  from = 0,
  to = rows.length,
): Generator<string> {
  for (let start = from; start < to; start += ROWS_PER_COPY_CHUNK) {
    let text = '';
    for (let i = start; i < Math.min(start + ROWS_PER_COPY_CHUNK, to); i++) {
      const row = rows[i] as Record<string, unknown>;
      text += copyValue(row[keys[0]!]);
      for (let k = 1; k < keys.length; k++) text += '\t' + copyValue(row[keys[k]!]);
      text += '\n';
    }
    yield text;
  }
}

/**
 * Upserts `rows` (already validated) through COPY and one statement, within the caller's
 * transaction. Returns exact counts over the deduplicated rows; `touched`, when given, receives
 * each row's outcome by key (rowKey). A constraint violation becomes DbConstraintViolation.
 * Outside a transaction it throws before any statement: the staging table lives until COMMIT.
 */
export async function copyUpsert(
  client: pg.ClientBase,
  upsert: PreparedUpsert,
  rows: readonly object[],
  runId: string,
  touched?: Record<string, RowOutcome>,
  rowsPerStatement = ROWS_PER_STATEMENT,
): Promise<UpsertCounts> {
  if (client.getTransactionStatus() !== 'T') {
    // Not retryable: the caller's code is wrong, not the data or the database.
    throw new Error(
      `${upsert.name}: copyUpsert runs in the caller's transaction (its staging table lives until COMMIT)`,
    );
  }
  const keyFields = upsert.keyColumns.map((c) => c.key);
  const unique = dedupeAndSortByKey(rows, keyFields);
  if (unique.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const columns = [...upsert.keyColumns, ...upsert.dataColumns].map((c) => c.key);
  const { staged } = upsert;
  const counts = { inserted: 0, updated: 0 };
  const outcomes =
    touched && new Map<string, RowOutcome>(unique.map((row) => [rowKey(row, keyFields), 'unchanged']));
  try {
    const names = Object.keys(STAGED_SETTINGS);
    const { rows: callers } = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
      [names],
    );
    await applySettings(client, STAGED_SETTINGS);
    for (let start = 0; start < unique.length; start += rowsPerStatement) {
      const end = Math.min(start + rowsPerStatement, unique.length);
      await client.query(staged.create);
      await pipeline(
        Readable.from(copyChunks(unique, columns, start, end)),
        client.query(copyFrom(staged.copy)),
      );
      const bounds = [unique[start]!, unique[end - 1]!].flatMap((row) =>
        keyFields.map((k) => (row as Record<string, unknown>)[k]),
      );
      if (await insertedAsNew(client, upsert, bounds, runId)) {
        counts.inserted += end - start;
        if (outcomes)
          for (let i = start; i < end; i++) outcomes.set(rowKey(unique[i]!, keyFields), 'inserted');
      } else if (outcomes) {
        const { rows: changed } = await client.query<{ key: string; inserted: boolean }>(staged.keysText, [
          runId,
        ]);
        for (const row of changed) outcomes.set(row.key, row.inserted ? 'inserted' : 'updated');
      } else {
        const {
          rows: [sliceCounts],
        } = await client.query<{ inserted: number; updated: number }>(staged.countsText, [runId]);
        counts.inserted += sliceCounts!.inserted;
        counts.updated += sliceCounts!.updated;
      }
      await client.query(staged.drop);
    }
    await applySettings(client, Object.fromEntries(callers.map((c) => [c.name, c.setting])));
  } catch (error) {
    throw toDbFailure(error, upsert.name);
  }
  if (outcomes) return countOutcomes(outcomes, touched);
  return { ...counts, unchanged: unique.length - counts.inserted - counts.updated };
}

/**
 * A staged slice whose key range the table holds no row of (a first load): one plain INSERT, with
 * no conflict handling, probe or audit to do, at the speed of a COPY into the table. A writer that
 * added one of its keys meanwhile makes it a unique violation: rolled back to the savepoint, the
 * slice then takes the upsert statement.
 */
async function insertedAsNew(
  client: pg.ClientBase,
  upsert: PreparedUpsert,
  bounds: unknown[],
  runId: string,
): Promise<boolean> {
  const { rows } = await client.query<{ held: boolean }>(upsert.staged.anyKeyInRange, bounds);
  if (rows[0]?.held !== false) return false;
  await client.query('SAVEPOINT upsert_new_keys');
  try {
    await client.query(upsert.staged.insertNew, [runId]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('ROLLBACK TO SAVEPOINT upsert_new_keys');
    return false;
  }
  await client.query('RELEASE SAVEPOINT upsert_new_keys');
  return true;
}

const UNIQUE_VIOLATION = '23505';

/** Transaction-local settings (SET LOCAL), one round trip. */
async function applySettings(client: pg.ClientBase, settings: Record<string, string>): Promise<void> {
  await client.query(
    `SELECT set_config(name, setting, true) FROM unnest($1::text[], $2::text[]) AS s(name, setting)`,
    [Object.keys(settings), Object.values(settings)],
  );
}
