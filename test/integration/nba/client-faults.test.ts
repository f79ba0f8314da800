/**
 * The client against the replay server's faults (small hand-written data set; no shared data
 * needed): every failure mode becomes the typed, correctly (non-)retryable ApplicationFailure.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNbaClient, type NbaClient } from '../../../nba/client.js';
import { parseCommonTeamRoster, parseLeagueGameFinder } from '../../../nba/parse.js';
import { startReplayServer, type FaultRule, type ReplayServer } from '../../../replay/server.js';
import { REPLAY_FIXTURE_DIR } from '../../support/shared-data.js';

interface Failure {
  type: string;
  message: string;
  nonRetryable: boolean;
  nextRetryDelay?: unknown;
}

async function failureOf(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error('expected the call to fail');
}

const ATL = 1610612737;
const WAS = 1610612764;
const season = '2024-25';
const regular = { season, seasonType: 'Regular Season' } as const;

describe('NBA client against replay-server faults', () => {
  let server: ReplayServer;
  let client: NbaClient;
  const withFaults = (faults: FaultRule[]) => {
    server.setFaults(faults);
    server.resetRequests();
  };

  beforeAll(async () => {
    server = await startReplayServer({ dataDirs: [REPLAY_FIXTURE_DIR], seed: 1 });
    client = createNbaClient({ baseUrl: server.url, timeoutMs: 2_000 });
  });
  afterEach(() => server.clearFaults());
  afterAll(async () => {
    await server?.close();
  });

  it('answers normally without faults (base URL with or without a trailing slash)', async () => {
    const rows = parseLeagueGameFinder(await client.leagueGameFinder({ ...regular, teamId: ATL }));
    expect(rows.map((r) => r.gameId)).toEqual(['0022400061']);
    const slashed = createNbaClient({ baseUrl: `${server.url}/`, timeoutMs: 2_000 });
    const response = await slashed.commonTeamRoster({ season, teamId: ATL });
    expect(response.url).toBe(`${server.url}/commonteamroster?LeagueID=00&Season=2024-25&TeamID=${ATL}`);
    expect(response.request).toEqual({
      endpoint: 'commonteamroster',
      params: { LeagueID: '00', Season: '2024-25', TeamID: String(ATL) },
    });
    expect(Date.parse(response.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('turns a hang into a retryable NbaTimeout within the configured bound', async () => {
    withFaults([{ kind: 'hang' }]);
    const quick = createNbaClient({ baseUrl: server.url, timeoutMs: 300 });
    const started = Date.now();
    const failure = await failureOf(quick.leagueGameFinder({ ...regular, teamId: ATL }));
    const elapsed = Date.now() - started;
    expect(failure.type).toBe('NbaTimeout');
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('within 300 ms');
    expect(failure.message).toContain(
      `leaguegamefinder (LeagueID=00, PlayerOrTeam=T, Season=2024-25, SeasonType=Regular Season, TeamID=${ATL})`,
    );
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_000);
    expect(server.requests().log[0]?.faults).toEqual(['hang']);
  });

  it('carries a 429 Retry-After (seconds) as nextRetryDelay', async () => {
    withFaults([{ kind: 'rate-limit', retryAfter: '7' }]);
    const failure = await failureOf(client.commonTeamRoster({ season, teamId: ATL }));
    expect(failure).toMatchObject({ type: 'NbaRateLimited', nonRetryable: false, nextRetryDelay: 7000 });
    expect(failure.message).toContain(
      `commonteamroster (LeagueID=00, Season=2024-25, TeamID=${ATL}): HTTP 429`,
    );
  });

  it('reads an HTTP-date Retry-After, also on a 503', async () => {
    const at = new Date(Date.now() + 60_000);
    withFaults([{ kind: 'rate-limit', status: 503, retryAfter: at.toUTCString() }]);
    const failure = await failureOf(client.leagueGameFinder(regular));
    expect(failure.type).toBe('NbaRateLimited');
    expect(failure.nextRetryDelay).toEqual(expect.any(Number));
    expect(failure.nextRetryDelay as number).toBeGreaterThan(57_000);
    expect(failure.nextRetryDelay as number).toBeLessThanOrEqual(60_000);
  });

  it('a 429 without Retry-After is rate limited with no delay hint; a bare 503 is a server error', async () => {
    withFaults([{ kind: 'rate-limit', retryAfter: '' }]);
    const limited = await failureOf(client.leagueGameFinder(regular));
    expect(limited.type).toBe('NbaRateLimited');
    expect(limited.nextRetryDelay).toBeUndefined();
    withFaults([{ kind: 'server-error', status: 503 }]);
    expect((await failureOf(client.leagueGameFinder(regular))).type).toBe('NbaServerError');
  });

  it('maps a 500 to a retryable NbaServerError; firstN lets the retry succeed', async () => {
    withFaults([{ kind: 'server-error', firstN: 1 }]);
    const failure = await failureOf(client.leagueGameFinder({ ...regular, teamId: WAS }));
    expect(failure).toMatchObject({ type: 'NbaServerError', nonRetryable: false });
    expect(failure.message).toContain('HTTP 500: {"Message":"An error has occurred."}');
    expect(parseLeagueGameFinder(await client.leagueGameFinder({ ...regular, teamId: WAS }))).toHaveLength(2);
    expect(server.requests().log.map((e) => e.status)).toEqual([500, 200]);
  });

  it('maps a connection reset and a refused connection to a retryable NbaConnectionDropped', async () => {
    withFaults([{ kind: 'reset' }]);
    const reset = await failureOf(client.leagueGameFinder(regular));
    expect(reset).toMatchObject({ type: 'NbaConnectionDropped', nonRetryable: false });

    const closed = await startReplayServer({ dataDirs: [REPLAY_FIXTURE_DIR] });
    await closed.close();
    const refused = await failureOf(
      createNbaClient({ baseUrl: closed.url, timeoutMs: 2_000 }).leagueGameFinder(regular),
    );
    expect(refused.type).toBe('NbaConnectionDropped');
    expect(refused.message).toContain('ECONNREFUSED');
  });

  it('maps a truncated JSON body to a retryable NbaResponseGarbled naming the problem; firstN lets the retry succeed', async () => {
    withFaults([{ kind: 'malformed-json', firstN: 1 }]);
    const failure = await failureOf(client.leagueGameFinder({ ...regular, teamId: ATL }));
    expect(failure).toMatchObject({ type: 'NbaResponseGarbled', nonRetryable: false });
    expect(failure.message).toContain('response is not valid JSON');
    expect(failure.message).toContain(`TeamID=${ATL}`);
    expect(parseLeagueGameFinder(await client.leagueGameFinder({ ...regular, teamId: ATL }))).toHaveLength(1);
  });

  it('a missing column makes parsing fail with NbaResponseInvalid naming the column', async () => {
    withFaults([{ kind: 'missing-column', endpoint: 'leaguegamefinder' }]);
    const response = await client.leagueGameFinder({ ...regular, teamId: ATL });
    const failure = await failureOf(Promise.resolve().then(() => parseLeagueGameFinder(response)));
    expect(failure).toMatchObject({ type: 'NbaResponseInvalid', nonRetryable: true });
    expect(failure.message).toContain(
      `leaguegamefinder (LeagueID=00, PlayerOrTeam=T, Season=2024-25, SeasonType=Regular Season, TeamID=${ATL})`,
    );
    expect(failure.message).toContain('missing required column(s) PLUS_MINUS');

    withFaults([{ kind: 'missing-column', column: 'BIRTH_DATE' }]);
    const roster = await client.commonTeamRoster({ season, teamId: ATL });
    expect((await failureOf(Promise.resolve().then(() => parseCommonTeamRoster(roster)))).message).toContain(
      'missing required column(s) BIRTH_DATE',
    );
  });

  it('drops one team’s games (an empty answer, for anomaly detection) and only that team’s', async () => {
    withFaults([{ kind: 'drop-team-games', teamIds: [ATL] }]);
    expect(parseLeagueGameFinder(await client.leagueGameFinder({ ...regular, teamId: ATL }))).toEqual([]);
    expect(parseLeagueGameFinder(await client.leagueGameFinder({ ...regular, teamId: WAS }))).toHaveLength(2);
  });

  it('adds latency but still answers', async () => {
    withFaults([{ kind: 'latency', latencyMs: 250 }]);
    const started = Date.now();
    await client.commonTeamRoster({ season, teamId: ATL });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('maps 403 (the "Access Denied" of a throttled address) to a retryable NbaAccessDenied', async () => {
    withFaults([{ kind: 'server-error', status: 403 }]);
    const failure = await failureOf(client.leagueGameFinder(regular));
    expect(failure).toMatchObject({ type: 'NbaAccessDenied', nonRetryable: false });
    expect(failure.message).toContain('HTTP 403');
  });

  it('maps a 4xx to a non-retryable NbaClientError', async () => {
    const wrongBase = createNbaClient({ baseUrl: `${server.origin}/not-stats`, timeoutMs: 2_000 });
    const failure = await failureOf(wrongBase.leagueGameFinder(regular));
    expect(failure).toMatchObject({ type: 'NbaClientError', nonRetryable: true });
    expect(failure.message).toContain('HTTP 404');
  });

  it('keeps secrets out of messages and response URLs; header overrides are sent', async () => {
    const base = new URL(server.url);
    base.username = 'proxyuser';
    base.password = 's3cret-pw';
    const secretive = createNbaClient({
      baseUrl: base.toString(),
      timeoutMs: 2_000,
      headers: { Cookie: 'ak_bmsc=s3cret-cookie', 'user-agent': 'nba-ingest-test/1.0' },
    });
    const ok = await secretive.commonTeamRoster({ season, teamId: ATL });
    expect(ok.url).not.toContain('s3cret');
    expect(server.requests().log.at(-1)?.headers['user-agent']).toBe('nba-ingest-test/1.0');
    withFaults([{ kind: 'server-error' }]);
    const failure = await failureOf(secretive.commonTeamRoster({ season, teamId: ATL }));
    expect(
      JSON.stringify({ message: failure.message, details: (failure as { details?: unknown }).details }),
    ).not.toContain('s3cret');
  });

  it('rejects a JSON body that is not a stats.nba.com envelope', async () => {
    const other = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"Message":"An error has occurred."}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const failure = await failureOf(
        createNbaClient({ baseUrl: `http://127.0.0.1:${port}/stats`, timeoutMs: 2_000 }).leagueGameFinder(
          regular,
        ),
      );
      expect(failure).toMatchObject({ type: 'NbaResponseInvalid', nonRetryable: true });
      expect(failure.message).toContain('not a stats.nba.com envelope (resultSets:');
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
