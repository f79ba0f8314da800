import { Context } from '@temporalio/activity';

const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Heartbeats while `work` runs, so that a killed worker's activity is retried elsewhere after the
 * heartbeat timeout instead of the whole start-to-close timeout. The server starts the heartbeat
 * clock when the activity starts, so the first beat can wait one interval: a unit that finishes
 * sooner (most do, in well under a second) costs the server no heartbeat write at all.
 */
export async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
