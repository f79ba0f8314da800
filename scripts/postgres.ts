/**
 * `npm run postgres -- <command>`: the project's own PostgreSQL (lib/embedded-postgres.ts), which serves
 * when DATABASE_URL is unset, on 127.0.0.1:EMBEDDED_POSTGRES_PORT (unset: the port kept in its data
 * directory, else 54329 or a free one when taken) with its data in .data/postgres.
 *   start    start it (initialising the data directory the first time); a no-op when running
 *   stop     stop it; the data stays
 *   status   whether it runs, its URL (password masked) and data directory; exit 0 when running
 *   url [db] print its URL (of database db, default nba), password included, for psql and other tools;
 *            its role is the server's superuser, so `url postgres` is an admin connection
 *   ensure   what setup runs: DATABASE_URL unset (or set to it, not answering) → start it; then check the
 *            database the app will use
 */
import { Command } from 'commander';
import {
  loadConfig,
  loadEmbeddedPostgresConfig,
  redactDatabaseUrl,
  usesEmbeddedPostgres,
} from '../config/env.js';
import { EmbeddedPostgres, EmbeddedPostgresError, ensureEmbeddedPostgres } from '../lib/embedded-postgres.js';
import { DatabaseNotReady, probeDatabase } from './lib/postgres-probe.js';

const config = loadConfig();
const embedded = loadEmbeddedPostgresConfig();
const server = EmbeddedPostgres.fromConfig(embedded);
const say = (message: string) => process.stderr.write(`[postgres] ${message}\n`);
/** The server's URL, password masked (after start(): on the port it took). */
const shownUrl = () => redactDatabaseUrl(server.url());

function noteWhenUnused(): void {
  if (!usesEmbeddedPostgres(config)) {
    say(
      `note: DATABASE_URL is set, so the application uses ${redactDatabaseUrl(config.DATABASE_URL)}, not this server`,
    );
  }
}

const program = new Command('postgres')
  .description("the project's own PostgreSQL server")
  .showHelpAfterError();

program.command('start').action(async () => {
  noteWhenUnused();
  const { started, note } = await server.start();
  say(`${started ? 'started' : 'already running'}: ${shownUrl()} (data ${server.dataDir})`);
  if (note) say(note);
});

program.command('stop').action(async () => {
  const stopped = await server.stop();
  say(stopped ? `stopped (data kept in ${server.dataDir})` : `not running (data ${server.dataDir})`);
});

program.command('status').action(async () => {
  const status = await server.status();
  const version = status.dataVersion ? `PostgreSQL ${status.dataVersion}` : 'not initialised';
  if (status.running && status.port === server.port) {
    console.log(`running (pid ${status.pid}): ${shownUrl()}, data ${status.dataDir} (${version})`);
  } else if (status.running) {
    console.log(
      `running on port ${status.port}, not EMBEDDED_POSTGRES_PORT=${server.port} (pid ${status.pid}), data ${status.dataDir}`,
    );
    process.exitCode = 3;
  } else {
    console.log(`not running: ${shownUrl()}, data ${status.dataDir} (${version})`);
    process.exitCode = 3;
  }
  noteWhenUnused();
});

program.command('url [database]').action((database?: string) => console.log(server.url(database)));

program.command('ensure').action(async () => {
  const ensured = await ensureEmbeddedPostgres(config, embedded);
  if (ensured) {
    const { outcome, server: ensuredServer } = ensured;
    say(
      `the project's own PostgreSQL ${outcome.started ? 'started' : 'is running'}: ${redactDatabaseUrl(ensuredServer.url())} (data ${ensuredServer.dataDir})`,
    );
    if (outcome.note) say(outcome.note);
  }
  say(await probeDatabase(ensured ? ensured.server.url() : config.DATABASE_URL));
});

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof EmbeddedPostgresError || error instanceof DatabaseNotReady)) throw error;
  say(`ERROR: ${error.message}`);
  process.exitCode = 1;
}
