/**
 * The replay server against real recorded stats.nba.com traffic (nba_api's VCR cassettes):
 * synthesized answers agree with recorded bodies row for row, recorded bodies are served verbatim,
 * and the client sends the same headers and the same sorted, complete query as nba_api 1.11.4.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNbaClient } from '../../../nba/client.js';
import { parseCommonTeamRoster, parseLeagueGameFinder } from '../../../nba/parse.js';
import { transformTeamGames } from '../../../nba/transform.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { hasNbaData } from '../../support/index.js';
import { SHARED_DATA_DIR, fetchGzipped, readSharedJson, sharedPath } from '../../support/shared-data.js';

interface ResultSet {
  name: string;
  headers: string[];
  rowSet: unknown[][];
}
interface Envelope {
  resource: string;
  parameters: Record<string, unknown>;
  resultSets: ResultSet[];
}
interface IndexEntry {
  file: string;
  uri: string;
  endpoint: string;
  request_headers_sent: Record<string, string>;
}

const CASSETTES = 'swar-nba_api-vcr-cassettes';
const REGULAR_2023_24 = 'leaguegamefinder__T__2023-24__regular-season__all-teams.json';

/** Rows keyed by GAME_ID + TEAM_ID (the server's order within one date is not reproducible). */
function rowsByKey(set: ResultSet): Map<string, unknown[]> {
  const game = set.headers.indexOf('GAME_ID');
  const team = set.headers.indexOf('TEAM_ID');
  return new Map(set.rowSet.map((row) => [`${row[game]}:${row[team]}`, row]));
}

function datesInOrder(set: ResultSet): string[] {
  const date = set.headers.indexOf('GAME_DATE');
  return set.rowSet.map((row) => String(row[date]));
}

const dataAvailable = hasNbaData();

describe.skipIf(!dataAvailable)(`replay vs recorded responses in ${SHARED_DATA_DIR}/${CASSETTES}`, () => {
  let synthesizing: ReplayServer; // CSV data only: answers are built from games_<season>.csv
  let recorded: ReplayServer; // CSV data + cassettes: exact queries are answered verbatim
  const index = dataAvailable
    ? readSharedJson<{ recordings: IndexEntry[] }>(CASSETTES, '_recordings_index.json')
    : { recordings: [] };
  const entry = (file: string) => index.recordings.find((r) => r.file === file) as IndexEntry;

  beforeAll(async () => {
    synthesizing = await startReplayServer({ dataDirs: [sharedPath('iceprop-NBA-Evolution')] });
    recorded = await startReplayServer({
      dataDirs: [sharedPath(CASSETTES), sharedPath('iceprop-NBA-Evolution')],
    });
  });
  afterAll(async () => {
    await synthesizing?.close();
    await recorded?.close();
  });

  it('the 2023-24 regular-season recording and the replay answer agree row for row', async () => {
    const client = createNbaClient({ baseUrl: synthesizing.url, timeoutMs: 10_000 });
    const response = await client.leagueGameFinder({ season: '2023-24', seasonType: 'Regular Season' });
    expect(synthesizing.requests().log.at(-1)?.source).toBe('synthesized');
    const replayed = response.body as Envelope;
    const original = readSharedJson<Envelope>(CASSETTES, REGULAR_2023_24);

    expect(replayed.resource).toBe(original.resource);
    const [replaySet, originalSet] = [
      replayed.resultSets[0] as ResultSet,
      original.resultSets[0] as ResultSet,
    ];
    expect(replaySet.name).toBe(originalSet.name);
    expect(replaySet.headers).toEqual(originalSet.headers);
    expect(replaySet.rowSet).toHaveLength(2460);
    expect(originalSet.rowSet).toHaveLength(2460);
    const replayRows = rowsByKey(replaySet);
    expect(replayRows.size).toBe(2460);
    for (const [key, row] of rowsByKey(originalSet)) expect(replayRows.get(key), key).toEqual(row);
    expect(datesInOrder(replaySet)).toEqual(datesInOrder(originalSet)); // both newest first
    // echo of the parameters, as the real server writes it
    for (const name of [
      'PlayerOrTeam',
      'LeagueID',
      'Season',
      'SeasonType',
      'TeamID',
      'GtFg3Pct',
      'DraftTeam',
    ]) {
      expect(replayed.parameters[name], name).toEqual(original.parameters[name]);
    }

    const ctx = { season: '2023-24', seasonType: 'Regular Season' } as const;
    const fromRecording = transformTeamGames(parseLeagueGameFinder({ ...response, body: original }), ctx);
    expect(transformTeamGames(parseLeagueGameFinder(response), ctx)).toEqual(fromRecording);
    expect(fromRecording.matches).toHaveLength(1230);
  });

  it('serves a recorded body verbatim when the query matches it exactly', async () => {
    const uri = new URL(entry(REGULAR_2023_24).uri);
    const response = await fetchGzipped(`${recorded.url}/leaguegamefinder${uri.search}`);
    expect(response.headers['x-replay-source']).toBe('verbatim');
    expect(response.headers['content-encoding']).toBe('gzip'); // like the CDN, when the client accepts it
    expect(gunzipSync(response.body).equals(readFileSync(sharedPath(CASSETTES, REGULAR_2023_24)))).toBe(true);

    // one parameter more (TeamID) is another query: synthesized from the CSV, same rows for that team
    const client = createNbaClient({ baseUrl: recorded.url, timeoutMs: 10_000 });
    const lakers = await client.leagueGameFinder({
      season: '2023-24',
      seasonType: 'Regular Season',
      teamId: 1610612747,
    });
    expect(recorded.requests().log.at(-1)?.source).toBe('synthesized');
    expect(parseLeagueGameFinder(lakers)).toHaveLength(82);
  });

  const semanticsCases = [
    'leaguegamefinder__T__2023-24__all-season-types__team-1610612747.json', // SeasonType empty: 95 rows incl. Cup final
    'leaguegamefinder__T__2023-24__all-season-types__2024-01-01_to_2024-01-31.json',
    'leaguegamefinder__T__no-season__2021-01-01_to_2021-01-31.json', // Season empty: across season files
    'leaguegamefinder__T__no-season__2024-11-01_to_2024-11-13.json', // includes the Mexico City "MIA @ WAS" rows
  ];
  for (const file of semanticsCases) {
    it(`honours LeagueID/Season/SeasonType/TeamID/DateFrom/DateTo like the recorded ${file}`, async () => {
      const uri = new URL(entry(file).uri);
      const body = await got(`${synthesizing.url}/leaguegamefinder${uri.search}`, {
        retry: { limit: 0 },
      }).json<Envelope>();
      expect(synthesizing.requests().log.at(-1)?.source).toBe('synthesized');
      const original = readSharedJson<Envelope>(CASSETTES, file);
      const [replaySet, originalSet] = [body.resultSets[0] as ResultSet, original.resultSets[0] as ResultSet];
      expect(replaySet.rowSet.length).toBe(originalSet.rowSet.length);
      const replayRows = rowsByKey(replaySet);
      for (const [key, row] of rowsByKey(originalSet)) expect(replayRows.get(key), key).toEqual(row);
      expect(datesInOrder(replaySet)).toEqual(datesInOrder(originalSet));
    });
  }

  it('sends the headers and the sorted, complete parameters of nba_api 1.11.4’s recorded requests', async () => {
    const client = createNbaClient({ baseUrl: recorded.url, timeoutMs: 10_000 });
    recorded.resetRequests();
    await client.leagueGameFinder({ season: '2023-24', seasonType: 'Regular Season' });
    await client.leagueGameFinder({ season: '2023-24', seasonType: 'Regular Season', teamId: 1610612747 });
    const roster = await client.commonTeamRoster({ season: '2025-26', teamId: 1610612739 });
    const [all, lakers, cavaliers] = recorded.requests().log;

    const leagueEntry = entry(REGULAR_2023_24);
    const rosterEntry = entry('commonteamroster__1610612739__2025-26.json');
    expect(all?.query).toBe(new URL(leagueEntry.uri).search.slice(1));
    expect(lakers?.query).toBe(
      new URL(leagueEntry.uri).search.slice(1).replace('&TeamID=&', '&TeamID=1610612747&'),
    );
    expect(cavaliers?.query).toBe(new URL(rosterEntry.uri).search.slice(1));
    expect(cavaliers?.source).toBe('verbatim');
    expect(parseCommonTeamRoster(roster)).toHaveLength(19);

    for (const [logged, recordedEntry] of [
      [all, leagueEntry],
      [cavaliers, rosterEntry],
    ] as const) {
      for (const [name, value] of Object.entries(recordedEntry.request_headers_sent)) {
        const sent = logged?.headers[name.toLowerCase()];
        if (name === 'Host')
          expect(sent).toBe(`127.0.0.1:${recorded.port}`); // derived from the base URL
        else expect(sent, name).toBe(value);
      }
    }
  });
});
