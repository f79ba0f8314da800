/**
 * Where a unit's API response comes from on this attempt, and the requests it has cost so far:
 * shared by every activity that makes one NBA request (team units, league-wide games, standings).
 */
import { Context } from '@temporalio/activity';
import type { ResponseSourceOptions } from './responses.js';
import type { GameDates } from '../domain/game-dates.js';
import type { UnitInput } from './types.js';

/** An interval's dates as leaguegamefinder's DateFrom/DateTo (no `from`: from the season's start). */
export function dateParams(dates: GameDates | undefined): { dateFrom?: string; dateTo?: string } {
  if (!dates) return {};
  return { ...(dates.from ? { dateFrom: dates.from } : {}), dateTo: dates.to };
}

export function sourceOptions(input: UnitInput): ResponseSourceOptions {
  const { attempt, scheduledTimestampMs } = Context.current().info;
  const policy = input.responses ?? 'fetch';
  // A retry (after a crash or a failed load) reuses the body an earlier attempt already landed:
  // a worker killed mid-activity costs no second request.
  if (policy === 'fetch' && attempt > 1) {
    return {
      policy: 'prefer-stored',
      maxAgeMs: Math.max(0, Date.now() - scheduledTimestampMs),
      runId: input.runId,
    };
  }
  return {
    policy,
    runId: input.runId,
    ...(input.maxResponseAgeMs ? { maxAgeMs: input.maxResponseAgeMs } : {}),
  };
}

/**
 * The run this activity executes for. A reset run inherits the results its base run recorded before
 * the reset point; they name the base run, so the reset run counts only its own work (workflows/reset.ts).
 */
export function executedInRun(): { executedInRun?: string } {
  const runId = Context.current().info.workflowExecution?.runId;
  return runId ? { executedInRun: runId } : {};
}

/**
 * Requests made for this unit: one per earlier attempt (as far as we know) plus this attempt's,
 * unless it was served from stored responses.
 */
export function apiCallsSoFar(input: UnitInput, fromStore: boolean): number {
  if (input.responses === 'stored') return 0;
  return Context.current().info.attempt - 1 + (fromStore ? 0 : 1);
}
