/**
 * leaguegamefinder PlayerOrTeam=P through the real client from the replay server over the real
 * player logs (AntBap23-player-game-logs): a season's lines after the season-type transform, their
 * sums against the team rows of every team-game, nba_api's LeBron James recording served verbatim,
 * a clear failure where no player logs are on hand, and the row-cap fault with the halving of a
 * capped date range.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNbaClient, type NbaClient } from '../../../nba/client.js';
import { parseLeagueGameFinder, parsePlayerGames } from '../../../nba/parse.js';
import { rangesToAskAgain, reachedRowCap, requestedDateRange, type DateRange } from '../../../nba/row-cap.js';
import { transformPlayerGames, transformTeamGames } from '../../../nba/transform.js';
import { reconcilePlayerLines } from '../../../quality/player-sums.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { hasNbaData } from '../../support/index.js';
import { fetchGzipped, readSharedJson, sharedPath, SHARED_DATA_DIR } from '../../support/shared-data.js';

const CASSETTES = 'swar-nba_api-vcr-cassettes';
const LEBRON = 'leaguegamefinder__P__2023-24__all-season-types__player-2544.json';
const REGULAR = 'Regular Season';

interface ResultSet {
  headers: string[];
  rowSet: unknown[][];
}

describe.skipIf(!hasNbaData())(`player game logs replayed from ${SHARED_DATA_DIR}`, () => {
  let server: ReplayServer;
  let client: NbaClient;

  beforeAll(async () => {
    server = await startReplayServer({
      dataDirs: [
        sharedPath(CASSETTES),
        sharedPath('AntBap23-player-game-logs'),
        sharedPath('iceprop-NBA-Evolution'),
      ],
    });
    client = createNbaClient({ baseUrl: server.url, timeoutMs: 60_000 });
  });
  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A season's player lines and team lines as the pipeline will read them, and their reconciliation. */
  async function season(name: string) {
    const ctx = { season: name, seasonType: REGULAR } as const;
    const players = transformPlayerGames(
      parsePlayerGames(await client.leagueGameFinder({ ...ctx, playerOrTeam: 'P' })),
      ctx,
    );
    const teams = transformTeamGames(parseLeagueGameFinder(await client.leagueGameFinder(ctx)), ctx);
    return { players, teams, sums: reconcilePlayerLines(teams.stats, players.stats) };
  }

  // Fetched once, by whichever test asks first (each season is ~26,000 rows).
  let season2023: ReturnType<typeof season> | undefined;
  const season2023Once = () => (season2023 ??= season('2023-24'));

  it('2023-24: 26,401 player lines; in all 2460 team-games they add up to the team row', async () => {
    const { players, teams, sums } = await season2023Once();
    expect(players.stats).toHaveLength(26_401);
    expect(players.players).toHaveLength(572);
    expect(teams.stats).toHaveLength(2460);
    expect(sums.failures.slice(0, 5)).toEqual([]);
    expect(sums).toMatchObject({ teamGames: 2460, passed: 2460 });
    expect(server.requests().log.map((entry) => [entry.params.PlayerOrTeam, entry.source])).toEqual([
      ['P', 'synthesized'],
      ['T', 'verbatim'], // nba_api's recording of the same query
    ]);
  });

  it('one changed point in a player line is named with the game, the team and both sums', async () => {
    const { players, teams } = await season2023Once();
    const changed = players.stats.map((line, index) => (index === 0 ? { ...line, pts: line.pts + 1 } : line));
    const first = players.stats[0]!;
    const { failures } = reconcilePlayerLines(teams.stats, changed);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      check: 'players_add_up',
      gameId: first.gameId,
      teamId: first.teamId,
    });
    expect((failures[0]?.team ?? 0) + 1).toBe(failures[0]?.players);
  });

  it.each([
    ['2017-18', 26_107, 2460],
    ['2020-21', 23_054, 2160],
    ['2024-25', 26_306, 2460],
  ])('%s: %i player lines, adding up in all %i team-games', async (name, lines, teamGames) => {
    const { players, sums } = await season(name);
    expect(players.stats).toHaveLength(lines);
    expect(sums.failures.slice(0, 5)).toEqual([]);
    expect(sums).toMatchObject({ teamGames, passed: teamGames });
  });

  it('serves nba_api’s LeBron James recording byte for byte, and the same regular-season lines from the logs', async () => {
    const index = readSharedJson<{ recordings: { file: string; uri: string }[] }>(CASSETTES, '_recordings_index.json');
    const uri = new URL(index.recordings.find((r) => r.file === LEBRON)!.uri);
    const response = await fetchGzipped(`${server.url}/leaguegamefinder${uri.search}`);
    expect(response.headers['x-replay-source']).toBe('verbatim');
    const recorded = readFileSync(sharedPath(CASSETTES, LEBRON));
    expect(gunzipSync(response.body).equals(recorded)).toBe(true);

    // The pipeline's query (SeasonType=Regular Season) is another one: synthesized from the logs,
    // it holds the recording's 71 regular-season rows, cell for cell and in the same order.
    const synthesized = await client.leagueGameFinder({ season: '2023-24', seasonType: REGULAR, playerOrTeam: 'P', playerId: 2544 });
    expect(server.requests().log.at(-1)?.source).toBe('synthesized');
    const [mine] = (synthesized.body as { resultSets: ResultSet[] }).resultSets;
    const [theirs] = (JSON.parse(recorded.toString('utf8')) as { resultSets: ResultSet[] }).resultSets;
    expect(mine?.headers).toEqual(theirs?.headers);
    const regularRows = theirs!.rowSet.filter((row) => String(row[6]).startsWith('002'));
    expect(regularRows).toHaveLength(71);
    expect(mine?.rowSet).toEqual(regularRows);
  }); // prettier-ignore

  it.each([
    ['2019-20', REGULAR],
    ['2011-12', REGULAR],
    ['2025-26', REGULAR],
    ['2023-24', 'Playoffs'],
    ['2023-24', 'PlayIn'],
  ] as const)('%s %s: no player logs on hand, a non-retryable NbaClientError, never an empty answer', async (name, type) => {
    const failure = await client.leagueGameFinder({ season: name, seasonType: type, playerOrTeam: 'P' }).then(
      () => undefined,
      (error: unknown) => error as { type?: string; nonRetryable?: boolean; message: string },
    );
    expect(failure).toMatchObject({ type: 'NbaClientError', nonRetryable: true });
    expect(failure?.message).toContain(`HTTP 404: replay: no player game logs for ${name} ${type}`);
    expect(server.requests().log.at(-1)).toMatchObject({ status: 404, source: 'error' });
  }); // prettier-ignore

  it('row-cap?rows=5000 cuts answers; halving the capped date ranges still gets all 26,401 lines', async () => {
    const cap = 5000;
    server.setFaults([{ kind: 'row-cap', rows: cap }]);
    const ctx = { season: '2023-24', seasonType: REGULAR } as const;
    const whole = await client.leagueGameFinder({ ...ctx, playerOrTeam: 'P' });
    expect([...parsePlayerGames(whole)]).toHaveLength(cap);
    expect(server.requests().log.at(-1)).toMatchObject({ faults: ['row-cap'], note: 'row-cap: 26401 rows cut to 5000' });

    const lines = new Map<string, number>();
    const ask = async (range: DateRange): Promise<void> => {
      const response = await client.leagueGameFinder({ ...ctx, playerOrTeam: 'P', dateFrom: range.from, dateTo: range.to });
      const rows = [...parsePlayerGames(response)];
      const halves = rangesToAskAgain(range, reachedRowCap(rows.length, cap));
      if (halves.length === 0) for (const row of rows) lines.set(`${row.gameId}:${row.playerId}`, row.pts);
      for (const half of halves) await ask(half);
    };
    server.resetRequests();
    await ask(requestedDateRange(ctx.season));
    const requests = server.requests().total;
    console.log(`row-cap?rows=${cap}: 2023-24's player lines in ${requests} requests`);
    expect(lines.size).toBe(26_401);
    expect(requests).toBeGreaterThan(26_401 / cap);
  }); // prettier-ignore
});
