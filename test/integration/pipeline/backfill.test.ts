/**
 * Backfill of the seven seasons in ../shared/nba-data through the replay server: one child run per
 * season, every season's game count and per-team W-L equal to the official records, every quality
 * check passing, and the largest history far below Temporal's limits.
 */
import { describe, expect, it } from 'vitest';
import type { BackfillResult } from '../../../workflows/backfill-seasons.js';
import { recordHistory } from '../../support/histories.js';
import { hasNbaData } from '../../support/index.js';
import { EXPECTED_GAMES, readRecords } from '../../support/shared-data.js';
import { usePipeline } from '../../support/pipeline.js';

const SEASONS = EXPECTED_GAMES;

describe.skipIf(!hasNbaData())('backfillSeasons over the shared seasons (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline();

  it('ingests every season with the official game counts and W-L, and all quality checks pass', async () => {
    const handle = await pipeline().client.workflow.start('backfillSeasons', {
      taskQueue: pipeline().taskQueue,
      workflowId: `backfill-shared-${Date.now()}`,
      // The games: three of these seasons have no player logs on hand (player-games.test.ts has the rest).
      args: [{ seasons: Object.keys(SEASONS), parallelism: 2, playerGames: false }],
    });
    const result = (await handle.result()) as BackfillResult;
    await recordHistory(handle, pipeline().namespace, 'backfill-seasons-shared');

    expect(result.seasons.map((s) => [s.season, s.status, s.games])).toEqual(
      Object.entries(SEASONS).map(([season, games]) => [season, 'completed', games]),
    );

    const db = pipeline().database.pool;
    const records = readRecords();
    for (const [season, games] of Object.entries(SEASONS)) {
      const { rows: counted } = await db.query<{ n: number }>(
        `select count(*)::int as n from matches where season = $1 and season_type = 'Regular Season'`,
        [season],
      );
      expect({ season, games: counted[0]?.n }).toEqual({ season, games });

      const official = records.get(season)!;
      const { rows } = await db.query<{ team_id: number; w: number; l: number }>(
        `select s.team_id, count(*) filter (where s.wl = 'W')::int as w, count(*) filter (where s.wl = 'L')::int as l
           from team_game_stats s join matches m using (game_id) where m.season = $1 group by s.team_id`,
        [season],
      );
      expect(rows).toHaveLength(30);
      for (const r of rows) {
        const o = official.get(r.team_id);
        expect({ season, team: r.team_id, w: r.w, l: r.l }).toEqual({
          season,
          team: r.team_id,
          w: o?.w,
          l: o?.l,
        });
      }
    }

    const { rows: failing } = await db.query(
      `select season, check_name, observed from quality_checks where not passed`,
    );
    expect(failing).toEqual([]);
    const { rows: checks } = await db.query<{ n: number }>(
      `select count(distinct season)::int as n from quality_checks`,
    );
    expect(checks[0]?.n).toBe(7);

    // History sizes: the backfill and each season's run stay far below 51,200 events.
    const sizes: number[] = [(await handle.describe()).historyLength];
    for (const s of result.seasons)
      sizes.push((await pipeline().client.workflow.getHandle(s.workflowId).describe()).historyLength);
    console.info(
      `backfill of ${result.seasons.length} seasons: largest history ${Math.max(...sizes)} events`,
    );
    expect(Math.max(...sizes)).toBeLessThan(1_000);
  });
});
