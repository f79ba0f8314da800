/**
 * Issue 21 end to end on the real player logs: after the games, ONE league-wide leaguegamefinder
 * PlayerOrTeam=P request loads every player's line of the season (2023-24: 26,401), every one of
 * them reconciled with the team lines (2460/2460 team-games), every player known (those on no
 * roster from the game rows), idempotent, rebuilt by retransform with 0 requests; an answer cut at
 * a row cap is asked again in halves of its dates; a player's points changed in a copy of the data
 * make the run anomalous, naming the game, the team and both sums.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChanges, listChanges } from '../../../cli/changes.js';
import { tableChecksums } from '../../../db/checksums.js';
import { hasNbaData, nbaDataDir } from '../../support/index.js';
import { startPipeline, usePipeline, type Pipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';
const LOGS = 'AntBap23-player-game-logs';
/** On no 2023-24 roster of the data (waived by MIN in 2023-24, then MEM, WAS): in game rows only. */
const ON_NO_ROSTER = { playerId: 1629669, fullName: 'Jaylen Nowell' };

const count = async (p: Pipeline, sql: string): Promise<number> =>
  (await p.database.pool.query<{ n: number }>(sql)).rows[0]!.n;

describe.skipIf(!hasNbaData())('player box scores league-wide (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline({ rate: 500 });
  let loaded: Awaited<ReturnType<typeof tableChecksums>>;

  it('2023-24: 33 requests, 26,401 player lines, every check passes on 2460/2460 team-games, every player known', async () => {
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest({ season: SEASON, gamesBy: 'league' });
    expect(result.status).toBe('completed');
    const { total, log } = pipeline().replay.requests();
    expect(total).toBe(33);
    const playerRequests = log.filter((r) => r.params.PlayerOrTeam === 'P');
    expect(playerRequests.map((r) => [r.params.Season, r.params.SeasonType, r.params.LeagueID])).toEqual([
      [SEASON, 'Regular Season', '00'],
    ]);
    expect(result.apiCalls).toBe(33);
    expect(result.counts.player_game_stats).toEqual({ inserted: 26_401, updated: 0, unchanged: 0 });
    expect(result.playerGames).toEqual({ units: 1, done: 1, rows: 26_401, games: 1230, answers: 1 });
    expect(result.quality?.playerSums).toEqual({ teamGames: 2460, passed: 2460, failures: 0 });
    expect(result.quality?.failed).toEqual([]);
    expect(await count(pipeline(), 'select count(*)::int as n from player_game_stats')).toBe(26_401);
    expect(
      await count(
        pipeline(),
        'select count(*)::int as n from player_game_stats s where not exists (select 1 from players p where p.player_id = s.player_id)',
      ),
    ).toBe(0);
    const { rows } = await pipeline().database.pool.query(
      'select full_name, source_season from players where player_id = $1',
      [ON_NO_ROSTER.playerId],
    );
    expect(rows).toEqual([{ full_name: ON_NO_ROSTER.fullName, source_season: null }]);
    loaded = await tableChecksums(pipeline().database);
  });

  it('a re-run changes 0 rows', async () => {
    const result = await pipeline().ingest({ season: SEASON, gamesBy: 'league' });
    expect(result.status).toBe('completed');
    for (const [table, c] of Object.entries(result.counts))
      expect({ table, changed: c.inserted + c.updated }).toEqual({ table, changed: 0 });
    expect(result.counts.player_game_stats?.unchanged).toBe(26_401);
    expect(await tableChecksums(pipeline().database)).toEqual(loaded);
  });

  it('a player line changed since is put back by the next run over its date, and `ingest changes` shows it', async () => {
    const game = '0022300061';
    const player = 1629618; // Jalen Pickett, 2 points
    await pipeline().database.pool.query(
      'update player_game_stats set pts = 3 where game_id = $1 and player_id = $2',
      [game, player],
    );
    const result = await pipeline().ingest({
      season: SEASON,
      dates: { since: '2023-10-24', until: '2023-10-24' },
      rosters: 'changed',
    });
    expect(result.status).toBe('completed');
    expect(result.counts.player_game_stats).toMatchObject({ inserted: 0, updated: 1 });
    const changes = await listChanges(pipeline().database, result.runId);
    expect(changes).toEqual([
      expect.objectContaining({
        table: 'player_game_stats',
        key: { game_id: game, player_id: player },
        changes: { pts: [3, 2] },
      }),
    ]);
    expect(formatChanges(result.runId, changes)).toContain(
      `player_game_stats game_id=${game} player_id=${player}  pts: 3 → 2`,
    );
    expect(await tableChecksums(pipeline().database)).toEqual(loaded);
  });

  it('retransform rebuilds every table from the stored answers with 0 requests, checksums equal', async () => {
    await pipeline().database.pool.query(
      'truncate player_game_stats, team_game_stats, matches, rosters, players cascade',
    );
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest({ season: SEASON, gamesBy: 'league', responses: 'stored' });
    expect(result.status).toBe('completed');
    expect(pipeline().replay.requests().total).toBe(0);
    expect(result.apiCalls).toBe(0);
    expect(result.counts.player_game_stats).toEqual({ inserted: 26_401, updated: 0, unchanged: 0 });
    expect(await tableChecksums(pipeline().database)).toEqual(loaded);
  });

  it('with the answers capped at 5000 rows, the halves of the dates are asked until every line is in: 26,401', async () => {
    await pipeline().stopWorkers();
    await pipeline().startWorkers({ rate: 500, rowCap: 5000 });
    pipeline().replay.setFaults([{ kind: 'row-cap', rows: 5000 }]);
    await pipeline().database.pool.query('truncate player_game_stats');
    pipeline().replay.resetRequests();
    try {
      const result = await pipeline().ingest({ season: SEASON, gamesBy: 'league' });
      const playerRequests = pipeline()
        .replay.requests()
        .log.filter((r) => r.params.PlayerOrTeam === 'P');
      console.log(
        `row cap 5000: ${playerRequests.length} player-games requests, ${result.playerGames?.answers} answers loaded`,
      );
      expect(result.status).toBe('completed');
      expect(result.counts.player_game_stats).toEqual({ inserted: 26_401, updated: 0, unchanged: 0 });
      expect(result.quality?.playerSums).toEqual({ teamGames: 2460, passed: 2460, failures: 0 });
      expect(playerRequests.length).toBeGreaterThan(8);
      expect(result.apiCalls).toBe(pipeline().replay.requests().total);
    } finally {
      pipeline().replay.clearFaults();
      await pipeline().stopWorkers();
      await pipeline().startWorkers({ rate: 500 });
    }
    expect(await tableChecksums(pipeline().database)).toEqual(loaded);
  });

  it.each([
    ['2017-18', 26_107, 2460],
    ['2020-21', 23_054, 2160],
    ['2024-25', 26_306, 2460],
  ])('%s: %i player lines, checks passing', async (season, lines, teamGames) => {
    const result = await pipeline().ingest({ season, gamesBy: 'league' });
    expect(result.status).toBe('completed');
    expect(result.counts.player_game_stats).toEqual({ inserted: lines, updated: 0, unchanged: 0 });
    expect(result.quality?.playerSums).toEqual({ teamGames, passed: teamGames, failures: 0 });
  });
});

describe.skipIf(!hasNbaData())(
  'a player line that does not add up (a copy of the data, one player’s points changed)',
  () => {
    let pipeline: Pipeline;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'nba-player-logs-'));
      const file = `player_logs_${SEASON}.csv`;
      await mkdir(path.join(dataDir, LOGS));
      const lines = (await readFile(path.join(nbaDataDir(), LOGS, file), 'utf8')).split('\n');
      const header = lines[0]!.split(',');
      const at = (name: string) => header.indexOf(name);
      // Jalen Pickett's 2 points for DEN in the season's first game, DEN 119 LAL 107: now 5.
      const index = lines.findIndex((l) => l.includes(',1629618,') && l.includes(',0022300061,'));
      const cells = lines[index]!.split(',');
      expect(cells[at('PTS')]).toBe('2');
      cells[at('PTS')] = '5';
      lines[index] = cells.join(',');
      await writeFile(path.join(dataDir, LOGS, file), lines.join('\n'));
      await copyFile(path.join(nbaDataDir(), LOGS, 'SOURCE.md'), path.join(dataDir, LOGS, 'SOURCE.md'));
      pipeline = await startPipeline({ rate: 500, replayDataDirs: [dataDir] });
      await pipeline.startWorkers();
    });
    afterAll(async () => {
      await pipeline?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('the run is anomalous and the check names the game, the team and both sums', async () => {
      const result = await pipeline.ingest({
        season: SEASON,
        dates: { since: '2023-10-24', until: '2023-10-24' },
      });
      expect(result.status).toBe('anomalous');
      expect(result.quality?.failed).toEqual(['player_counts_add_up']);
      expect(result.quality?.anomalies).toEqual(['2023-24 game 0022300061 DEN: PTS players 122, team 119']);
      expect(result.quality?.playerSums).toEqual({ teamGames: 4, passed: 3, failures: 1 });
      const { rows } = await pipeline.database.pool.query(
        `select passed, observed from quality_checks where check_name = 'player_counts_add_up'`,
      );
      expect(rows).toEqual([
        {
          passed: false,
          observed: { teamGames: 4, failures: 1, first: ['game 0022300061 DEN: PTS players 122, team 119'] },
        },
      ]);
    });
  },
);
