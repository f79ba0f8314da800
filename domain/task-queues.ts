/**
 * NBA HTTP activities run on a task queue of their own, derived from the main one, so that the
 * server-side limit `maxTaskQueueActivitiesPerSecond` holds across every worker polling it.
 * Derived (not configured) so the workflow can compute it deterministically from its own queue.
 */
export function nbaTaskQueueFor(mainTaskQueue: string): string {
  return `${mainTaskQueue}-nba-api`;
}
