/**
 * The NBA queue's rate limit, read and written through the task queue's config (domain/nba-pace.ts
 * says why the learned rate lives there): DescribeTaskQueue with report_config reads it,
 * UpdateTaskQueueConfig writes it, as `temporal task-queue config get/set` do.
 */
// The package is CommonJS: Node's ESM loader sees only its default export at run time.
import proto from '@temporalio/proto';
import {
  formatRps,
  nextPace,
  PACER_IDENTITY,
  rateInForce,
  type PaceDecision,
  type PaceEvent,
  type QueueRate,
} from '../domain/nba-pace.js';
import type { WorkflowService } from './run-origin.js';

const ACTIVITY_QUEUE = proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY;

export interface NbaQueue {
  service: WorkflowService;
  namespace: string;
  /** The rate-limited NBA task queue (nbaTaskQueueFor). */
  taskQueue: string;
}

type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;
const millisOf = (t: Timestamp): number | undefined =>
  t?.seconds === undefined || t.seconds === null
    ? undefined
    : Number(t.seconds) * 1000 + Math.round((t.nanos ?? 0) / 1e6);

/** The queue-wide rate limit of the NBA queue's activity tasks, with who set it. */
export async function readNbaQueueRate(queue: NbaQueue): Promise<QueueRate> {
  const { config } = await queue.service.describeTaskQueue({
    namespace: queue.namespace,
    taskQueue: { name: queue.taskQueue },
    taskQueueType: ACTIVITY_QUEUE,
    reportConfig: true,
  });
  const limit = config?.queueRateLimit;
  const metadata = limit?.metadata;
  return {
    // An unset limit leaves the metadata of whoever unset it: it is free for the pacer again.
    rps: limit?.rateLimit ? (limit.rateLimit.requestsPerSecond ?? 0) : undefined,
    setBy: metadata?.updateIdentity ?? undefined,
    reason: metadata?.reason ?? undefined,
    updatedAt: millisOf(metadata?.updateTime),
  };
}

async function writeNbaQueueRate(queue: NbaQueue, rps: number, reason: string): Promise<void> {
  await queue.service.updateTaskQueueConfig({
    namespace: queue.namespace,
    identity: PACER_IDENTITY,
    taskQueue: queue.taskQueue,
    taskQueueType: ACTIVITY_QUEUE,
    updateQueueRateLimit: { rateLimit: { requestsPerSecond: rps }, reason },
  });
}

export interface PaceInput {
  event: PaceEvent;
  /** The run's stretch of clean answers (its breaker's first cooldown), ms. */
  stretchMs: number;
  ceilingRps?: number;
}

/** What the run learns: the rate in force after the decision, and whether it changed. */
export type PaceOutcome = PaceDecision & { setBy?: string };

export interface NbaPacer {
  /** Undefined when pacing is off (NBA_PACING=fixed): the rate stays what it is. */
  pace(input: PaceInput): Promise<PaceOutcome | undefined>;
  /** The rate in force now (the metric, `ingest status`). */
  current(): Promise<{ rps: number; rate: QueueRate }>;
}

export interface NbaPacerOptions {
  /** NBA_RATE_LIMIT_PER_SEC */
  maxRps: number;
  /** NBA_PACING=adaptive */
  adaptive: boolean;
  /** Told the rate in force at every read or write (the metric). */
  observed?: (rps: number) => void;
}

export function createNbaPacer(
  queue: NbaQueue,
  { maxRps, adaptive, observed = () => undefined }: NbaPacerOptions,
): NbaPacer {
  return {
    async current() {
      const rate = await readNbaQueueRate(queue);
      const rps = rateInForce(rate, maxRps);
      observed(rps);
      return { rps, rate };
    },
    async pace(input) {
      if (!adaptive) return undefined;
      const rate = await readNbaQueueRate(queue);
      const decision = nextPace(
        rate,
        input.event,
        { maxRps, stretchMs: input.stretchMs, ceilingRps: input.ceilingRps },
        Date.now(),
      );
      if (decision.change) await writeNbaQueueRate(queue, decision.rps, decision.reason);
      observed(decision.rps);
      return { ...decision, ...(rate.setBy ? { setBy: rate.setBy } : {}) };
    },
  };
}

/** One line for `ingest status` and the logs, e.g. "2.5/s, set by nba-ingest pacer 12 s ago: …". */
export function describeNbaQueueRate(rate: QueueRate, maxRps: number, now = Date.now()): string {
  if (rate.rps === undefined) return `${formatRps(maxRps)} (NBA_RATE_LIMIT_PER_SEC; no queue limit set)`;
  const ago = rate.updatedAt === undefined ? '' : ` ${Math.round((now - rate.updatedAt) / 1000)} s ago`;
  const who =
    rate.setBy === PACER_IDENTITY
      ? 'the pacer'
      : `${rate.setBy || 'an unnamed client'} (by hand: the pacer leaves it)`;
  return `${formatRps(rateInForce(rate, maxRps))}, set by ${who}${ago}${rate.reason ? `: ${rate.reason}` : ''}`;
}
