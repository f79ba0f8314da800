/**
 * What the replay server answers from the shared data beyond its recordings: 2025-26 leaguegamefinder
 * from the recorded game log, leaguestandingsv3 derived from the final records of complete seasons
 * (the recorded 2025-26 body verbatim), 2025-26 commonteamroster from the recorded playerindex.
 */
import got from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { hasNbaData, nbaDataDir } from '../../support/index.js';

interface Envelope {
  resultSets: { name: string; headers: string[]; rowSet: unknown[][] }[];
}

describe.skipIf(!hasNbaData())('replay answers for standings and a season in progress', () => {
  let server: ReplayServer;
  const get = async (pathAndQuery: string) => {
    const response = await got(`${server.url}/${pathAndQuery}`, {
      retry: { limit: 0 },
      throwHttpErrors: false,
    });
    const source = server.requests().log.at(-1)?.source;
    return { status: response.statusCode, body: response.body, source };
  };
  const rows = (body: string, name: string) => {
    const set = (JSON.parse(body) as Envelope).resultSets.find((s) => s.name === name)!;
    return set.rowSet.map((row) => Object.fromEntries(set.headers.map((h, i) => [h, row[i]])));
  };

  beforeAll(async () => {
    server = await startReplayServer({ dataDirs: [nbaDataDir()] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('2025-26 leaguegamefinder comes from the game log: 1688 rows newest first, filters apply', async () => {
    const health = JSON.parse((await got(`${server.origin}/__health`)).body) as { seasons: string[] };
    expect(health.seasons).toContain('2025-26');
    const all = await get(
      'leaguegamefinder?LeagueID=00&PlayerOrTeam=T&Season=2025-26&SeasonType=Regular+Season',
    );
    expect(all).toMatchObject({ status: 200, source: 'synthesized' });
    const games = rows(all.body, 'LeagueGameFinderResults');
    expect(games).toHaveLength(1688);
    expect(games[0]).not.toHaveProperty('VIDEO_AVAILABLE');
    expect([games[0]!.GAME_DATE, games.at(-1)!.GAME_DATE]).toEqual(['2026-02-21', '2025-10-21']);
    const cle = await get('leaguegamefinder?LeagueID=00&PlayerOrTeam=T&Season=2025-26&TeamID=1610612739');
    expect(rows(cle.body, 'LeagueGameFinderResults')).toHaveLength(57);
  });

  it('leaguestandingsv3: derived from the final records for 2023-24, the recording for 2025-26', async () => {
    const derived = await get(
      'leaguestandingsv3?LeagueID=00&Season=2023-24&SeasonType=Regular+Season&SeasonYear=',
    );
    expect(derived).toMatchObject({ status: 200, source: 'synthesized' });
    const teams = rows(derived.body, 'Standings');
    expect(teams).toHaveLength(30);
    expect(teams[0]).toMatchObject({ TeamID: 1610612738, TeamName: 'Celtics', WINS: 64, LOSSES: 18 });
    expect(teams.reduce((n, t) => n + (t.WINS as number), 0)).toBe(1230);

    const recorded = await get(
      'leaguestandingsv3?LeagueID=00&Season=2025-26&SeasonType=Regular+Season&SeasonYear=',
    );
    expect(recorded.source).toBe('verbatim');
    expect(rows(recorded.body, 'Standings')[0]).toMatchObject({ TeamID: 1610612760, WINS: 43, LOSSES: 14 });

    expect((await get('leaguestandingsv3?LeagueID=00&Season=2023-24&SeasonType=Playoffs')).status).toBe(400);
    const none = await get('leaguestandingsv3?LeagueID=00&Season=2005-06&SeasonType=Regular+Season');
    expect(rows(none.body, 'Standings')).toEqual([]);
  });

  it('2025-26 commonteamroster comes from the recorded playerindex; CLE stays the recorded body', async () => {
    const mia = await get('commonteamroster?LeagueID=00&Season=2025-26&TeamID=1610612748');
    expect(mia.source).toBe('synthesized');
    const players = rows(mia.body, 'CommonTeamRoster');
    expect(players).toHaveLength(18);
    expect(players.every((p) => p.TeamID === 1610612748 && p.SEASON === '2025')).toBe(true);
    const cle = await get('commonteamroster?LeagueID=00&Season=2025-26&TeamID=1610612739');
    expect(cle.source).toBe('verbatim');
    expect(rows(cle.body, 'CommonTeamRoster')).toHaveLength(19);
  });
});
