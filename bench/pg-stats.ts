/**
 * Row-level write counters of the data tables from pg_stat_user_tables. Backends flush their
 * counters when they exit (or when idle, at most once a second, else after ~10 s): callers close
 * the pipeline's pool before taking a snapshot, and the snapshot clears this backend's cached view.
 */
import pg from 'pg';
import { TABLE_NAMES } from '../db/checksums.js';

export interface TableWrites {
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
  dead: number;
}

export type WriteSnapshot = Record<string, TableWrites>;

export async function writeSnapshot(url: string): Promise<WriteSnapshot> {
  const client = new pg.Client({ connectionString: url, application_name: 'nba-ingest-bench-stats' });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_force_next_flush()');
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{
      relname: string;
      ins: string;
      upd: string;
      hot: string;
      del: string;
      dead: string;
    }>(
      `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_del AS del, n_dead_tup AS dead
         FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = ANY($1::text[])`,
      [TABLE_NAMES],
    );
    const snapshot: WriteSnapshot = {};
    for (const r of rows) {
      snapshot[r.relname] = {
        inserted: +r.ins,
        updated: +r.upd,
        hotUpdated: +r.hot,
        deleted: +r.del,
        dead: +r.dead,
      };
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** after − before, summed over the data tables, plus the per-table deltas that are not zero. */
export function writeDelta(
  before: WriteSnapshot,
  after: WriteSnapshot,
): TableWrites & { perTable: Record<string, Partial<TableWrites>> } {
  const total: TableWrites = { inserted: 0, updated: 0, hotUpdated: 0, deleted: 0, dead: 0 };
  const perTable: Record<string, Partial<TableWrites>> = {};
  for (const table of TABLE_NAMES) {
    const a = after[table];
    const b = before[table];
    if (!a || !b) continue;
    for (const key of Object.keys(total) as (keyof TableWrites)[]) {
      const d = a[key] - b[key];
      total[key] += d;
      if (d !== 0) (perTable[table] ??= {})[key] = d;
    }
  }
  return { ...total, perTable };
}

/** Autovacuum would lower n_dead_tup behind our back: off on the data tables of a measured database. */
export async function disableAutovacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'nba-ingest-bench-stats' });
  await client.connect();
  try {
    for (const table of TABLE_NAMES)
      await client.query(`ALTER TABLE "${table}" SET (autovacuum_enabled = false)`);
  } finally {
    await client.end();
  }
}

/** A snapshot once the counters stopped moving (exiting backends flush theirs a moment after close). */
export async function settledWriteSnapshot(url: string, timeoutMs = 3_000): Promise<WriteSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let previous = await writeSnapshot(url);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = await writeSnapshot(url);
    if (JSON.stringify(current) === JSON.stringify(previous) || Date.now() > deadline) return current;
    previous = current;
  }
}
