/**
 * Rows by primary key, the same way on every load path: deduplicated (last wins) and sorted in key
 * order, the order every load locks rows in; a row's key as the upsert statements return it; and
 * the counts of the rows' outcomes.
 */
import type { UpsertCounts } from '../domain/records.js';
import type { RowOutcome } from '../domain/row-outcomes.js';

type Row = Record<string, unknown>;

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
  const keyOf = (row: T): unknown[] => keyFields.map((k) => (row as Row)[k]);
  // Array.prototype.sort is stable: rows of one key keep their order, so the last of each run wins.
  // No map of joined keys: on a nearly sorted load (a season's rows) the sort is close to one pass.
  const entries = rows.map((row) => ({ key: keyOf(row), row }));
  entries.sort((a, b) => compareKeys(a.key, b.key));
  const unique: T[] = [];
  for (let i = 0; i < entries.length; i++) {
    const next = entries[i + 1];
    if (next === undefined || compareKeys(entries[i]!.key, next.key) !== 0) unique.push(entries[i]!.row);
  }
  return unique;
}

/** A row's key as the upsert statement returns it: its key columns' values joined by '|'. */
export function rowKey(row: object, keyFields: readonly string[]): string {
  return keyFields.map((k) => String((row as Row)[k])).join('|');
}

/** Counts per outcome; each row's outcome copied into `touched` when given. */
export function countOutcomes(
  outcomes: ReadonlyMap<string, RowOutcome>,
  touched?: Record<string, RowOutcome>,
): UpsertCounts {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const [key, outcome] of outcomes) {
    counts[outcome] += 1;
    if (touched) touched[key] = outcome;
  }
  return counts;
}
