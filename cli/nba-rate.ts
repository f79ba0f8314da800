/** `ingest status`: the fleet's NBA rate in force, read from the NBA queue's config (domain/nba-pace.ts). */
import { describeNbaQueueRate, readNbaQueueRate } from '../activities/nba-pace.js';
import type { AppConfig } from '../config/env.js';
import { heldByOperator, rateInForce } from '../domain/nba-pace.js';
import { nbaTaskQueueFor } from '../domain/task-queues.js';
import { withClient } from './common.js';

export type FleetNbaRate =
  | {
      rps: number;
      /** Set by hand (`temporal task-queue config set --queue-rps-limit`): the pacer leaves it. */
      byHand: boolean;
      setBy?: string | undefined;
      reason?: string | undefined;
      updatedAt?: string | undefined;
      text: string;
    }
  | { error: string; text: string };

/** Never fails: status reads the database; the rate is a line more when Temporal answers. */
export async function fleetNbaRate(config: AppConfig): Promise<FleetNbaRate> {
  try {
    const rate = await withClient(config, (client) =>
      readNbaQueueRate({
        service: client.workflowService,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: nbaTaskQueueFor(config.TEMPORAL_TASK_QUEUE),
      }),
    );
    return {
      rps: rateInForce(rate, config.NBA_RATE_LIMIT_PER_SEC),
      byHand: heldByOperator(rate),
      setBy: rate.setBy,
      reason: rate.reason,
      ...(rate.updatedAt !== undefined ? { updatedAt: new Date(rate.updatedAt).toISOString() } : {}),
      text: `NBA rate: ${describeNbaQueueRate(rate, config.NBA_RATE_LIMIT_PER_SEC)}`,
    };
  } catch (err) {
    const error = (err as Error).message;
    return { error, text: `NBA rate: unknown (${error})` };
  }
}
