/**
 * The client on 200 answers whose body is wrong, from a local server that sends exactly the bytes
 * given: a body that is not JSON (cut off, mangled, a proxy's page) is a retryable
 * NbaResponseGarbled; valid JSON of the wrong shape or lacking a column stays the non-retryable
 * NbaResponseInvalid.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNbaClient, type NbaClient } from '../../../nba/client.js';
import { parseLeagueGameFinder } from '../../../nba/parse.js';
import { FIXTURES_DIR, thrown } from './fixtures.js';

const ENVELOPE = readFileSync(path.join(FIXTURES_DIR, 'lgf-2024-25-mixed.json'), 'utf8');
const regular = { season: '2024-25', seasonType: 'Regular Season', teamId: 1610612737 } as const;

function withoutColumn(column: string): string {
  const body = JSON.parse(ENVELOPE) as { resultSets: { headers: string[]; rowSet: unknown[][] }[] };
  for (const set of body.resultSets) {
    const i = set.headers.indexOf(column);
    set.headers.splice(i, 1);
    for (const row of set.rowSet) row.splice(i, 1);
  }
  return JSON.stringify(body);
}

describe('NBA client: garbled versus invalid bodies', () => {
  let server: http.Server;
  let client: NbaClient;
  let nextBody = '';

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(nextBody);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = createNbaClient({ baseUrl: `http://127.0.0.1:${port}/stats`, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function failureFor(body: string) {
    nextBody = body;
    try {
      await client.leagueGameFinder(regular);
    } catch (error) {
      return error as { type: string; message: string; nonRetryable: boolean };
    }
    throw new Error(`expected a failure for body ${body.slice(0, 40)}`);
  }

  it.each([
    ['cut off half-way', ENVELOPE.slice(0, Math.floor(ENVELOPE.length / 2))],
    ['cut off before the last brace', ENVELOPE.trimEnd().slice(0, -1)],
    ['empty', ''],
    ['bytes after the document', `${ENVELOPE}\u0000\u0017garbage`],
    ['an HTML page', '<html><body>Access Denied</body></html>'],
  ])('a body %s is a retryable NbaResponseGarbled naming the request', async (_what, body) => {
    const failure = await failureFor(body);
    expect(failure).toMatchObject({ type: 'NbaResponseGarbled', nonRetryable: false });
    expect(failure.message).toContain('leaguegamefinder (');
    expect(failure.message).toContain('TeamID=1610612737');
    expect(failure.message).toContain('response is not valid JSON');
  });

  it('valid JSON that is not the envelope is a non-retryable NbaResponseInvalid', async () => {
    const failure = await failureFor('{"Message":"An error has occurred."}');
    expect(failure).toMatchObject({ type: 'NbaResponseInvalid', nonRetryable: true });
    expect(failure.message).toContain('not a stats.nba.com envelope');
  });

  it('an envelope lacking a column is returned, then fails parsing as non-retryable NbaResponseInvalid', async () => {
    nextBody = withoutColumn('PLUS_MINUS');
    const response = await client.leagueGameFinder(regular);
    expect(typeof response.body).toBe('object');
    const failure = thrown(() => parseLeagueGameFinder(response));
    expect(failure).toMatchObject({ type: 'NbaResponseInvalid', nonRetryable: true });
    expect(failure.message).toContain('missing required column(s) PLUS_MINUS');
  });

  it('a whole envelope is returned parsed', async () => {
    nextBody = ENVELOPE;
    const response = await client.leagueGameFinder(regular);
    expect(response.body).toEqual(JSON.parse(ENVELOPE));
  });
});
