/**
 * Starts (or attaches to) a season's run and follows it: a live progress bar on a terminal,
 * and a final summary. The workflow id is deterministic, so a second start attaches.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { runPriority } from '../domain/priority.js';
import { seasonWorkflowId, type SeasonType } from '../domain/season.js';
import type { IngestSeasonInput, IngestSeasonResult } from '../workflows/ingest-season.js';
import { progressQuery } from '../workflows/progress-query.js';
import type { IngestProgress } from '../workflows/progress.js';
import { ProgressBar } from './progress-bar.js';

export interface StartSeasonOptions extends Omit<IngestSeasonInput, 'seasonType'> {
  client: Client;
  taskQueue: string;
  seasonType: SeasonType;
  workflowId?: string;
}

/**
 * The run's static summary and details in the Web UI's list and header: season, type, trigger,
 * and what it does differently (only some units, stored responses).
 */
export function runDescription(
  input: IngestSeasonInput,
  seasonType: SeasonType,
  startedBy?: string,
): { staticSummary: string; staticDetails: string } {
  const scope = input.units
    ? `redrive of ${input.units.length} unit(s)`
    : input.teamIds
      ? `${input.teamIds.length} team(s)`
      : 'all 30 teams';
  return {
    staticSummary: `${input.season} ${seasonType} · ${input.trigger ?? 'cli'}`,
    staticDetails: [
      `**season** ${input.season} · **type** ${seasonType} · **trigger** ${input.trigger ?? 'cli'}`,
      `${scope}, responses: ${input.responses ?? 'fetch'}`,
      ...(startedBy ? [`**started by** ${startedBy}`] : []),
    ].join('\n\n'),
  };
}

export async function startOrAttach(
  opts: StartSeasonOptions,
): Promise<{ handle: WorkflowHandle; attached: boolean }> {
  const { client, taskQueue, workflowId: givenId, ...rest } = opts;
  const workflowId = givenId ?? seasonWorkflowId(opts.season, opts.seasonType);
  const input: IngestSeasonInput = { ...rest, trigger: opts.trigger ?? 'cli' };
  // Informational only: the conflict policy below is what guarantees a single execution.
  const running = await client.workflow
    .getHandle(workflowId)
    .describe()
    .then((d) => d.status.name === 'RUNNING')
    .catch(() => false);
  try {
    const handle = await client.workflow.start('ingestSeason', {
      taskQueue,
      workflowId,
      args: [input],
      // A run of this season already going (schedule, Temporal CLI, UI): follow it instead.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      ...runPriority('interactive'),
      ...runDescription(input, opts.seasonType, client.options.identity),
    });
    return { handle, attached: running };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      return { handle: client.workflow.getHandle(workflowId), attached: true };
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
