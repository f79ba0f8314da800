/**
 * The backfill of the seven shared seasons under stats.nba.com-like throttling (`cutoff`: after
 * every 25 answers the API hangs for 15 s): one breaker, held by the backfill, waits every cutoff
 * out for all child seasons. All seven complete with a clean backfill's data and no dead letter,
 * and only the requests in flight at each trip plus one probe per cooldown go into a cutoff.
 * Long by nature (~17 cutoffs of 15 s): the fault sets its length, not the pipeline.
 */
import { describe, expect, it } from 'vitest';
import { tableChecksums } from '../../../db/runs.js';
import type { BackfillResult } from '../../../workflows/backfill-seasons.js';
import { hasNbaData } from '../../setup/index.js';
import { EXPECTED_GAMES } from '../nba/shared-data.js';
import type { Pipeline } from './harness.js';
import { CUTOFF, useThrottledAndClean } from './throttled-pair.js';

const SEASONS = Object.keys(EXPECTED_GAMES);
const PARALLELISM = 2;
const CONCURRENCY = 4;

async function backfill(pipeline: Pipeline, extra: object = {}): Promise<BackfillResult> {
  const handle = await pipeline.client.workflow.start('backfillSeasons', {
    taskQueue: pipeline.taskQueue,
    workflowId: `backfill-throttled-${Date.now()}`,
    // Per team: 427 requests cross enough cutoffs to exercise the breaker (league-wide makes 224).
    args: [
      // The games: three of these seasons have no player logs on hand.
      {
        seasons: SEASONS,
        parallelism: PARALLELISM,
        teamConcurrency: CONCURRENCY,
        gamesBy: 'team',
        playerGames: false,
        ...extra,
      },
    ],
  });
  return (await handle.result()) as BackfillResult;
}

describe.skipIf(!hasNbaData())(
  'a backfill waits out NBA API throttling as one (needs ../shared/nba-data)',
  () => {
    const pipelines = useThrottledAndClean(50);

    it('all seven seasons complete under `cutoff?every=25&seconds=15`, equal to a clean backfill', async () => {
      const { throttled, clean } = pipelines;
      throttled.replay.setFaults([CUTOFF]);
      throttled.replay.resetRequests();
      const started = Date.now();
      const [result, cleanResult] = await Promise.all([
        backfill(throttled, { nbaCooldownMinS: 4, nbaCooldownMaxS: 60 }),
        backfill(clean),
      ]);
      const seconds = (Date.now() - started) / 1000;
      throttled.replay.clearFaults();

      expect(cleanResult.seasons.map((s) => s.status)).toEqual(SEASONS.map(() => 'completed'));
      expect(result.seasons.map((s) => [s.season, s.status, s.failures])).toEqual(
        SEASONS.map((season) => [season, 'completed', 0]),
      );
      const { rows } = await throttled.database.pool.query<{ n: number }>(
        'select count(*)::int as n from dead_letters',
      );
      expect(rows[0]?.n).toBe(0);
      expect(await tableChecksums(throttled.database)).toEqual(await tableChecksums(clean.database));

      const { total, cutoffs } = throttled.replay.requests();
      const cutoffsHit = Object.keys(cutoffs.perCutoff).length;
      const cooldowns = result.breaker?.cooldowns ?? 0;
      console.info(
        `throttled backfill of ${SEASONS.length} seasons: ${total} requests in ${seconds.toFixed(1)} s; ` +
          `${cutoffs.requests} inside ${cutoffsHit} cutoffs ${JSON.stringify(cutoffs.perCutoff)}; ` +
          `${cooldowns} cooldowns, ${result.breaker?.cooldownSeconds ?? 0} s cooling down`,
      );
      expect(cutoffsHit).toBeGreaterThanOrEqual(10);
      // In flight at a trip: at most one request per lane of each running season.
      expect(cutoffs.requests).toBeLessThanOrEqual(cutoffsHit * PARALLELISM * CONCURRENCY + cooldowns);
    }, 600_000);
  },
);
