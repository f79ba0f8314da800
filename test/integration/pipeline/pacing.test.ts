/**
 * Adaptive pace (issue 22, item 3) on the dev server, at a small scale (the bench's `pacing` phase
 * has the full-size numbers): a trip of the breaker halves the fleet's NBA rate in the NBA queue's
 * config, where it outlives the workers (the next backfill after a restart is paced at it, the metric
 * shows it); clean stretches raise a rate the pacer set, but never one set by hand.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { readNbaQueueRate, type NbaQueue } from '../../../activities/nba-pace.js';
import { PACER_IDENTITY, paceReason } from '../../../domain/nba-pace.js';
import { nbaTaskQueueFor } from '../../../domain/task-queues.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { createPipelineMetrics } from '../../../lib/metrics.js';
import { backfillSeasons } from '../../../workflows/backfill-seasons.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { maxInWindow } from '../../support/windows.js';
import { hasNbaData } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { cliEnvironment, usePipeline } from '../../support/pipeline.js';

const run = promisify(execFile);
const MAX_RATE = 10;
/** The replay server's budget, time-scaled: more than 4 answers in 2 s cut the API off for 2 s. */
const BUDGET = { kind: 'budget', requests: 4, window: 2, cutoff: 2, mode: 429 } as const;
/** The breaker's first cooldown, and so the pacer's stretch of clean answers. */
const COOLDOWN = { nbaCooldownMinS: 2, nbaCooldownMaxS: 8 };
const SIX_TEAMS = NBA_TEAM_IDS.slice(0, 6);
/** The bucket starts full (rate-limit.test.ts): a few requests at once, then 1/rate s apart. */
const INITIAL_BURST = 3;

describe.skipIf(!hasNbaData())('the fleet learns the NBA pace (needs ../shared/nba-data)', () => {
  const metrics = createPipelineMetrics({ processMetrics: false });
  const pipeline = usePipeline({ rate: MAX_RATE, nbaTimeoutMs: 1_000, metrics });
  const queue = (): NbaQueue => ({
    service: pipeline().client.workflowService,
    namespace: pipeline().namespace,
    taskQueue: nbaTaskQueueFor(pipeline().taskQueue),
  });
  const season = async (
    teamIds: number[],
    extra: object = {},
    name = '2023-24',
  ): Promise<IngestSeasonResult> => {
    const result = await pipeline().ingest({
      season: name,
      teamIds,
      teamConcurrency: 6,
      gamesBy: 'team',
      ...COOLDOWN,
      ...extra,
    });
    expect(result.status).toBe('completed');
    return result;
  };
  const setByHand = (limit: string) =>
    run(inject('temporalCliPath'), [
      ...['task-queue', 'config', 'set', '--address', pipeline().temporalAddress],
      ...['--namespace', pipeline().namespace, '--task-queue', queue().taskQueue],
      ...['--task-queue-type', 'activity', '--queue-rps-limit', limit],
      ...['--queue-rps-limit-reason', 'test: the NBA asked us to slow down'],
    ]);
  const setByPacer = (rps: number) =>
    pipeline().client.workflowService.updateTaskQueueConfig({
      namespace: pipeline().namespace,
      identity: PACER_IDENTITY,
      taskQueue: queue().taskQueue,
      taskQueueType: 2, // activity
      updateQueueRateLimit: {
        rateLimit: { requestsPerSecond: rps },
        reason: paceReason('slower', 10, rps, 'test'),
      },
    });

  it('a trip halves the rate; after a worker restart the next backfill is paced at the learned rate', async () => {
    pipeline().replay.setFaults([BUDGET]);
    const first = await season(SIX_TEAMS);
    pipeline().replay.clearFaults();
    const learned = await readNbaQueueRate(queue());
    console.info(`after ${first.breaker?.cooldowns} cooldowns: ${JSON.stringify(learned)}`);
    expect(first.breaker?.cooldowns).toBeGreaterThanOrEqual(1);
    expect(learned.setBy).toBe(PACER_IDENTITY);
    expect(learned.rps).toBeLessThanOrEqual(MAX_RATE / 2);
    expect((await metrics.nbaRateLimit.get()).values[0]?.value).toBe(learned.rps);

    await pipeline().stopWorkers();
    await pipeline().startWorkers();
    pipeline().replay.resetRequests();
    // The next backfill (one season, league-wide: 32 requests); a stretch longer than it, so nothing
    // raises the rate meanwhile.
    const backfill = await pipeline().client.workflow.execute(backfillSeasons, {
      taskQueue: pipeline().taskQueue,
      workflowId: `pacing-backfill-${Date.now()}`,
      args: [
        {
          seasons: ['2023-24'],
          gamesBy: 'league',
          playerGames: false,
          teamConcurrency: 18,
          nbaCooldownMinS: 60,
          nbaCooldownMaxS: 60,
        },
      ],
    });
    expect(backfill.seasons.map((s) => [s.season, s.status])).toEqual([['2023-24', 'completed']]);
    const times = pipeline()
      .replay.requests()
      .log.map((r) => r.t);
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
    console.info(`the backfill after the restart: ${times.length} requests over ${spanS.toFixed(1)} s`);
    expect(times).toHaveLength(32);
    // At the workers' own 10/s the 32 requests would take ~3 s.
    expect(spanS).toBeGreaterThanOrEqual((32 - 3 * INITIAL_BURST) / learned.rps!);
    const afterBurst = times.filter((t) => t >= Math.min(...times) + 1_000);
    expect(maxInWindow(afterBurst, 1_000)).toBeLessThanOrEqual(Math.ceil(learned.rps!) + 1);
  }, 60_000);

  it('clean stretches raise a rate the pacer set, never one set by hand', async () => {
    await setByPacer(2);
    await season(NBA_TEAM_IDS.slice(0, 4), { nbaCooldownMinS: 1, nbaCooldownMaxS: 1 }, '2024-25');
    const raised = await readNbaQueueRate(queue());
    expect(raised.rps).toBeGreaterThan(2);
    expect(raised.reason).toMatch(/^nba-ingest pace: faster/);

    await setByHand('2');
    await season(NBA_TEAM_IDS.slice(4, 8), { nbaCooldownMinS: 1, nbaCooldownMaxS: 1 }, '2024-25');
    const held = await readNbaQueueRate(queue());
    expect(held).toMatchObject({ rps: 2, reason: 'test: the NBA asked us to slow down' });
    expect(held.setBy).not.toBe(PACER_IDENTITY);
    const { stdout } = await runTsScript(['scripts/ingest.ts', 'status', '--json'], {
      env: cliEnvironment(pipeline()),
    });
    expect(JSON.parse(stdout).nbaRate).toMatchObject({ rps: 2, byHand: true, reason: held.reason });

    // Control given back: the limit unset, the pacer moves the rate again from the workers' own.
    await setByHand('default');
    // A trip for certain, however slowly a loaded machine sends: 2 answers in 2 s, and one throttle trips.
    pipeline().replay.setFaults([{ ...BUDGET, requests: 2 }]);
    await season(NBA_TEAM_IDS.slice(8, 14), { nbaThrottleThreshold: 1 }, '2024-25');
    pipeline().replay.clearFaults();
    const repaced = await readNbaQueueRate(queue());
    expect(repaced.setBy).toBe(PACER_IDENTITY);
    expect(repaced.rps).toBeLessThan(MAX_RATE);
  }, 60_000);
});
