import { Context, log } from '@temporalio/activity';
import { isConnectionLost } from '../db/errors.js';

/** How long a team unit waits for its database before the failure goes to Temporal's retry policy. */
export const DATABASE_OUTAGE_BUDGET_MS = 60_000;
const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 5_000;

/**
 * Runs one database step of an activity again while the database is unreachable (a restart, a
 * failover), waiting 0.5 s doubling to 5 s, for up to DATABASE_OUTAGE_BUDGET_MS. A restart of a few
 * seconds then costs a team unit neither one of its NBA attempts nor a second request for a body it
 * already holds. The step must be safe to repeat: a transaction, or a read. Other errors pass at once.
 */
export async function untilDatabaseAnswers<T>(
  step: () => Promise<T>,
  budgetMs = DATABASE_OUTAGE_BUDGET_MS,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    try {
      return await step();
    } catch (error) {
      if (!isConnectionLost(error) || Date.now() + wait > deadline) throw error;
      log.warn('database unreachable: waiting for it', { error: (error as Error).message, waitMs: wait });
      await Context.current().sleep(wait); // cancellation-aware: a cancelled activity stops waiting
    }
  }
}
