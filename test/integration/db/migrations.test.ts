/** The committed drizzle-kit migrations: apply on an empty database, no-op on a migrated one. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, runMigrations } from '../../../db/migrate.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';

const DATA_TABLES = ['teams', 'players', 'rosters', 'matches', 'team_game_stats', 'player_game_stats'];
const BOOKKEEPING_TABLES = [
  'ingestion_runs',
  'dead_letters',
  'audit_changes',
  'quality_checks',
  'raw_responses',
  'covered_dates',
];

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};

/** Everything a migration could change, as one comparable value. */
async function schemaFingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
    );
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const applied = await client.query(
      `SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id`,
    );
    return {
      columns: columns.rows,
      indexes: indexes.rows,
      constraints: constraints.rows,
      applied: applied.rows,
    };
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let scratch: ScratchDatabase | undefined;
  afterEach(async () => {
    await scratch?.drop();
    scratch = undefined;
  });

  it('apply on an empty database and are a no-op on a migrated one', async () => {
    scratch = await createScratchDatabase('db_migrate', { migrate: false });
    await runMigrations(scratch.url);
    const first = await schemaFingerprint(scratch.url);

    const tables = new Set(first.columns.map((c) => c.table_name));
    expect([...tables].sort()).toEqual([...DATA_TABLES, ...BOOKKEEPING_TABLES].sort());
    for (const table of DATA_TABLES) {
      const columns = first.columns.filter((c) => c.table_name === table).map((c) => c.column_name);
      expect(columns, table).toEqual(expect.arrayContaining(['created_at', 'updated_at', 'last_run_id']));
    }
    expect(first.applied).toHaveLength(journal.entries.length);

    await runMigrations(scratch.url);
    expect(await schemaFingerprint(scratch.url)).toEqual(first);
  });

  it('concurrent runs (two workers starting at once) apply each migration exactly once', async () => {
    scratch = await createScratchDatabase('db_migrate_race', { migrate: false });
    await Promise.all([runMigrations(scratch.url), runMigrations(scratch.url), runMigrations(scratch.url)]);
    expect((await schemaFingerprint(scratch.url)).applied).toHaveLength(journal.entries.length);
  });

  it('reports a bad URL without its password', async () => {
    const error = await runMigrations('postgres://nba:s3cret-pw@127.0.0.1:1/nowhere').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain('s3cret-pw');
  });
});
