/**
 * Starts (or attaches to) a season's run and follows it: a live progress bar on a terminal,
 * and a final summary. The workflow id is deterministic, so a second start attaches.
 * `ingest season`, `ingest redrive`, `ingest retransform` and the main job (`npm start`) all run here.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { AppConfig } from '../config/env.js';
import { runPriority } from '../domain/priority.js';
import { seasonWorkflowId, type SeasonType } from '../domain/season.js';
import {
  ingestSeason,
  progressQuery,
  type IngestSeasonInput,
  type IngestSeasonResult,
} from '../workflows/index.js';
import { cooldownInput, withClient } from './common.js';
import { ProgressBar } from './progress-bar.js';
import { formatSummary, toSummary } from './summary.js';
import { webUiRunUrl } from './web-ui.js';

/** A handle on a season's run: its result and queries are typed by the workflow function. */
export type SeasonRunHandle = WorkflowHandle<typeof ingestSeason>;

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
): Promise<{ handle: SeasonRunHandle; attached: boolean }> {
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
    const handle = await client.workflow.start(ingestSeason, {
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
      return { handle: client.workflow.getHandle<typeof ingestSeason>(workflowId), attached: true };
    }
    throw err;
  }
}

/** Polls the progress query until the run ends; draws a bar when stderr is a terminal. */
export async function follow(handle: SeasonRunHandle, pollMs = 1_000): Promise<IngestSeasonResult> {
  const bar = new ProgressBar(process.stderr);
  const result = handle.result();
  let finished = false;
  void result.finally(() => (finished = true)).catch(() => undefined);
  while (!finished && bar.enabled) {
    const progress = await handle.query(progressQuery).catch(() => undefined);
    if (progress) bar.update(progress);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    return await result;
  } finally {
    bar.finish();
  }
}

/** The run's page in the Temporal Web UI. */
export async function webUiFor(
  config: AppConfig,
  handle: WorkflowHandle,
): Promise<{ runId: string; webUi: string }> {
  const { runId } = await handle.describe();
  const webUi = webUiRunUrl({
    temporalAddress: config.TEMPORAL_ADDRESS,
    uiPort: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    workflowId: handle.workflowId,
    runId,
  });
  return { runId, webUi };
}

export interface FollowOptions {
  /** Wait for the run's end; the exit code is 1 unless it completed. */
  wait: boolean;
  /** One JSON line on stdout instead of the summary table. */
  json: boolean;
}

/**
 * Starts (or attaches to) a season's run, then follows it when asked to or on a terminal and prints
 * its summary. What the configuration says (task queue, team concurrency, cooldowns) fills the input.
 */
export async function runSeason(
  config: AppConfig,
  input: IngestSeasonInput & { seasonType: SeasonType },
  opts: FollowOptions,
): Promise<void> {
  await withClient(config, async (client) => {
    const { handle, attached } = await startOrAttach({
      client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      teamConcurrency: config.INGEST_TEAM_CONCURRENCY,
      ...cooldownInput(config),
      ...(config.NBA_MAX_ATTEMPTS ? { nbaMaxAttempts: config.NBA_MAX_ATTEMPTS } : {}),
      ...input,
    });
    const { runId, webUi } = await webUiFor(config, handle);
    process.stderr.write(
      `${attached ? 'attached to the run already going:' : 'started'} ${handle.workflowId} (run ${runId})\nWeb UI: ${webUi}\n`,
    );
    if (!opts.wait && !process.stderr.isTTY) {
      if (opts.json)
        process.stdout.write(
          `${JSON.stringify({ workflowId: handle.workflowId, runId, status: 'running', webUi })}\n`,
        );
      return;
    }
    const summary = toSummary(await follow(handle), webUi);
    process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    if (opts.wait && summary.status !== 'completed') process.exitCode = 1;
  });
}
