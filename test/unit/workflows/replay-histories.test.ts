/**
 * Determinism safety net: histories of real runs (test/fixtures/histories) replayed against the
 * current workflow code. A change that would break running workflows fails here.
 */
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundlerOptions } from '../../../lib/temporal-bundler.js';
import { WORKFLOWS_PATH } from '../../../worker/create-workers.js';
import { recordedHistories } from '../../support/histories.js';

describe('recorded workflow histories', () => {
  const histories = recordedHistories();

  it('exist (ingestSeason: first run, games league-wide, standings reconciled, an interval run comparing rosters, retransform, team failure, redrive, invalid input)', () => {
    const names = histories.map((h) => h.workflowId);
    expect(names).toEqual(
      expect.arrayContaining([
        'ingest-season-2023-24-first-run',
        'ingest-season-2023-24-league-games',
        'ingest-season-2025-26-standings',
        'ingest-season-2023-24-interval',
        'ingest-season-invalid-input',
      ]),
    );
  });

  it('replay deterministically against the current workflow code', async () => {
    const results = Worker.runReplayHistories(
      { workflowsPath: WORKFLOWS_PATH, bundlerOptions: workflowBundlerOptions() },
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
