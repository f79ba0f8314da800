/**
 * Games league-wide (`gamesBy: 'league'`) end to end: one leaguegamefinder request without TeamID
 * for every team's games, loaded in chunks inside one activity, then the per-team rosters. Its
 * tables must equal the per-team run's, with exact scores from the start (no estimate corrected
 * later), and its dead letter must be one unit that redrive runs again.
 */
import { describe, expect, it } from 'vitest';
import { planRedrive } from '../../../cli/redrive.js';
import { listUnresolvedDeadLetters, recordDeadLetter, tableChecksums } from '../../../db/runs.js';
import { seasonWorkflowId } from '../../../domain/season.js';
import { hasNbaData } from '../../support/index.js';
import { usePipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';

describe.skipIf(!hasNbaData())(
  'games league-wide on the real 2023-24 season (needs ../shared/nba-data)',
  () => {
    const pipeline = usePipeline();
    let leagueTables: Awaited<ReturnType<typeof tableChecksums>>;

    it('a clean first run: 1 league-wide request + the players’ lines + 30 rosters + the standings = 33, completed, 0 matches updated', async () => {
      pipeline().replay.resetRequests();
      const result = await pipeline().ingest(
        { season: SEASON, gamesBy: 'league' },
        'ingest-season-2023-24-league-games',
      );
      expect(result.status).toBe('completed');
      expect(result.teams).toMatchObject({ total: 30, gamesDone: 30, rostersDone: 30, failed: 0 });
      const { total, perEndpoint } = pipeline().replay.requests();
      expect({ total, perEndpoint }).toEqual({
        total: 33,
        perEndpoint: { leaguegamefinder: 2, commonteamroster: 30, leaguestandingsv3: 1 },
      });
      expect(result.apiCalls).toBe(33);
      expect(result.quality?.standings).toMatchObject({ status: 'reconciled', teams: 30 });
      expect(result.counts.matches).toEqual({ inserted: 1230, updated: 0, unchanged: 0 });
      expect(result.counts.team_game_stats).toEqual({ inserted: 2460, updated: 0, unchanged: 0 });
      expect(result.quality).toMatchObject({ games: 1230, failed: [], anomalies: [] });
      // Nothing written twice: no update of any row logged.
      expect((await pipeline().database.pool.query('select 1 from audit_changes')).rowCount).toBe(0);
      leagueTables = await tableChecksums(pipeline().database);
    });

    it('running it again changes 0 rows', async () => {
      const result = await pipeline().ingest({ season: SEASON, gamesBy: 'league' });
      expect(result.status).toBe('completed');
      for (const [table, c] of Object.entries(result.counts)) {
        expect({ table, inserted: c.inserted, updated: c.updated }).toEqual({
          table,
          inserted: 0,
          updated: 0,
        });
      }
      expect(await tableChecksums(pipeline().database)).toEqual(leagueTables);
    });

    it('the per-team run loads the same tables (checksums equal), in 62 requests', async () => {
      await pipeline().database.pool.query('truncate team_game_stats, matches, rosters, players cascade');
      pipeline().replay.resetRequests();
      const result = await pipeline().ingest({ season: SEASON, gamesBy: 'team' });
      expect(result.status).toBe('completed');
      expect(pipeline().replay.requests().total).toBe(62);
      expect(await tableChecksums(pipeline().database)).toEqual(leagueTables);
    });

    it('league-wide after the per-team run: completed, not anomalous (it sees each match once), 0 rows changed', async () => {
      const result = await pipeline().ingest({ season: SEASON, gamesBy: 'league' });
      expect(result.status).toBe('completed');
      expect(result.quality?.anomalies).toEqual([]);
      expect(result.counts.matches).toEqual({ inserted: 0, updated: 0, unchanged: 1230 });
      expect(await tableChecksums(pipeline().database)).toEqual(leagueTables);
    });

    it('a league-wide dead letter (no team) is redriven as one unit and resolved', async () => {
      const workflowId = seasonWorkflowId(SEASON, 'Regular Season');
      await recordDeadLetter(pipeline().database, {
        runId: 'run-that-failed',
        workflowId,
        season: SEASON,
        seasonType: 'Regular Season',
        unit: 'league-games',
        endpoint: 'leaguegamefinder',
        params: { Season: SEASON },
        errorType: 'NbaServerError',
        errorMessage: 'HTTP 503',
        attempts: 5,
      });
      const plan = await planRedrive(pipeline().database, { season: SEASON, seasonType: 'Regular Season' });
      expect(plan).toMatchObject({ units: [{ unit: 'league-games' }], deadLetters: 1 });

      pipeline().replay.resetRequests();
      const result = await pipeline().ingest({ season: SEASON, units: plan!.units!, trigger: 'redrive' });
      expect(result.status).toBe('completed');
      expect(pipeline().replay.requests().perEndpoint).toEqual({ leaguegamefinder: 1 });
      expect(await listUnresolvedDeadLetters(pipeline().database, { season: SEASON })).toEqual([]);
    });
  },
);
