/**
 * A reset run (the Web UI's Reset, \`temporal workflow reset\`) starts from its base run's history up
 * to the reset point: the results recorded there are the base run's work, already in its record.
 * They name the run that executed them (activities/unit-source.ts), so a reset run counts rows and
 * requests of its own only, and its record says what it did itself.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { OwnWork } from '../activities/types.js';

/** Whether this run did the work behind `result` (a result that names no run counts as its own). */
export function isOwnWork(result: OwnWork): boolean {
  return result.executedInRun === undefined || result.executedInRun === workflowInfo().runId;
}

/** The requests of `result` that this run sent: none when it was inherited through a reset. */
export function ownRequests(result: OwnWork & { apiCalls: number }): number {
  return isOwnWork(result) ? result.apiCalls : 0;
}
