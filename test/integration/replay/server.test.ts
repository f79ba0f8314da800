/**
 * The replay server over HTTP, on the small hand-written data set in test/fixtures/nba/replay-data:
 * stats.nba.com semantics, verbatim recordings, request counting and the fault admin API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import got from 'got';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer, type RequestStats } from '../../../replay/server.js';
import { REPLAY_FIXTURE_DIR } from '../../support/shared-data.js';

interface Envelope {
  resource: string;
  parameters: Record<string, unknown>;
  resultSets: { name: string; headers: string[]; rowSet: unknown[][] }[];
}

describe('replay server', () => {
  let server: ReplayServer;
  const call = (pathAndQuery: string, options: { method?: 'GET' | 'POST' | 'DELETE'; json?: unknown } = {}) =>
    got(`${server.origin}${pathAndQuery}`, { retry: { limit: 0 }, throwHttpErrors: false, ...options });
  const games = async (query: string) => {
    const response = await call(`/stats/leaguegamefinder?PlayerOrTeam=T&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const set = (JSON.parse(response.body) as Envelope).resultSets[0]!;
    const col = (name: string) => set.headers.indexOf(name);
    return set.rowSet.map((row) => ({ gameId: row[col('GAME_ID')], teamId: row[col('TEAM_ID')], row }));
  };

  beforeAll(async () => {
    server = await startReplayServer({ dataDirs: [REPLAY_FIXTURE_DIR], seed: 3 });
  });
  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on 127.0.0.1 and gives the base URL for NBA_STATS_BASE_URL', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/stats`);
    const health = await call('/__health').json<{ ok: boolean; seasons: string[] }>();
    expect(health).toMatchObject({ ok: true, seasons: ['2024-25'] });
  });

  it('LeagueID=00 keeps NBA games only; empty LeagueID returns every row of the dump', async () => {
    const nba = await games('LeagueID=00&Season=2024-25&SeasonType=');
    expect(nba).toHaveLength(10); // no G League (202…), no blank-id exhibition row
    expect(nba.every((g) => String(g.gameId).startsWith('00'))).toBe(true);
    expect(await games('LeagueID=&Season=2024-25')).toHaveLength(12);
  });

  it('filters by SeasonType (SEASON_ID digit: the Cup final is not regular season), TeamID and dates', async () => {
    const regular = await games('LeagueID=00&Season=2024-25&SeasonType=Regular+Season');
    expect(regular.map((g) => g.gameId)).toEqual([
      '0022400147',
      '0022400147',
      '0022400061',
      '0022400061',
      '0022400002',
      '0022400002',
    ]);
    expect((await games('LeagueID=00&Season=2024-25&SeasonType=Pre+Season')).map((g) => g.teamId)).toEqual([
      1610612737, 12325,
    ]);
    const washington = await games('LeagueID=00&Season=2024-25&SeasonType=Regular+Season&TeamID=1610612764');
    expect(washington.map((g) => g.gameId)).toEqual(['0022400147', '0022400061']);
    expect(washington[0]?.teamId).toBe(1610612764); // "1610612764.0" in the CSV, an int on the wire
    const october = await games('LeagueID=00&Season=&DateFrom=2024-10-22&DateTo=10/30/2024');
    expect(october.map((g) => g.gameId)).toEqual(['0022400061', '0022400061', '0022400002', '0022400002']);
    const boston = regular.find((g) => g.teamId === 1610612738)?.row;
    expect(boston).toContain(null); // blank FT_PCT → null
  });

  it('answers in the stats.nba.com envelope', async () => {
    const body = await call(
      '/stats/leaguegamefinder?PlayerOrTeam=T&LeagueID=00&Season=2024-25&SeasonType=Regular+Season&TeamID=&GtFG3_PCT=',
    ).json<Envelope>();
    expect(body.resource).toBe('leaguegamefinderparameters');
    expect(body.parameters).toMatchObject({
      PlayerOrTeam: 'T',
      LeagueID: '00',
      Season: '2024-25',
      SeasonType: 'Regular Season',
      TeamID: null,
      GtFg3Pct: null,
    });
    expect(body.resultSets.map((s) => s.name)).toEqual(['LeagueGameFinderResults']);
    expect(body.resultSets[0]?.headers).toHaveLength(28);
  });

  it('answers commonteamroster from teams/<TEAM_ID>_<season>.json, and empty for unknown teams', async () => {
    const body = await call(
      '/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737',
    ).json<Envelope>();
    expect(body.resource).toBe('commonteamroster');
    expect(body.parameters).toEqual({ TeamID: 1610612737, LeagueID: '00', Season: '2024-25' });
    expect(body.resultSets.map((s) => [s.name, s.rowSet.length])).toEqual([
      ['CommonTeamRoster', 3],
      ['Coaches', 0],
    ]);
    expect(body.resultSets[0]?.headers).toHaveLength(16);
    const none = await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612740');
    expect(none.headers['x-replay-note']).toBe('no roster data for team 1610612740 season 2024-25');
    expect((JSON.parse(none.body) as Envelope).resultSets[0]?.rowSet).toEqual([]);
  });

  it('serves a recorded body verbatim for exactly its query (matched on the body’s parameter echo)', async () => {
    const response = await got(
      `${server.url}/commonteamroster?LeagueID=00&Season=2017-18&TeamID=1610612738`,
      {
        responseType: 'buffer',
      },
    );
    expect(response.headers['x-replay-source']).toBe('verbatim');
    const file = path.join(REPLAY_FIXTURE_DIR, 'recordings/commonteamroster_bos_2017-18.json');
    // got 16 gives a Uint8Array for responseType 'buffer', no longer a Buffer.
    expect(Buffer.compare(response.body, readFileSync(file))).toBe(0);
  });

  it('answers bad or unsupported queries with 400/404/405 naming the problem', async () => {
    const cases: [string, number, string][] = [
      ['/stats/leaguegamefinder?LeagueID=00', 400, 'The PlayerOrTeam property is required.'],
      ['/stats/leaguegamefinder?PlayerOrTeam=T&Conference=East', 400, 'Conference=East not emulated'],
      ['/stats/leaguegamefinder?PlayerOrTeam=T&SeasonType=Summer', 400, "SeasonType 'Summer' is not valid."],
      ['/stats/commonteamroster?Season=2024-25', 400, 'The TeamID property is required.'],
      ['/stats/teamgamelog?TeamID=1', 404, "endpoint 'teamgamelog' is not emulated"],
      ['/other', 404, 'no route /other'],
    ];
    for (const [url, status, message] of cases) {
      const response = await call(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.body, url).toContain(message);
    }
    expect((await call('/stats/leaguegamefinder', { method: 'POST' })).statusCode).toBe(405);
  });

  it('counts requests per endpoint and query, logs them with timestamps, and resets on DELETE', async () => {
    const before = Date.now();
    await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737');
    await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737');
    await call('/stats/leaguegamefinder?PlayerOrTeam=T&LeagueID=00&Season=2024-25&TeamID=');
    await call('/__faults'); // admin calls are not counted
    const stats = await call('/__requests').json<RequestStats>();
    expect(stats.total).toBe(3);
    expect(stats.perEndpoint).toEqual({ commonteamroster: 2, leaguegamefinder: 1 });
    expect(stats.perQuery).toEqual({
      'commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737': 2,
      'leaguegamefinder?LeagueID=00&PlayerOrTeam=T&Season=2024-25': 1,
    });
    expect(stats.log.map((e) => e.t)).toEqual([...stats.log.map((e) => e.t)].sort((a, b) => a - b));
    expect(stats.log[0]!.t).toBeGreaterThanOrEqual(before);
    expect(new Date(stats.log[0]!.at).getTime()).toBe(stats.log[0]!.t);
    expect(stats.log[2]).toMatchObject({
      endpoint: 'leaguegamefinder',
      status: 200,
      source: 'synthesized',
      query: 'PlayerOrTeam=T&LeagueID=00&Season=2024-25&TeamID=',
    });
    expect(server.requests().total).toBe(3);

    expect((await call('/__requests', { method: 'DELETE' })).statusCode).toBe(200);
    expect((await call('/__requests').json<RequestStats>()).total).toBe(0);
  });

  it('takes faults over the admin path: POST replaces, GET lists, DELETE clears, bad rules are refused', async () => {
    const rules = [{ kind: 'server-error', teamIds: [1610612737], endpoint: 'commonteamroster' }];
    const posted = await call('/__faults', { method: 'POST', json: rules });
    expect(posted.statusCode).toBe(200);
    expect((await call('/__faults').json<{ faults: unknown[] }>()).faults).toEqual(rules);
    expect(
      (await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737')).statusCode,
    ).toBe(500);
    expect(
      (await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612738')).statusCode,
    ).toBe(200);
    expect(
      (await call('/stats/leaguegamefinder?PlayerOrTeam=T&LeagueID=00&Season=2024-25&TeamID=1610612737'))
        .statusCode,
    ).toBe(200);

    const bad = await call('/__faults', { method: 'POST', json: { faults: [{ kind: 'explode' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('invalid faults: 0.kind');
    expect(server.faults()).toEqual(rules); // a refused update leaves the rules as they were

    expect((await call('/__faults', { method: 'DELETE' })).statusCode).toBe(200);
    expect(
      (await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737')).statusCode,
    ).toBe(200);
    const log = server.requests().log;
    expect(log.map((e) => e.faults)).toEqual([['server-error'], [], [], []]);
  });

  it('drops the given teams’ rows from an all-teams answer, and mutates verbatim bodies too', async () => {
    server.setFaults([{ kind: 'drop-team-games', teamIds: [1610612764] }]);
    const rows = await games('LeagueID=00&Season=2024-25&SeasonType=Regular+Season');
    expect(rows.map((g) => g.teamId)).toEqual([1610612748, 1610612737, 1610612738, 1610612752]);

    server.setFaults([{ kind: 'malformed-json', endpoint: 'commonteamroster' }]);
    const response = await call('/stats/commonteamroster?LeagueID=00&Season=2017-18&TeamID=1610612738');
    expect(response.statusCode).toBe(200);
    expect(() => JSON.parse(response.body)).toThrow();
  });

  it('applies a fault at the given rate only', async () => {
    server.setFaults([{ kind: 'server-error', rate: 0.5 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (await call('/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737')).statusCode,
      );
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(statuses.filter((s) => s === 200).length).toBe(40 - failures);
  });

  it('cuts every endpoint off after every `every` answers for `seconds`, marks those requests, then serves', async () => {
    const roster = '/stats/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737';
    const finder = '/stats/leaguegamefinder?PlayerOrTeam=T&LeagueID=00&Season=2024-25';
    const posted = await call('/__faults', {
      method: 'POST',
      json: [{ kind: 'cutoff', every: 2, seconds: 0.5, mode: 403 }],
    });
    expect(posted.statusCode).toBe(200);
    const statuses = async (paths: string[]) => {
      const out: number[] = [];
      for (const p of paths) out.push((await call(p)).statusCode);
      return out;
    };
    expect(await statuses([roster, finder, roster, finder])).toEqual([200, 200, 403, 403]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await statuses([finder, roster, roster])).toEqual([200, 200, 403]);

    const stats = await call('/__requests').json<RequestStats>();
    expect(stats.cutoffs).toEqual({ requests: 3, perCutoff: { 1: 2, 2: 1 } });
    expect(stats.log.map((e) => e.cutoff ?? 0)).toEqual([0, 0, 1, 1, 0, 0, 2]);
    expect(stats.log[2]).toMatchObject({ faults: ['cutoff'], status: 403 });

    server.setFaults([{ kind: 'cutoff', every: 1, seconds: 5 }]); // mode hang: no answer at all
    expect(await statuses([roster])).toEqual([200]);
    const hung = await got(`${server.origin}${roster}`, {
      retry: { limit: 0 },
      timeout: { request: 300 },
    }).catch((e: Error) => e);
    expect(hung).toBeInstanceOf(Error);
    expect((hung as Error).name).toBe('TimeoutError');
  });

  it('refuses a missing data directory and closes promptly even with a hung request', async () => {
    await expect(startReplayServer({ dataDirs: ['/nonexistent/nba-data'] })).rejects.toThrow(
      "replay: data directory '/nonexistent/nba-data' does not exist",
    );
    const other = await startReplayServer({ dataDirs: [REPLAY_FIXTURE_DIR], faults: [{ kind: 'hang' }] });
    const pending = got(`${other.url}/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737`, {
      retry: { limit: 0 },
    }).catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
