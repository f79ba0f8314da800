/**
 * Recorded histories replayed for determinism: workflow histories of real runs
 * (test/fixtures/histories, one of every kind of run) replayed against the current workflow code. A
 * change that would break a running workflow fails here. (Not to be confused with `replay/`, the
 * stand-in stats.nba.com server.) `RECORD_HISTORIES=1` on the integration tests that record them
 * re-records them: see test/support/histories.ts.
 */
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../../worker/create-workers.js';
import { recordedHistories } from '../../support/histories.js';
import { sharedWorkflowBundle } from '../../support/shared-workflow-bundles.js';

/** Every kind of run, and the history that stands for it (the test that records it). */
const KINDS_OF_RUN = {
  // test/integration/pipeline/ingest-season.test.ts
  'a season, games per team': 'ingest-season-2023-24-first-run',
  'a retransform from stored responses': 'ingest-season-2023-24-retransform',
  'invalid input': 'ingest-season-invalid-input',
  // test/integration/pipeline/league-games.test.ts
  'a season, games league-wide': 'ingest-season-2023-24-league-games',
  // test/integration/pipeline/interval-cli.test.ts
  'an interval run comparing rosters': 'ingest-season-2023-24-interval',
  // test/integration/pipeline/failure-isolation.test.ts
  'a run with a failed team': 'ingest-season-2023-24-team-failure',
  'a redrive of dead letters': 'ingest-season-2023-24-redrive',
  // test/integration/pipeline/standings.test.ts
  'a season reconciled with the standings': 'ingest-season-2025-26-standings',
  // test/integration/pipeline/backfill.test.ts
  'a backfill of seasons': 'backfill-seasons-shared',
  // test/integration/schedule/daily-intervals.test.ts
  'a scheduled daily run': 'scheduled-ingest-daily',
};

describe('recorded histories replayed for determinism', () => {
  const histories = recordedHistories();

  it.each(Object.entries(KINDS_OF_RUN))('a history of %s is recorded (%s)', (_kind, name) => {
    expect(histories.map((h) => h.workflowId)).toContain(name);
  });

  it('every recorded history replays against the current workflow code', async () => {
    const results = Worker.runReplayHistories(
      { workflowBundle: { codePath: await sharedWorkflowBundle(WORKFLOWS_PATH) } },
      histories,
    );
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  }, 120_000);
});
