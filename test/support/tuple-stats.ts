/** Small helpers shared by the db integration tests. */
import pg from 'pg';

export interface TupleStats {
  n_tup_ins: number;
  n_tup_upd: number;
  n_tup_del: number;
  n_tup_hot_upd: number;
}

/**
 * Cumulative tuple counters of the data tables from pg_stat_user_tables, read on a fresh
 * connection (its own stats snapshot). Counters are flushed by each backend asynchronously: callers
 * first run `SELECT pg_stat_force_next_flush()` on the connection that did the writes.
 */
export async function tupleStats(url: string): Promise<Record<string, TupleStats>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<TupleStats & { relname: string }>(
      `SELECT relname, n_tup_ins::int, n_tup_upd::int, n_tup_del::int, n_tup_hot_upd::int
         FROM pg_stat_user_tables WHERE schemaname = 'public'`,
    );
    return Object.fromEntries(rows.map(({ relname, ...stats }) => [relname, stats]));
  } finally {
    await client.end();
  }
}
