/**
 * Who started a run and which run a reset replaced, from history events shaped as the server sends
 * them (hand-written: the dev-server test in test/integration/pipeline/run-origin.test.ts reads real ones).
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import {
  readRunOrigin,
  resetBaseOf,
  starterOf,
  type Execution,
  type RunHistory,
} from '../../../activities/run-origin.js';
import { clientIdentity } from '../../../worker/connection.js';

type Event = temporal.api.history.v1.IHistoryEvent;
const RESET = temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW;

const started = (attrs: temporal.api.history.v1.IWorkflowExecutionStartedEventAttributes): Event => ({
  workflowExecutionStartedEventAttributes: attrs,
});
const resetEvent = (baseRunId: string): Event => ({
  workflowTaskFailedEventAttributes: { cause: RESET, baseRunId, newRunId: 'new' },
});

function historyOf(runs: Record<string, Event[]>): RunHistory & { read: string[] } {
  const read: string[] = [];
  const of = (e: Execution): Event[] => {
    read.push(e.runId);
    return runs[e.runId] ?? [];
  };
  return { read, events: async (e) => of(e), firstEvent: async (e) => of(e)[0] };
}

describe('run origin', () => {
  it('a run started by a client: its own start identity, not a reset', async () => {
    const history = historyOf({
      r1: [
        started({
          identity: 'alice@laptop',
          originalExecutionRunId: 'r1',
          rootWorkflowExecution: { workflowId: 'w', runId: 'r1' },
        }),
      ],
    });
    await expect(readRunOrigin(history, { workflowId: 'w', runId: 'r1' })).resolves.toEqual({
      startedBy: 'alice@laptop',
      resetOf: null,
      originalRunId: 'r1',
    });
    expect(history.read).toEqual(['r1']);
  });

  it("a child: its root's starter (a child's own start records no identity)", async () => {
    const history = historyOf({
      child: [started({ identity: '', rootWorkflowExecution: { workflowId: 'backfill', runId: 'b1' } })],
      b1: [started({ identity: 'carol@ops nba-ingest backfill' })],
    });
    const origin = await readRunOrigin(history, {
      workflowId: 'ingest-season-2023-24-regular',
      runId: 'child',
    });
    expect(origin.startedBy).toBe('carol@ops nba-ingest backfill');
  });

  it('a scheduled run: the schedule, whatever identity the scheduler used', () => {
    const scheduledBy = defaultPayloadConverter.toPayload('nba-daily');
    expect(
      starterOf({
        identity: 'temporal-scheduler',
        searchAttributes: { indexedFields: { TemporalScheduledById: scheduledBy } },
      }),
    ).toBe('schedule:nba-daily');
    expect(starterOf({ identity: '' })).toBeNull();
    expect(starterOf(undefined)).toBeNull();
  });

  it('a reset run: the base of its last reset; the original run on the copied start event', async () => {
    expect(resetBaseOf([started({}), resetEvent('r1'), resetEvent('r2')])).toBe('r2');
    expect(resetBaseOf([started({}), { workflowTaskFailedEventAttributes: { baseRunId: 'x' } }])).toBeNull();
    const history = historyOf({
      r3: [started({ identity: 'alice@laptop', originalExecutionRunId: 'r1' }), resetEvent('r2')],
    });
    await expect(readRunOrigin(history, { workflowId: 'w', runId: 'r3' })).resolves.toEqual({
      startedBy: 'alice@laptop',
      resetOf: 'r2',
      originalRunId: 'r1',
    });
  });
});

describe('clientIdentity', () => {
  it('TEMPORAL_IDENTITY wins; else `<os user>@<host> nba-ingest <command>`', () => {
    expect(clientIdentity({ TEMPORAL_IDENTITY: 'ci-bot' }, 'season')).toBe('ci-bot');
    expect(clientIdentity({}, 'season')).toMatch(/^\S+@\S+ nba-ingest season$/);
  });
});
