/**
 * Applies the committed drizzle-kit migrations (db/migrations) in one transaction. Already applied
 * migrations are skipped, so running it on a migrated database is a no-op. A session advisory lock
 * serialises concurrent callers (two workers starting, parallel test files) that would otherwise
 * race on CREATE SCHEMA / CREATE TABLE.
 */
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** Next to this file in the source tree; a build must copy db/migrations alongside db/migrate.js. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATION_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('nba-ingest:migrations'))`;
const MIGRATION_UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('nba-ingest:migrations'))`;

export async function runMigrations(
  databaseUrl: string,
  opts: { migrationsFolder?: string } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'nba-ingest-migrate' });
  // A connection lost mid-migration fails the pending query (the transaction rolls back); without a
  // listener its 'error' event would also kill the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(MIGRATION_LOCK_SQL);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER });
    } finally {
      await client.query(MIGRATION_UNLOCK_SQL);
    }
  } finally {
    await client.end();
  }
}
