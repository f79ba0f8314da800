/**
 * Where a workflow run's time goes, from its event history: how long activities waited for a worker
 * (scheduled → started), ran (started → completed), and how long each workflow task took from
 * scheduled to completed (the orchestration round trip between one activity and the next).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { median } from './clock.js';

export interface HistoryTimings {
  events: number;
  activities: number;
  /** Local activities (bookkeeping): markers in the history, no task of their own. */
  local_activities: number;
  workflow_tasks: number;
  activity_schedule_to_start_ms: number;
  activity_start_to_close_ms: number;
  workflow_task_ms: number;
  workflow_task_schedule_to_start_ms: number;
  workflow_task_start_to_complete_ms: number;
  /** Completion of an activity → the next activity scheduled by the workflow task it triggered. */
  activity_gap_ms: number;
}

export async function historyTimings(handle: WorkflowHandle): Promise<HistoryTimings> {
  const events = (await handle.fetchHistory()).events ?? [];
  const at = new Map<number, number>();
  const scheduleToStart: number[] = [];
  const startToClose: number[] = [];
  const workflowTasks: number[] = [];
  const workflowTaskWaits: number[] = [];
  const workflowTaskRuns: number[] = [];
  let workflowTaskStarted: number | undefined;
  const gaps: number[] = [];
  let lastCompleted: number | undefined;
  let workflowTaskScheduled: number | undefined;
  let localActivities = 0;
  for (const e of events) {
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') localActivities++;
    const t = tsToMs(e.eventTime);
    at.set(Number(e.eventId), t);
    if (e.workflowTaskScheduledEventAttributes) workflowTaskScheduled = t;
    if (e.workflowTaskStartedEventAttributes && workflowTaskScheduled !== undefined) {
      workflowTaskStarted = t;
      workflowTaskWaits.push(t - workflowTaskScheduled);
    }
    if (e.workflowTaskCompletedEventAttributes && workflowTaskScheduled !== undefined) {
      workflowTasks.push(t - workflowTaskScheduled);
      if (workflowTaskStarted !== undefined) workflowTaskRuns.push(t - workflowTaskStarted);
    }
    if (e.activityTaskScheduledEventAttributes && lastCompleted !== undefined) {
      gaps.push(t - lastCompleted);
      lastCompleted = undefined;
    }
    const started = e.activityTaskStartedEventAttributes;
    if (started) scheduleToStart.push(t - (at.get(Number(started.scheduledEventId)) ?? t));
    const completed = e.activityTaskCompletedEventAttributes;
    if (completed) {
      startToClose.push(t - (at.get(Number(completed.startedEventId)) ?? t));
      lastCompleted = t;
    }
  }
  const med = (values: number[]): number => (values.length ? median(values) : 0);
  return {
    events: events.length,
    activities: startToClose.length,
    local_activities: localActivities,
    workflow_tasks: workflowTasks.length,
    activity_schedule_to_start_ms: med(scheduleToStart),
    activity_start_to_close_ms: med(startToClose),
    workflow_task_ms: med(workflowTasks),
    workflow_task_schedule_to_start_ms: med(workflowTaskWaits),
    workflow_task_start_to_complete_ms: med(workflowTaskRuns),
    activity_gap_ms: med(gaps),
  };
}
