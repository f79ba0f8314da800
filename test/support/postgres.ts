/**
 * Throwaway PostgreSQL databases on the server the application's URL points at: DATABASE_URL's (its role
 * needs CREATEDB, which `npm run postgres -- ensure` checks) or, when unset, the project's own
 * (lib/embedded-postgres.ts). Names start with nba_test_ so leftovers are easy to spot.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../config/env.js';
import { repoRoot } from './paths.js';
import { TABLE_NAMES } from '../../db/checksums.js';

/** Empties every data table and the audit log (the tables' one list: db/checksums.ts), children and all. */
export const TRUNCATE_DATA_TABLES = `TRUNCATE ${[...TABLE_NAMES, 'audit_changes'].join(', ')}`;

/** The server to create databases on: the application's DATABASE_URL (config/env.ts derives the default). */
export function adminDatabaseUrl(): string {
  return loadConfig().DATABASE_URL;
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Terminates its connections and drops it. Safe to call twice. */
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'nba-ingest-test-admin' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** nba_test_<label>_<time>_<random>, lower-case and within PostgreSQL's 63-byte identifier limit. */
export function scratchDatabaseName(label: string): string {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 24);
  return `nba_test_${safeLabel}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** Applies db/migrations; a no-op (with a note) while db/migrate.ts does not exist yet. */
export async function migrateDatabase(url: string): Promise<void> {
  if (!existsSync(path.join(repoRoot, 'db', 'migrate.ts'))) {
    console.warn('[test setup] db/migrate.ts not found: database left without migrations');
    return;
  }
  const { runMigrations } = await import('../../db/migrate.js');
  await runMigrations(url);
}

/**
 * Creates an empty database; with `migrate` (the default) the project's migrations are applied, so it
 * looks like a freshly set-up production database.
 */
export async function createScratchDatabase(
  label = 'scratch',
  opts: { migrate?: boolean; adminUrl?: string } = {},
): Promise<ScratchDatabase> {
  const adminUrl = opts.adminUrl ?? adminDatabaseUrl();
  const name = scratchDatabaseName(label);
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const scratch: ScratchDatabase = { name, url: url.toString(), drop: () => dropDatabase(adminUrl, name) };
  if (opts.migrate ?? true) {
    try {
      await migrateDatabase(scratch.url);
    } catch (error) {
      await scratch.drop();
      throw error;
    }
  }
  return scratch;
}
