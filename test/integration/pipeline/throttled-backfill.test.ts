/**
 * A backfill under stats.nba.com-like throttling (`cutoff`: after every 25 answers the API hangs,
 * here for 5 s): one breaker, held by the backfill, waits every cutoff out for all child seasons.
 * Three seasons, two at a time (so one child starts while the breaker already holds the others'
 * cutoffs), complete with a clean backfill's data and no dead letter, and only the requests in
 * flight at each trip plus one probe per cooldown go into a cutoff. The full-size run (all seven
 * seasons, 15 s cutoffs: ~17 of them, minutes) is the benchmark's `throttled` phase.
 */
import { describe, expect, it } from 'vitest';
import { tableChecksums } from '../../../db/runs.js';
import type { BackfillResult } from '../../../workflows/backfill-seasons.js';
import { hasNbaData } from '../../support/index.js';
import type { Pipeline } from '../../support/pipeline.js';
import { COOLDOWNS, CUTOFF, useThrottledAndClean } from '../../support/throttled-pair.js';

const SEASONS = ['2011-12', '2020-21', '2023-24'];
const PARALLELISM = 2;
const CONCURRENCY = 4;

async function backfill(pipeline: Pipeline, extra: object = {}): Promise<BackfillResult> {
  const handle = await pipeline.client.workflow.start('backfillSeasons', {
    taskQueue: pipeline.taskQueue,
    workflowId: `backfill-throttled-${Date.now()}`,
    // Per team: ~180 requests cross enough cutoffs to exercise the breaker (league-wide makes ~95).
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

    it('every season completes under `cutoff?every=25&seconds=5`, equal to a clean backfill', async () => {
      const { throttled, clean } = pipelines;
      throttled.replay.setFaults([CUTOFF]);
      throttled.replay.resetRequests();
      const started = Date.now();
      const [result, cleanResult] = await Promise.all([backfill(throttled, COOLDOWNS), backfill(clean)]);
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
      expect(cutoffsHit).toBeGreaterThanOrEqual(5);
      // In flight at a trip: at most one request per lane of each running season.
      expect(cutoffs.requests).toBeLessThanOrEqual(cutoffsHit * PARALLELISM * CONCURRENCY + cooldowns);
    }, 600_000);
  },
);
