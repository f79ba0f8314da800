/**
 * Who started a run, and which run a reset run was reset from, read once from Temporal's history
 * when the run record is opened (the activity's result is recorded, so replays see the same answer):
 * - the starter is the identity on the first event (WorkflowExecutionStarted) of the run's root
 *   workflow: its own for a run started by a client, the backfill's for a backfill child, and for a
 *   run a schedule started, the schedule (TemporalScheduledById on that event);
 * - a reset run's history holds a WorkflowTaskFailed event with cause RESET_WORKFLOW at the reset
 *   point, naming the base run (the workflow cannot see it: workflowInfo() only has the original run id).
 * Why history and not workflow input: the identity is the client's, recorded by the server; nothing
 * the starter passes can stand in for it, and a reset copies the input of the run it replaces.
 */
import { Context } from '@temporalio/activity';
import { defaultPayloadConverter } from '@temporalio/common';
// The package is CommonJS: Node's ESM loader sees only its default export at run time.
import proto, { type temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type StartedAttributes = temporal.api.history.v1.IWorkflowExecutionStartedEventAttributes;
export type WorkflowService = temporal.api.workflowservice.v1.WorkflowService;

export interface Execution {
  workflowId: string;
  runId: string;
}

/** What a run record says about where the run came from. */
export interface RunOrigin {
  /** ingestion_runs.started_by; null when no identity was recorded. */
  startedBy: string | null;
  /** The run a reset run was reset from (the last reset, if reset again); null when not a reset. */
  resetOf: string | null;
  /** The run id on the first event: the run whose start this history replays (itself unless reset). */
  originalRunId: string;
}

/** Reads runs' histories in one namespace. */
export interface RunHistory {
  /** Every event of the run so far. */
  events(execution: Execution): Promise<HistoryEvent[]>;
  /** Only the first event (WorkflowExecutionStarted). */
  firstEvent(execution: Execution): Promise<HistoryEvent | undefined>;
}

export function runHistoryFrom(service: WorkflowService, namespace: string): RunHistory {
  const page = (execution: Execution, nextPageToken?: Uint8Array | null, maximumPageSize?: number) =>
    service.getWorkflowExecutionHistory({
      namespace,
      execution,
      ...(nextPageToken?.length ? { nextPageToken } : {}),
      ...(maximumPageSize ? { maximumPageSize } : {}),
    });
  return {
    async events(execution) {
      const events: HistoryEvent[] = [];
      let token: Uint8Array | null | undefined;
      do {
        const answer = await page(execution, token);
        events.push(...(answer.history?.events ?? []));
        token = answer.nextPageToken;
      } while (token?.length);
      return events;
    },
    async firstEvent(execution) {
      return (await page(execution, undefined, 1)).history?.events?.[0] ?? undefined;
    },
  };
}

const RESET_CAUSE =
  proto.temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW;

/** The base run of the last reset in these events, or null. */
export function resetBaseOf(events: HistoryEvent[]): string | null {
  let base: string | null = null;
  for (const event of events) {
    const failed = event.workflowTaskFailedEventAttributes;
    if (failed?.cause === RESET_CAUSE && failed.baseRunId) base = failed.baseRunId;
  }
  return base;
}

/** 'schedule:<id>' for a run a schedule started, else the client identity, else null. */
export function starterOf(started: StartedAttributes | null | undefined): string | null {
  const scheduledBy = started?.searchAttributes?.indexedFields?.TemporalScheduledById;
  if (scheduledBy) return `schedule:${String(defaultPayloadConverter.fromPayload(scheduledBy))}`;
  return started?.identity || null;
}

/** Where the run came from: its own history, and its root's first event when it is a child. */
export async function readRunOrigin(history: RunHistory, execution: Execution): Promise<RunOrigin> {
  const events = await history.events(execution);
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const root = started?.rootWorkflowExecution;
  // A run is its own root unless another workflow (a backfill, a schedule's run) started it.
  const rootStart =
    root?.workflowId && root.runId && root.workflowId !== execution.workflowId
      ? (await history.firstEvent({ workflowId: root.workflowId, runId: root.runId }))
          ?.workflowExecutionStartedEventAttributes
      : started;
  return {
    startedBy: starterOf(rootStart),
    resetOf: resetBaseOf(events),
    originalRunId: started?.originalExecutionRunId || execution.runId,
  };
}

/** The workflow run the current activity belongs to. */
export function currentExecution(): Execution {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('not in an activity of a workflow run');
  return { workflowId: execution.workflowId, runId: execution.runId };
}
