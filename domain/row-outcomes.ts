/**
 * What happened to each row a run touched, so that a run's counts are rows: inserted + updated +
 * unchanged = rows touched, each row once. Units of one run can touch the same row (a game is in
 * both teams' per-team answers; a traded player is on two rosters): those tables' rows come back
 * from each unit by key, and the run merges them before counting. Pure: workflows import it.
 */
import { addCounts, type LoadCounts, type TableName } from './records.js';

/** In order of precedence: a row the run inserted stays inserted, whatever the run did to it next. */
export const ROW_OUTCOMES = ['inserted', 'updated', 'unchanged'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

/** Tables whose rows more than one unit of a run can touch. */
export const SHARED_TABLES = ['matches', 'players'] as const satisfies readonly TableName[];
export type SharedTable = (typeof SHARED_TABLES)[number];

/** Per shared table: each touched row's key (db/upsert.ts's rowKey) and its outcome. */
export type TouchedRows = Partial<Record<SharedTable, Record<string, RowOutcome>>>;

/**
 * One row touched twice by a run, measured against the table before the run: inserted if either
 * touch inserted it (its later correction included), else updated if either changed it.
 */
export function mergeOutcome(a: RowOutcome, b: RowOutcome): RowOutcome {
  return ROW_OUTCOMES.indexOf(a) <= ROW_OUTCOMES.indexOf(b) ? a : b;
}

export function mergeTouched(total: TouchedRows, more: TouchedRows): TouchedRows {
  const merged: TouchedRows = { ...total };
  for (const table of SHARED_TABLES) {
    const rows = more[table];
    if (!rows) continue;
    const into = { ...merged[table] };
    for (const [key, outcome] of Object.entries(rows)) {
      const seen = into[key];
      into[key] = seen ? mergeOutcome(seen, outcome) : outcome;
    }
    merged[table] = into;
  }
  return merged;
}

/** What a run has loaded so far: its units' counts summed, and the shared tables' rows by key. */
export interface RowTally {
  summed: LoadCounts;
  touched: TouchedRows;
}

/** A unit's result added to the run's tally (units from before `touched` existed only sum). */
export function tallyUnit(tally: RowTally, unit: { counts: LoadCounts; touched?: TouchedRows }): RowTally {
  return {
    summed: addCounts(tally.summed, unit.counts),
    touched: unit.touched ? mergeTouched(tally.touched, unit.touched) : tally.touched,
  };
}

/** A run's counts: its units' counts summed, except the shared tables, counted row by row. */
export function runCounts({ summed, touched }: RowTally): LoadCounts {
  const counts: LoadCounts = { ...summed };
  for (const table of SHARED_TABLES) {
    const rows = touched[table];
    if (!rows) continue;
    const c = { inserted: 0, updated: 0, unchanged: 0 };
    for (const outcome of Object.values(rows)) c[outcome] += 1;
    counts[table] = c;
  }
  return counts;
}
