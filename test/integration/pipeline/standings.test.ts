/**
 * A season in progress on real data: 2025-26 as of 2026-02-21 from the coherent snapshot recorded on
 * 2026-02-22 (leaguegamelog served as leaguegamefinder, the recorded leaguestandingsv3 verbatim).
 * The loaded games must reconcile with NBA.com's standings for all 30 teams; with one game's result
 * flipped in a test copy of the game log (made in a temp dir at test time, read before the shared
 * data), the check fails, names both teams with both records, and the run is anomalous. A complete
 * season (2023-24) is reconciled and labelled as of its last regular-season day, not the run's.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, toSummary } from '../../../cli/summary.js';
import { listSeasonStatus } from '../../../db/season-status.js';
import { hasNbaData, nbaDataDir } from '../../support/index.js';
import { startPipeline, usePipeline, type Pipeline } from '../../support/pipeline.js';

const SEASON = '2025-26';
const AS_OF = '2026-02-21';
const CASSETTES = 'swar-nba_api-vcr-cassettes';
const GAME_LOG = 'leaguegamelog__T__2025-26__regular-season__partial.json';
const STANDINGS = 'leaguestandingsv3__2025-26__regular-season__partial.json';
const FLIPPED_GAME = '0022500002'; // GSW @ LAL, 2025-10-21: GSW won 119-109

interface ResultSet {
  name: string;
  headers: string[];
  rowSet: unknown[][];
}
const readJson = async (file: string) =>
  JSON.parse(await readFile(path.join(nbaDataDir(), CASSETTES, file), 'utf8')) as {
    resultSets: ResultSet[];
  };

/** NBA.com's recorded W-L per team abbreviation ('GSW' → '31-25'). */
async function officialRecords(): Promise<Map<number, string>> {
  const [set] = (await readJson(STANDINGS)).resultSets as [ResultSet];
  const at = (name: string) => set.headers.indexOf(name);
  return new Map(
    set.rowSet.map((row) => [row[at('TeamID')] as number, `${row[at('WINS')]}-${row[at('LOSSES')]}`]),
  );
}

/** A copy of the game log with FLIPPED_GAME's result reversed (WL and points swapped), and its index entry. */
async function writeFlippedCopy(dir: string): Promise<{ winner: number; loser: number }> {
  const body = await readJson(GAME_LOG);
  const set = body.resultSets.find((s) => s.name === 'LeagueGameLog')!;
  const at = (name: string) => set.headers.indexOf(name);
  const rows = set.rowSet.filter((row) => row[at('GAME_ID')] === FLIPPED_GAME) as [unknown[], unknown[]];
  expect(rows).toHaveLength(2);
  const winner = rows.find((row) => row[at('WL')] === 'W')![at('TEAM_ID')] as number;
  const loser = rows.find((row) => row[at('WL')] === 'L')![at('TEAM_ID')] as number;
  const [a, b] = rows;
  [a[at('PTS')], b[at('PTS')]] = [b[at('PTS')], a[at('PTS')]];
  for (const row of rows) {
    row[at('WL')] = row[at('WL')] === 'W' ? 'L' : 'W';
    row[at('PLUS_MINUS')] = -(row[at('PLUS_MINUS')] as number);
  }
  await writeFile(path.join(dir, GAME_LOG), JSON.stringify(body));
  const index = JSON.parse(
    await readFile(path.join(nbaDataDir(), CASSETTES, '_recordings_index.json'), 'utf8'),
  ) as { recordings: { file: string }[] };
  const recordings = index.recordings.filter((r) => r.file === GAME_LOG);
  await writeFile(path.join(dir, '_recordings_index.json'), JSON.stringify({ recordings }));
  return { winner, loser };
}

describe.skipIf(!hasNbaData())('2025-26 as of 2026-02-21, reconciled with the recorded standings', () => {
  const pipeline = usePipeline();

  it('loads 844 matches and 1688 stat rows; all 30 teams reconcile with NBA.com; status says so', async () => {
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest(
      { season: SEASON, gamesBy: 'league', asOf: AS_OF },
      'ingest-season-2025-26-standings',
    );

    // No player logs of 2025-26 on hand: the replay answers 404, the player unit fails at once and
    // is dead-lettered; the run shows it rather than "complete" player stats.
    expect(result.status).toBe('completed_with_failures');
    expect(result.failures).toEqual([
      expect.objectContaining({ unit: 'player-games', errorType: 'NbaClientError' }),
    ]);
    expect(result.counts.player_game_stats).toBeUndefined();
    expect(result.counts.matches).toEqual({ inserted: 844, updated: 0, unchanged: 0 });
    expect(result.counts.team_game_stats).toEqual({ inserted: 1688, updated: 0, unchanged: 0 });
    expect(result.quality).toMatchObject({
      games: 844,
      failed: [],
      anomalies: [],
      standings: { status: 'reconciled', asOf: AS_OF, teams: 30 },
    });
    const { total, perEndpoint, log } = pipeline().replay.requests();
    expect({ total, perEndpoint }).toEqual({
      total: 33,
      perEndpoint: { leaguegamefinder: 2, commonteamroster: 30, leaguestandingsv3: 1 },
    });
    expect(log.find((r) => r.endpoint === 'leaguestandingsv3')?.source).toBe('verbatim');
    // Mexico City, the two Cup semifinals, Berlin and London: each row written from its own side ("A @ B", "B @ A")
    const neutral = await pipeline().database.pool.query(
      `select game_id from matches where season = $1 and neutral_site order by game_id`,
      [SEASON],
    );
    expect(neutral.rows.map((r: { game_id: string }) => r.game_id)).toEqual([
      '0022500147',
      '0022500578',
      '0022500602',
      '0022501229',
      '0022501230',
    ]);

    const check = await pipeline().database.pool.query<{ passed: boolean; observed: unknown }>(
      `select passed, observed from quality_checks where run_id = $1 and check_name = 'standings_reconciled'`,
      [result.runId],
    );
    expect(check.rows).toEqual([{ passed: true, observed: { asOf: AS_OF, teams: 30, mismatches: [] } }]);

    // Rosters of the same moment, from the recorded playerindex: every rostered player on one team.
    const rosters = await pipeline().database.pool.query(
      `select count(*)::int as rows, count(distinct player_id)::int as players, count(distinct team_id)::int as teams
         from rosters where season = $1`,
      [SEASON],
    );
    expect(rosters.rows).toEqual([{ rows: 522, players: 522, teams: 30 }]);

    const [status] = await listSeasonStatus(pipeline().database);
    expect(status).toMatchObject({
      season: SEASON,
      gamesLoaded: 844,
      watermark: AS_OF,
      requests: 33,
      playerRows: 0,
      playerChecks: null,
      quality: { failed: [] },
      standingsReconciled: true,
    });
  });

  it('standings as of a day before the last games do not match: the moment matters', async () => {
    const result = await pipeline().ingest({
      season: SEASON,
      gamesBy: 'league',
      asOf: '2026-02-20',
      playerGames: false,
    });
    expect(result.status).toBe('anomalous');
    expect(result.quality?.standings).toMatchObject({ status: 'mismatch', asOf: '2026-02-20' });
  });

  describe('with one game flipped in a test copy of the game log', () => {
    let flipped: Pipeline;
    let dir: string;
    let teams: { winner: number; loser: number };

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'nba-flipped-'));
      teams = await writeFlippedCopy(dir);
      flipped = await startPipeline({ replayDataDirs: [dir] });
      await flipped.startWorkers();
    });
    afterAll(async () => {
      await flipped?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('the check fails naming both teams and both records; the run is anomalous; status says false', async () => {
      const result = await flipped.ingest({
        season: SEASON,
        gamesBy: 'league',
        asOf: AS_OF,
        playerGames: false,
      });
      const official = await officialRecords();
      const shifted = (record: string, by: number) => {
        const [w, l] = record.split('-').map(Number) as [number, number];
        return `${w + by}-${l - by}`;
      };
      const expected = [
        { teamId: teams.winner, team: 'GSW', official: official.get(teams.winner)!, by: -1 },
        { teamId: teams.loser, team: 'LAL', official: official.get(teams.loser)!, by: 1 },
      ]
        .map(({ by, ...m }) => ({ ...m, loaded: shifted(m.official, by) }))
        .sort((x, y) => x.teamId - y.teamId);

      expect(result.status).toBe('anomalous');
      expect(result.quality?.failed).toEqual(['standings_reconciled']);
      expect(result.quality?.standings).toEqual({
        status: 'mismatch',
        asOf: AS_OF,
        teams: 30,
        mismatches: expected,
      });
      const [anomaly] = result.quality!.anomalies;
      for (const m of expected)
        expect(anomaly).toContain(`${m.team} ${m.loaded} loaded, ${m.official} on NBA.com`);

      const [status] = await listSeasonStatus(flipped.database);
      expect(status).toMatchObject({
        season: SEASON,
        standingsReconciled: false,
        quality: { failed: ['standings_reconciled'] },
      });
    });
  });
});

describe.skipIf(!hasNbaData())('2023-24, a complete season: as of its last regular-season day', () => {
  const pipeline = usePipeline();

  it('is reconciled and labelled as of 2024-04-14, not today: summary, Web UI details and run record', async () => {
    const result = await pipeline().ingest({ season: '2023-24', gamesBy: 'league', playerGames: false });
    const asOf = '2024-04-14'; // the last GAME_DATE of the season's regular-season games
    expect(result.quality?.standings).toEqual({ status: 'reconciled', asOf, teams: 30 });
    expect(formatSummary(toSummary(result, 'http://ui'))).toContain(
      `standings reconciled with NBA.com as of ${asOf} (30 teams)`,
    );
    const metadata = await pipeline()
      .client.workflow.getHandle(result.workflowId, result.runId)
      .query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toContain(`standings reconciled with NBA.com as of ${asOf} (30 teams)`);
    const run = await pipeline().database.pool.query(
      `select quality->'standings' as standings from ingestion_runs where run_id = $1`,
      [result.runId],
    );
    expect(run.rows).toEqual([{ standings: { status: 'reconciled', asOf, teams: 30 } }]);
    const check = await pipeline().database.pool.query(
      `select observed from quality_checks where run_id = $1 and check_name = 'standings_reconciled'`,
      [result.runId],
    );
    expect(check.rows).toEqual([{ observed: { asOf, teams: 30, mismatches: [] } }]);
  });
});
