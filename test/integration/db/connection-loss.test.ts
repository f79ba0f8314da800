/**
 * A connection that breaks while checked out for a transaction (here: its backend terminated, as a
 * server shutdown does with 57P01) fails the transaction and is discarded: the process lives, the
 * break is reported once, the pool goes on with a fresh connection. (The whole-worker trial, with
 * real server stops: test/integration/pipeline/db-restart.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { inTransaction } from '../../../db/load.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';

describe('a pooled connection lost mid-transaction', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  const lost: Error[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase('connection_loss');
    database = createDatabase({ url: scratch.url, poolMax: 2, onConnectionError: (e) => lost.push(e) });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('fails the transaction, reports the break once and leaves the pool usable', async () => {
    const transaction = inTransaction(database, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await database.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // The 'error' event arrives between two queries of the transaction, with none in flight.
      for (let i = 0; i < 50 && lost.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await client.query('SELECT 1');
    });
    await expect(transaction).rejects.toThrow(/not queryable|terminat/);
    expect(lost.map((e) => e.message)).toEqual(['terminating connection due to administrator command']);
    expect(database.pool.totalCount).toBe(1); // the broken connection was discarded
    expect((await database.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
