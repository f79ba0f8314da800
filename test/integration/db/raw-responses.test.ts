/** Raw landing: one row per distinct body, and nothing but parsed JSON documents. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { landRawResponse, latestRawResponse } from '../../../db/raw-responses.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';

const PARAMS = { LeagueID: '00', Season: '2023-24', TeamID: '1610612738' };
const landed = (body: unknown) => ({
  endpoint: 'leaguegamefinder',
  paramsKey: 'LeagueID=00&Season=2023-24&TeamID=1610612738',
  params: PARAMS,
  body,
  fetchedAt: '2026-01-01T00:00:00.000Z',
  runId: 'run-1',
});

describe('raw landing', () => {
  let scratch: ScratchDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase('raw_responses');
    database = createDatabase({ url: scratch.url, poolMax: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('refuses anything but a parsed JSON document, before writing', async () => {
    for (const body of ['{"resultSets":[{"name":"LeagueGameFinderResults","head', '', 42, null, undefined]) {
      await expect(landRawResponse(database, landed(body))).rejects.toMatchObject({
        type: 'DbInputInvalid',
        nonRetryable: true,
        message: expect.stringContaining('raw_responses: the body of leaguegamefinder?LeagueID=00'),
      });
    }
    expect((await database.pool.query('select count(*)::int as n from raw_responses')).rows[0]).toEqual({
      n: 0,
    });
  });

  it('stores a document once and moves only its last-fetched time when it comes again', async () => {
    const body = { resultSets: [{ name: 'LeagueGameFinderResults', headers: ['GAME_ID'], rowSet: [] }] };
    expect(await landRawResponse(database, landed(body))).toMatchObject({ stored: true });
    const again = { ...landed(body), fetchedAt: '2026-01-02T00:00:00.000Z' };
    expect(await landRawResponse(database, again)).toMatchObject({ stored: false });
    const latest = await latestRawResponse(database, {
      endpoint: 'leaguegamefinder',
      paramsKey: again.paramsKey,
    });
    expect(latest).toMatchObject({ body, lastFetchedAt: '2026-01-02T00:00:00.000Z' });
  });
});
