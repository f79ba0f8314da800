/**
 * backfillSeasons with stand-in children (stand-ins/backfill-children.ts) on Temporal's
 * time-skipping test server: one child per season under its deterministic id, a season already
 * running, a failing child, and continue-as-new counted across runs.
 */
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seasonFromStartYear, seasonWorkflowId } from '../../../domain/season.js';
import type { backfillSeasons, BackfillInput } from '../../../workflows/backfill-seasons.js';
import { uniqueWorkflowId } from '../../support/ids.js';
import {
  FAILING_SEASON,
  PARTLY_FAILING_SEASON,
  standInGames,
  type ingestSeason,
} from './stand-ins/backfill-children.js';
import { startWorkflowTestKit, type WorkflowTestKit } from './workflow-env.js';

const STAND_INS = fileURLToPath(new URL('./stand-ins/backfill-children.ts', import.meta.url));
let kit: WorkflowTestKit;

beforeAll(async () => {
  kit = await startWorkflowTestKit(STAND_INS);
}, 120_000);
afterAll(async () => {
  await kit?.teardown();
});

/** Runs a backfill to its end; `firstRun` is the status its first run closed with. */
async function backfill(input: BackfillInput) {
  const handle = await kit.env.client.workflow.start<typeof backfillSeasons>('backfillSeasons', {
    taskQueue: kit.taskQueue,
    workflowId: uniqueWorkflowId('backfill'),
    args: [input],
  });
  const result = await handle.result();
  const firstRun = kit.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
  return Object.assign(result, { firstRun: (await firstRun.describe()).status.name });
}

describe('backfillSeasons', () => {
  it('runs one child per season, summarises each, and counts its one continue-as-new (12 seasons, 10 per run)', async () => {
    const seasons = Array.from({ length: 12 }, (_, i) => seasonFromStartYear(2010 + i));
    const result = await backfill({ from: '2010-11', to: '2021-22', parallelism: 4 });

    expect(result.firstRun).toBe('CONTINUED_AS_NEW');
    expect(result.continuedAsNew).toBe(1);
    expect(result.seasons.map((s) => s.season)).toEqual(seasons);
    for (const summary of result.seasons) {
      const { season } = summary;
      expect(summary.workflowId).toBe(seasonWorkflowId(season, 'Regular Season'));
      if (season === FAILING_SEASON) {
        expect(summary).toMatchObject({
          status: 'error',
          error: `${season}: every request timed out`,
          games: 0,
        });
        continue;
      }
      const games = standInGames(season);
      expect(summary, season).toEqual({
        season,
        seasonType: 'Regular Season',
        workflowId: seasonWorkflowId(season, 'Regular Season'),
        status: season === PARTLY_FAILING_SEASON ? 'completed_with_failures' : 'completed',
        games,
        teamGameStats: 2 * games,
        playerGameStats: 0,
        apiCalls: games - 1000,
        failures: season === PARTLY_FAILING_SEASON ? 1 : 0,
      });
    }
  });

  it('reports a season someone else is already running as already_running, and runs the others', async () => {
    const busyId = seasonWorkflowId('2023-24', 'Playoffs');
    await kit.env.client.workflow.start<typeof ingestSeason>('ingestSeason', {
      taskQueue: kit.taskQueue,
      workflowId: busyId,
      args: [{ season: '2023-24', seasonType: 'Playoffs', holdOpen: true }],
    });
    const result = await backfill({
      seasons: ['2023-24', '2022-23'],
      seasonTypes: ['Regular Season', 'Playoffs'],
    });

    expect(result).toMatchObject({ firstRun: 'COMPLETED', continuedAsNew: 0 });
    expect(result.seasons.map((s) => [s.season, s.seasonType, s.status])).toEqual([
      ['2022-23', 'Playoffs', 'completed'],
      ['2022-23', 'Regular Season', 'completed'],
      ['2023-24', 'Playoffs', 'already_running'],
      ['2023-24', 'Regular Season', 'completed'],
    ]);
    expect(result.seasons[2]).toMatchObject({ workflowId: busyId, games: 0, apiCalls: 0 });
  });

  it('fails with InvalidSeasonInput before starting anything when the range runs backwards', async () => {
    const run = backfill({ from: '2020-21', to: '2019-20' });
    await expect(run).rejects.toBeInstanceOf(WorkflowFailedError);
    const cause = await run.catch((err: WorkflowFailedError) => err.cause);
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({
      type: 'InvalidSeasonInput',
      message: 'backfill range 2020-21..2019-20 runs backwards',
    });
  });
});
