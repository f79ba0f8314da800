/**
 * The breaker on Temporal's time-skipping test server: a run throttled three times in a row waits
 * out a one-hour cooldown in test time, sends exactly one probe, then its lanes finish the season.
 * Activities are stand-ins (this tests the workflow, not the client).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../../../activities/index.js';
import type { TeamUnitInput, TeamUnitSummary, TeamUnit } from '../../../activities/types.js';
import { noopActivities } from '../../../bench/noop-activities.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { createTimeSkippingEnv } from '../../support/time-skipping.js';
import { createWorkers } from '../../../worker/create-workers.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';

const HOUR_S = 3600;

describe('the NBA breaker in test time', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.teardown();
  });

  it('waits a one-hour cooldown in test time, probes once, then the lanes resume', async () => {
    let calls = 0;
    let callsAfterProbe = 0;
    let probes = 0;
    // From the fifth request on, the API is cut off until the probe finds it answering again.
    let cutOff = false;
    const unitOf =
      (unit: TeamUnit) =>
      async (input: TeamUnitInput): Promise<TeamUnitSummary> => {
        calls += 1;
        if (probes > 0) callsAfterProbe += 1;
        if (calls === 5) cutOff = true;
        if (cutOff)
          throw ApplicationFailure.create({ type: 'NbaTimeout', message: 'no answer within 2000 ms' });
        return { teamId: input.teamId, unit, counts: {}, apiCalls: 1, rowsFetched: 0 };
      };
    const activities: Activities = {
      ...noopActivities(),
      ingestTeamGames: unitOf('games'),
      ingestTeamRoster: unitOf('roster'),
      probeNbaApi: async () => {
        probes += 1;
        cutOff = false;
      },
    };
    const taskQueue = `breaker-${Date.now()}`;
    const workers = await createWorkers({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities,
      nbaRatePerSecond: 1000,
    });
    const running = workers.run();
    const started = Date.now();
    let result: IngestSeasonResult;
    try {
      result = (await env.client.workflow.execute('ingestSeason', {
        taskQueue,
        workflowId: `breaker-time-skipping-${Date.now()}`,
        args: [
          {
            season: '2023-24',
            teamIds: NBA_TEAM_IDS.slice(0, 6),
            teamConcurrency: 3,
            nbaCooldownMinS: HOUR_S,
            nbaCooldownMaxS: HOUR_S,
            trigger: 'test',
          },
        ],
      })) as IngestSeasonResult;
    } finally {
      workers.shutdown();
      await running;
    }
    const wallSeconds = (Date.now() - started) / 1000;
    console.info(
      `time-skipping: a ${HOUR_S} s cooldown passed in ${wallSeconds.toFixed(1)} s; ${calls} unit calls, ` +
        `${probes} probe, ${callsAfterProbe} calls after it`,
    );

    expect(result.status).toBe('completed');
    expect(result.teams).toMatchObject({ gamesDone: 6, rostersDone: 6, failed: 0 });
    expect(result.breaker).toEqual({ state: 'closed', cooldowns: 1, cooldownSeconds: HOUR_S });
    expect(probes).toBe(1);
    expect(callsAfterProbe).toBeGreaterThanOrEqual(12 - 4); // the lanes resumed and finished the season
    expect(wallSeconds).toBeLessThan(120);
  }, 180_000);
});
