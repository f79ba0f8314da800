/**
 * The NBA queue's rate changed at run time, without restarting a worker: `temporal task-queue config
 * set --queue-rps-limit` (CLI 1.8, server 1.31) overrides the workers' maxTaskQueueActivitiesPerSecond
 * until it is unset again with `default`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { nbaTaskQueueFor } from '../../../domain/task-queues.js';
import { maxInWindow } from '../../support/windows.js';
import { hasNbaData } from '../../support/index.js';
import { usePipeline } from '../../support/pipeline.js';

const run = promisify(execFile);
const WORKER_RATE = 50;
const RUNTIME_RATE = 2;
/** The bucket starts full (rate-limit.test.ts): a few requests at once, then 1/RATE s apart. */
const INITIAL_BURST = 3;

describe.skipIf(!hasNbaData())('the NBA rate changed at run time (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline({ rate: WORKER_RATE });

  const setQueueRate = (limit: string) =>
    run(inject('temporalCliPath'), [
      'task-queue',
      'config',
      'set',
      '--address',
      pipeline().temporalAddress,
      '--namespace',
      pipeline().namespace,
      '--task-queue',
      nbaTaskQueueFor(pipeline().taskQueue),
      '--task-queue-type',
      'activity',
      '--queue-rps-limit',
      limit,
      '--queue-rps-limit-reason',
      'test: NBA API asked us to slow down',
    ]);

  /** Arrival times of the requests of a run over `teams` teams (games and roster each). */
  async function requestTimes(teams: number[]): Promise<number[]> {
    pipeline().replay.resetRequests();
    const handle = await pipeline().start({ season: '2023-24', teamIds: teams, teamConcurrency: 6 });
    expect(((await handle.result()) as { status: string }).status).toBe('completed');
    return pipeline()
      .replay.requests()
      .log.map((r) => r.t);
  }
  const spanS = (times: number[]): number => (Math.max(...times) - Math.min(...times)) / 1000;

  it(`--queue-rps-limit ${RUNTIME_RATE} slows the running workers to ${RUNTIME_RATE}/s; 'default' gives them their own rate back`, async () => {
    await setQueueRate(String(RUNTIME_RATE));
    const slowed = await requestTimes(NBA_TEAM_IDS.slice(0, 6));
    const first = Math.min(...slowed);
    console.info(
      `queue limit ${RUNTIME_RATE}/s: ${slowed.length} requests over ${spanS(slowed).toFixed(1)} s`,
    );
    expect(slowed).toHaveLength(12);
    expect(maxInWindow(slowed, 1_000)).toBeLessThanOrEqual(RUNTIME_RATE + INITIAL_BURST);
    expect(
      maxInWindow(
        slowed.filter((t) => t >= first + 1_000),
        1_000,
      ),
    ).toBeLessThanOrEqual(RUNTIME_RATE + 1);
    expect(spanS(slowed)).toBeGreaterThanOrEqual((12 - INITIAL_BURST - 1) / RUNTIME_RATE);

    await setQueueRate('default');
    const restored = await requestTimes(NBA_TEAM_IDS.slice(6, 12));
    console.info(`queue limit unset: ${restored.length} requests over ${spanS(restored).toFixed(1)} s`);
    expect(restored).toHaveLength(12);
    expect(spanS(restored)).toBeLessThan((12 - INITIAL_BURST - 1) / RUNTIME_RATE);
  });
});
