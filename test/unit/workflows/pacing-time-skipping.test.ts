/**
 * The pacer's timers on Temporal's time-skipping test server: a trip reports once, at once; then
 * every stretch of clean answers (the breaker's first cooldown, an hour here) reports once, until
 * the rate is at the top, and the run's details name the rate.
 */
import { Context } from '@temporalio/activity';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaceInput, PaceOutcome } from '../../../activities/nba-pace.js';
import { startWorkflowTestKit, type WorkflowTestKit } from './workflow-env.js';

const STAND_INS = fileURLToPath(new URL('./stand-ins/paced-breaker.ts', import.meta.url));
const HOUR_S = 3600;

/** The fleet's rate as a fake pacer keeps it: halved on a trip, +1 per clean stretch, at most 4. */
let rps = 4;
const reports: { event: string; atMs: number }[] = [];
const activities = {
  async paceNbaRate(input: PaceInput): Promise<PaceOutcome> {
    reports.push({ event: input.event, atMs: Context.current().info.scheduledTimestampMs });
    const from = rps;
    if (input.event === 'trip') rps /= 2;
    else if (rps < 4) rps += 1;
    else return { change: false, rps, why: 'at NBA_RATE_LIMIT_PER_SEC', again: false };
    return { change: true, rps, from, reason: `${from} → ${rps}` };
  },
};

describe('pacing in test time', () => {
  let kit: WorkflowTestKit;
  beforeAll(async () => {
    kit = await startWorkflowTestKit(STAND_INS, activities);
  }, 120_000);
  afterAll(async () => {
    await kit?.teardown();
  });

  it('a trip halves the rate once; each clean hour after the cooldown adds a step, until the top', async () => {
    const started = Date.now();
    const notes = await kit.env.client.workflow.execute('pacedBreaker', {
      taskQueue: kit.taskQueue,
      workflowId: `paced-breaker-${Date.now()}`,
      args: [{ cooldownS: HOUR_S, throttles: 3, cleanS: 4.5 * HOUR_S }],
    });
    console.info(`pacing in test time: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);

    expect(reports.map((r) => r.event)).toEqual(['trip', 'clean', 'clean', 'clean']);
    const hoursAfterTrip = reports.map((r) => Math.round((r.atMs - reports[0]!.atMs) / 36_000) / 100);
    // The cooldown (1 h) holds no stretch; then one report per clean hour; at the top (4/s), no more.
    expect(hoursAfterTrip).toEqual([0, 2, 3, 4]);
    expect(rps).toBe(4);
    expect(notes).toContain('NBA rate 2/s (paced down from 4/s)');
    expect(notes.at(-1)).toBe('NBA rate 4/s');
  }, 60_000);
});
