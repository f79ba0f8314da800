/**
 * The pipeline's two workers, sharing one connection and one set of activities:
 *  - the main task queue: workflows and database activities;
 *  - the NBA task queue: HTTP activities, under a server-side rate limit shared by every worker.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities/index.js';
import {
  DEFAULT_WORKER_MAX_CACHED_WORKFLOWS,
  DEFAULT_WORKER_MAX_CONCURRENT_ACTIVITIES,
} from '../domain/defaults.js';
import { nbaTaskQueueFor } from '../domain/task-queues.js';
import { workflowBundlerOptions } from '../lib/temporal-bundler.js';
import { runLogContext } from './log-context.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CreateWorkersOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  /** Requests per second to the NBA API across all workers of this task queue. */
  nbaRatePerSecond: number;
  maxConcurrentActivities?: number;
  maxCachedWorkflows?: number;
  /** Prebuilt bundle (npm run build); otherwise workflows are bundled from source at start. */
  workflowBundlePath?: string;
  identity?: string;
}

export interface PipelineWorkers {
  main: Worker;
  nba: Worker;
  /** Runs both until shutdown; rejects if either fails. */
  run(): Promise<void>;
  shutdown(): void;
}

export async function createWorkers(opts: CreateWorkersOptions): Promise<PipelineWorkers> {
  const common: Partial<WorkerOptions> = {
    connection: opts.connection,
    namespace: opts.namespace,
    activities: opts.activities,
    interceptors: { activity: [runLogContext] },
    ...(opts.identity ? { identity: opts.identity } : {}),
  };
  const workflowSource: Partial<WorkerOptions> = opts.workflowBundlePath
    ? { workflowBundle: { codePath: opts.workflowBundlePath } }
    : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: workflowBundlerOptions() };
  const main = await Worker.create({
    ...common,
    ...workflowSource,
    taskQueue: opts.taskQueue,
    maxConcurrentActivityTaskExecutions:
      opts.maxConcurrentActivities ?? DEFAULT_WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxCachedWorkflows: opts.maxCachedWorkflows ?? DEFAULT_WORKER_MAX_CACHED_WORKFLOWS,
  });
  const nba = await Worker.create({
    ...common,
    taskQueue: nbaTaskQueueFor(opts.taskQueue),
    maxTaskQueueActivitiesPerSecond: opts.nbaRatePerSecond,
    maxConcurrentActivityTaskExecutions:
      opts.maxConcurrentActivities ?? DEFAULT_WORKER_MAX_CONCURRENT_ACTIVITIES,
  });
  const shutdown = (): void => {
    for (const w of [main, nba]) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    main,
    nba,
    shutdown,
    run: async () => {
      const runs = [main.run(), nba.run()];
      try {
        await Promise.all(runs);
      } catch (err) {
        shutdown(); // one failed: drain the other too, then report the failure
        await Promise.allSettled(runs);
        throw err;
      }
    },
  };
}
