/**
 * Temporal task priorities of the pipeline's runs (`priorityKey`: 1 goes first … 5 last; unset is 3).
 * Activities and child workflows inherit their workflow's, so a run's key orders every task it puts
 * on a shared queue: its workflow tasks, its database activities and its NBA requests on the
 * rate-limited queue, where a backlog forms. The server dispatches a backlog in key order
 * (`matching.useNewMatcher`, default on since server 1.29; `matching.priorityLevels` 5: the dev server
 * and the cluster both run 1.31 with these defaults).
 */
export const RUN_PRIORITY = {
  /** Someone waits on it (`ingest season`, redrive, retransform, the main job) or the morning report does
   * (the daily schedule): it goes ahead of any backlog. */
  interactive: 2,
  /** Hours of requests nobody waits on one by one: a backfill yields the rate-limited queue to the
   * nightly run and to an operator's urgent season, which would otherwise queue behind its backlog. */
  backfill: 4,
} as const;

export type RunPriority = keyof typeof RUN_PRIORITY;

/** The start option for a run of this kind. */
export function runPriority(kind: RunPriority): { priority: { priorityKey: number } } {
  return { priority: { priorityKey: RUN_PRIORITY[kind] } };
}
