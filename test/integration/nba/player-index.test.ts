/**
 * playerindex and dated leaguegamefinder requests (issue 12, items 2 and 3) against the real
 * recordings: the client sends exactly nba_api's recorded playerindex query (served verbatim), the
 * parser reads the real answer, the replay derives the same columns from a season's roster files,
 * and DateFrom/DateTo go out as MM/DD/YYYY and select what the recorded date-range answer holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNbaClient, type NbaClient } from '../../../nba/client.js';
import { parseLeagueGameFinder, parsePlayerIndex } from '../../../nba/parse.js';
import { PLAYER_INDEX_HEADERS } from '../../../replay/player-index.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { hasNbaData } from '../../support/index.js';
import { readSharedJson, sharedPath } from '../../support/shared-data.js';

interface Envelope {
  parameters: Record<string, unknown>;
  resultSets: { name: string; headers: string[]; rowSet: unknown[][] }[];
}

const CASSETTES = 'swar-nba_api-vcr-cassettes';
const ROSTERS = 'BotJace-all-roads-lead-to-lebron';
const RECORDED_INDEX = 'playerindex__00__2025-26.json';
const DATE_RANGE = 'leaguegamefinder__T__no-season__2024-11-01_to_2024-11-13.json';

describe.skipIf(!hasNbaData())('playerindex and dated game requests against the recordings', () => {
  let server: ReplayServer;
  let client: NbaClient;

  beforeAll(async () => {
    server = await startReplayServer({
      dataDirs: [sharedPath(CASSETTES), sharedPath(ROSTERS), sharedPath('iceprop-NBA-Evolution')],
    });
    client = createNbaClient({ baseUrl: server.url, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends the recorded playerindex query and reads the real answer: 557 players, 35 on no team', async () => {
    const { recordings } = readSharedJson<{ recordings: { file: string; uri: string }[] }>(
      CASSETTES,
      '_recordings_index.json',
    );
    const recorded = recordings.find((r) => r.file === RECORDED_INDEX)!;
    const response = await client.playerIndex({ season: '2025-26' });
    const logged = server.requests().log.at(-1)!;
    expect(logged.query).toBe(new URL(recorded.uri).search.slice(1));
    expect(logged.source).toBe('verbatim');
    const players = parsePlayerIndex(response);
    expect(players).toHaveLength(557);
    expect(players.filter((p) => p.teamId === null)).toHaveLength(35);
    expect(players[0]).toEqual({ playerId: 1630173, teamId: 1610612758 });
  });

  it('derives 2023-24 from the roster files, in the recorded answer’s columns and cell types', async () => {
    const response = await client.playerIndex({ season: '2023-24' });
    expect(server.requests().log.at(-1)?.source).toBe('synthesized');
    const derived = (response.body as Envelope).resultSets[0]!;
    const real = readSharedJson<Envelope>(CASSETTES, RECORDED_INDEX).resultSets[0]!;
    expect(derived.name).toBe(real.name);
    expect(derived.headers).toEqual(real.headers);
    expect(PLAYER_INDEX_HEADERS).toEqual(real.headers);
    // Every cell the derivation fills has the type the real answer gives that column.
    for (const [i, header] of derived.headers.entries()) {
      const types = (rows: unknown[][]) =>
        new Set(
          rows
            .map((r) => r[i])
            .filter((v) => v !== null)
            .map((v) => typeof v),
        );
      for (const type of types(derived.rowSet)) expect(types(real.rowSet), header).toContain(type);
    }

    const players = parsePlayerIndex(response);
    expect(players).toHaveLength(532); // the 2023-24 files' players, each once
    const boston = readSharedJson<{ PLAYER_ID: number }[]>(ROSTERS, 'teams', '1610612738_2023-24.json');
    expect(
      players
        .filter((p) => p.teamId === 1610612738)
        .map((p) => p.playerId)
        .sort(),
    ).toEqual(boston.map((p) => p.PLAYER_ID).sort());
  });

  it('DateFrom/DateTo go out as MM/DD/YYYY and select the recorded date range’s regular-season rows', async () => {
    const response = await client.leagueGameFinder({
      season: '2024-25',
      seasonType: 'Regular Season',
      dateFrom: '2024-11-01',
      dateTo: '2024-11-13',
    });
    const logged = server.requests().log.at(-1)!;
    expect([logged.params.DateFrom, logged.params.DateTo]).toEqual(['11/01/2024', '11/13/2024']);
    const recorded = readSharedJson<Envelope>(CASSETTES, DATE_RANGE);
    expect((response.body as Envelope).parameters).toMatchObject({
      DateFrom: recorded.parameters.DateFrom,
      DateTo: recorded.parameters.DateTo,
    });
    const key = (r: { gameId: string; teamId: number }) => `${r.gameId}:${r.teamId}`;
    const expected = parseLeagueGameFinder({ ...response, body: recorded })
      .filter((r) => r.seasonId.startsWith('2'))
      .map(key)
      .sort();
    expect(expected.length).toBeGreaterThan(150);
    expect(parseLeagueGameFinder(response).map(key).sort()).toEqual(expected);
  });
});
