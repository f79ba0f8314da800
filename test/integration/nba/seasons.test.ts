/**
 * Acceptance: every season on hand, all 30 teams fetched one by one through the client from the
 * replay server, parsed and transformed, gives the real number of games, two stat rows per game
 * and the NBA.com W-L of every team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchRecord, TeamGameStatRecord, TeamGamesBatch } from '../../../domain/records.js';
import { createNbaClient } from '../../../nba/client.js';
import { parseLeagueGameFinder } from '../../../nba/parse.js';
import { NBA_TEAMS } from '../../../nba/teams.js';
import { transformTeamGames } from '../../../nba/transform.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { hasNbaData } from '../../support/index.js';
import {
  EXPECTED_GAMES,
  SEASONS,
  SHARED_DATA_DIR,
  mapLimit,
  readRecords,
  sharedPath,
} from '../../support/shared-data.js';

const NEUTRAL_2024_25 = ['0022400147', '0022400621', '0022400633', '0022401229', '0022401230'];

/** What the database ends up with after loading every per-team batch (matches merged, neutral OR-ed). */
function mergeBatches(batches: TeamGamesBatch[]) {
  const matches = new Map<string, MatchRecord>();
  const stats = new Map<string, TeamGameStatRecord>();
  for (const batch of batches) {
    for (const match of batch.matches) {
      const seen = matches.get(match.gameId);
      matches.set(
        match.gameId,
        seen ? { ...match, neutralSite: seen.neutralSite || match.neutralSite } : match,
      );
    }
    for (const stat of batch.stats) stats.set(`${stat.gameId}:${stat.teamId}`, stat);
  }
  return { matches, stats };
}

const dataAvailable = hasNbaData();

describe.skipIf(!dataAvailable)(`regular seasons from ${SHARED_DATA_DIR} via client + replay server`, () => {
  let server: ReplayServer;
  const records = dataAvailable ? readRecords() : new Map();
  const perSeason = new Map<string, TeamGamesBatch[]>();
  /** The 30 per-team batches the season's own test fetched: missing or short is a failure, never "nothing to check". */
  const loadedBatches = (season: string): TeamGamesBatch[] => {
    const batches = perSeason.get(season);
    if (batches?.length !== NBA_TEAMS.length) {
      throw new Error(
        `${season}: its 30 team batches are missing; the season's own test must run (and pass) first`,
      );
    }
    return batches;
  };

  beforeAll(async () => {
    server = await startReplayServer({ dataDirs: [sharedPath('iceprop-NBA-Evolution')] });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const season of SEASONS) {
    it(`${season}: ${EXPECTED_GAMES[season]} games, 2 stat rows each, W-L = NBA.com for all 30 teams`, async () => {
      const client = createNbaClient({ baseUrl: server.url, timeoutMs: 10_000 });
      server.resetRequests();
      const batches = await mapLimit(NBA_TEAMS, 4, async (team) => {
        const response = await client.leagueGameFinder({
          season,
          seasonType: 'Regular Season',
          teamId: team.teamId,
        });
        const batch = transformTeamGames(parseLeagueGameFinder(response), {
          season,
          seasonType: 'Regular Season',
        });
        // a team's batch holds only its own games
        expect(batch.stats.every((s) => s.teamId === team.teamId)).toBe(true);
        return batch;
      });
      perSeason.set(season, batches);
      expect(server.requests().total).toBe(30);

      const { matches, stats } = mergeBatches(batches);
      expect(matches.size).toBe(EXPECTED_GAMES[season]);
      expect(stats.size).toBe(2 * EXPECTED_GAMES[season]);
      const perGame = new Map<string, TeamGameStatRecord[]>();
      for (const stat of stats.values())
        perGame.set(stat.gameId, [...(perGame.get(stat.gameId) ?? []), stat]);
      for (const [gameId, rows] of perGame) {
        expect(rows, gameId).toHaveLength(2);
        const match = matches.get(gameId) as MatchRecord;
        expect(rows.find((r) => r.isHome)?.teamId, gameId).toBe(match.homeTeamId);
        expect(rows.find((r) => !r.isHome)?.teamId, gameId).toBe(match.awayTeamId);
        expect(rows.map((r) => r.wl).sort(), gameId).toEqual(['L', 'W']);
      }
      for (const match of matches.values()) {
        expect(match.gameId.startsWith('002')).toBe(true);
        expect(match.season).toBe(season);
      }

      const expected = records.get(season);
      expect(expected?.size, `${season}: W-L records in the data`).toBe(30);
      for (const team of NBA_TEAMS) {
        const own = [...stats.values()].filter((s) => s.teamId === team.teamId);
        const record = {
          w: own.filter((s) => s.wl === 'W').length,
          l: own.filter((s) => s.wl === 'L').length,
        };
        expect(record, `${season} ${team.abbreviation}`).toEqual(expected?.get(team.teamId));
      }
    });
  }

  it('2024-25: the five neutral-site games come out flagged, each exactly once (in the home side’s batch)', () => {
    const batches = loadedBatches('2024-25');
    const flags = batches.flatMap((b) => b.matches.filter((m) => m.neutralSite).map((m) => m.gameId));
    expect(flags.sort()).toEqual(NEUTRAL_2024_25);
    const merged = mergeBatches(batches);
    expect(
      [...merged.matches.values()]
        .filter((m) => m.neutralSite)
        .map((m) => m.gameId)
        .sort(),
    ).toEqual(NEUTRAL_2024_25);
    // Mexico City: "MIA @ WAS" on both rows → WAS nominal home
    expect(merged.matches.get('0022400147')).toMatchObject({
      homeTeamId: 1610612764,
      awayTeamId: 1610612748,
      neutralSite: true,
    });
    // the NBA Cup final (0062400001) is not a regular-season game
    expect(merged.matches.has('0062400001')).toBe(false);
  });

  it('other seasons have no neutral-site flags (their neutral games are written normally)', () => {
    for (const season of SEASONS.filter((s) => s !== '2024-25')) {
      const batches = loadedBatches(season);
      expect(batches.flatMap((b) => b.matches).length, season).toBeGreaterThan(0);
      const flagged = batches.flatMap((b) => b.matches.filter((m) => m.neutralSite));
      expect(flagged, season).toEqual([]);
    }
  });

  it('a league-wide request transforms to the same games with exact scores from both rows', async () => {
    const client = createNbaClient({ baseUrl: server.url, timeoutMs: 10_000 });
    const response = await client.leagueGameFinder({ season: '2017-18', seasonType: 'Regular Season' });
    const batch = transformTeamGames(parseLeagueGameFinder(response), {
      season: '2017-18',
      seasonType: 'Regular Season',
    });
    expect(batch.matches).toHaveLength(1230);
    const pts = new Map(batch.stats.map((s) => [`${s.gameId}:${s.teamId}`, s.pts]));
    for (const match of batch.matches) {
      expect(match.homeScore).toBe(pts.get(`${match.gameId}:${match.homeTeamId}`));
      expect(match.awayScore).toBe(pts.get(`${match.gameId}:${match.awayTeamId}`));
    }
    const merged = mergeBatches(loadedBatches('2017-18'));
    expect([...merged.matches.keys()].sort()).toEqual(batch.matches.map((m) => m.gameId));

    // Per-team batches: the team's own score is exact; the opponent's (PTS - PLUS_MINUS) is an
    // estimate that NBA.com's PLUS_MINUS gets wrong for some games (fractional or off by a few).
    const exact = new Map(batch.matches.map((m) => [m.gameId, m]));
    let estimatesOff = 0;
    for (const teamBatch of loadedBatches('2017-18')) {
      const teamId = teamBatch.stats[0]?.teamId;
      for (const match of teamBatch.matches) {
        const truth = exact.get(match.gameId) as MatchRecord;
        if (match.homeTeamId === teamId) expect(match.homeScore).toBe(truth.homeScore);
        else expect(match.awayScore).toBe(truth.awayScore);
        if (match.homeScore !== truth.homeScore || match.awayScore !== truth.awayScore) estimatesOff += 1;
      }
    }
    expect(estimatesOff).toBe(87); // of 2460 team rows in 2017-18
  });
});
