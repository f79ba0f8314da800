import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase, repoRoot } from '../../support/index.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const journalPath = path.join(repoRoot, 'db/migrations/meta/_journal.json');

describe('the test run database on the real PostgreSQL', () => {
  const databaseUrl = inject('databaseUrl');

  it('is a fresh nba_test_ database that stores and returns rows', async () => {
    await withClient(databaseUrl, async (client) => {
      const { rows: names } = await client.query<{ name: string }>('SELECT current_database() AS name');
      expect(names[0]?.name).toMatch(/^nba_test_run_/);

      await client.query('CREATE TABLE platform_probe (id int PRIMARY KEY, label text NOT NULL)');
      await client.query('INSERT INTO platform_probe VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
      const { rows } = await client.query<{ id: number; label: string }>(
        'SELECT id, label FROM platform_probe ORDER BY id',
      );
      expect(rows).toEqual([
        { id: 1, label: 'one' },
        { id: 2, label: 'two' },
      ]);
      await client.query('DROP TABLE platform_probe');
    });
  });

  it.skipIf(!existsSync(journalPath))('has the project migrations applied', async () => {
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
    const applied = await withClient(databaseUrl, (client) =>
      client.query<{ count: string }>('SELECT count(*) AS count FROM drizzle.__drizzle_migrations'),
    );
    expect(Number(applied.rows[0]?.count)).toBe(journal.entries.length);
  });
});

describe('createScratchDatabase', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    scratch = await createScratchDatabase('platform', { migrate: false });
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it('creates a database of its own that drop() removes, even with a connection open', async () => {
    expect(scratch.name).toMatch(/^nba_test_platform_/);
    const open = new pg.Client({ connectionString: scratch.url });
    await open.connect();
    open.on('error', () => undefined); // the drop terminates this connection
    const { rows } = await open.query<{ name: string }>('SELECT current_database() AS name');
    expect(rows[0]?.name).toBe(scratch.name);

    await scratch.drop();
    const remaining = await withClient(inject('databaseUrl'), (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [scratch.name]),
    );
    expect(remaining.rowCount).toBe(0);
    await open.end().catch(() => undefined);
  });
});
