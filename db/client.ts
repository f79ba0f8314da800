/**
 * The process's one connection pool (create it at startup, close it on shutdown) and the drizzle
 * handle over it. Every connection gets a statement timeout and an application_name, so a stuck
 * query fails instead of hanging a worker, and pg_stat_activity shows who is connected.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';
import { DEFAULT_DATABASE_POOL_MAX, DEFAULT_STATEMENT_TIMEOUT_MS } from '../domain/defaults.js';

export interface Database {
  db: NodePgDatabase<typeof schema>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://user:password@host:port/db — never logged; use redactDatabaseUrl to mention it. */
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
  /**
   * A pooled connection broke (server restart, network), idle or checked out. The pool drops it
   * either way and the query on it fails (the activity retries); this only reports it.
   */
  onConnectionError?: (error: Error) => void;
}

export function createDatabase(opts: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax ?? DEFAULT_DATABASE_POOL_MAX,
    statement_timeout: opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    // A transaction left open by a crashed caller must not hold row locks forever.
    idle_in_transaction_session_timeout: 10 * (opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS),
    application_name: opts.applicationName ?? 'nba-ingest',
    // Data and indexes fit in memory: the SSD-era page cost makes the planner use the season and team
    // indexes (standings query ~50 ms → ~7 ms: docs/decisions/0001-no-partitioning.md).
    options: '-c random_page_cost=1.1',
    connectionTimeoutMillis: 10_000,
  });
  // pg emits 'error' on a client whose connection breaks (57P01 at a server shutdown, a reset), and
  // an 'error' event nobody listens to kills the process. The pool listens only while a client is
  // idle, so every client gets a listener of its own from birth: it covers clients checked out for
  // a transaction (db/load.ts) or by drizzle as well. The query in flight fails by itself, and a
  // client that broke is discarded when released (pg-pool drops clients that are not queryable).
  pool.on('connect', (client) => {
    let reported = false; // a break is often followed by 'Connection terminated unexpectedly'
    client.on('error', (error) => {
      if (!reported) opts.onConnectionError?.(error);
      reported = true;
    });
  });
  // The pool re-emits idle clients' errors here: already reported by the listener above.
  pool.on('error', () => undefined);

  let closing: Promise<void> | undefined;
  return {
    db: drizzle({ client: pool, schema }),
    pool,
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
