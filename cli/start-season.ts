/**
 * Starts (or attaches to) a season's run and follows it: a live progress bar on a terminal,
 * and a final summary. The workflow id is deterministic, so a second start attaches.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { RunTrigger } from '../activities/types.js';
import { seasonWorkflowId, type SeasonType } from '../domain/season.js';
import type { IngestSeasonInput, IngestSeasonResult } from '../workflows/ingest-season.js';
import { progressQuery } from '../workflows/progress-query.js';
import type { IngestProgress } from '../workflows/progress.js';
import { ProgressBar } from './progress-bar.js';

export interface StartSeasonOptions {
  client: Client;
  taskQueue: string;
  season: string;
  seasonType: SeasonType;
  trigger?: RunTrigger;
  teamIds?: number[];
  workflowId?: string;
}

export async function startOrAttach(
  opts: StartSeasonOptions,
): Promise<{ handle: WorkflowHandle; attached: boolean }> {
  const workflowId = opts.workflowId ?? seasonWorkflowId(opts.season, opts.seasonType);
  const input: IngestSeasonInput = {
    season: opts.season,
    seasonType: opts.seasonType,
    trigger: opts.trigger ?? 'cli',
    ...(opts.teamIds ? { teamIds: opts.teamIds } : {}),
  };
  // Informational only: the conflict policy below is what guarantees a single execution.
  const running = await opts.client.workflow
    .getHandle(workflowId)
    .describe()
    .then((d) => d.status.name === 'RUNNING')
    .catch(() => false);
  try {
    const handle = await opts.client.workflow.start('ingestSeason', {
      taskQueue: opts.taskQueue,
      workflowId,
      args: [input],
      // A run of this season already going (schedule, Temporal CLI, UI): follow it instead.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return { handle, attached: running };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      return { handle: opts.client.workflow.getHandle(workflowId), attached: true };
    }
    throw err;
  }
}

/** Polls the progress query until the run ends; draws a bar when stderr is a terminal. */
export async function follow(handle: WorkflowHandle, pollMs = 1_000): Promise<IngestSeasonResult> {
  const bar = new ProgressBar(process.stderr);
  const result = handle.result() as Promise<IngestSeasonResult>;
  let finished = false;
  void result.finally(() => (finished = true)).catch(() => undefined);
  while (!finished && bar.enabled) {
    const progress = await handle.query<IngestProgress>(progressQuery).catch(() => undefined);
    if (progress) bar.update(progress);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    return await result;
  } finally {
    bar.finish();
  }
}
