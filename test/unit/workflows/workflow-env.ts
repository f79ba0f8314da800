/**
 * What the workflow unit tests share: per test file, one time-skipping environment and one set of
 * workers; per run, one bundle of each workflows path (bundling takes seconds); a runtime that logs
 * only warnings.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { nbaTaskQueueFor } from '../../../domain/task-queues.js';
import { WORKFLOWS_PATH } from '../../../worker/create-workers.js';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../../support/time-skipping.js';
import { uniqueTaskQueue } from '../../support/ids.js';
import { sharedWorkflowBundle } from '../../support/shared-workflow-bundles.js';

export interface WorkflowTestKit {
  env: TestWorkflowEnvironment;
  /** The queue the workflows run on (and the activities, as local or regular ones). */
  taskQueue: string;
  /** Stops the workers, then the test server. */
  teardown(): Promise<void>;
}

/**
 * A test server with the project's search attributes, and workers that run for the whole test file:
 * one with the bundled workflows and `activities` on a fresh task queue, and one with the same
 * activities on each of `activityQueues(taskQueue)`.
 */
export async function startWorkflowTestKit(
  workflowsPath: string,
  activities: object = {},
  activityQueues: (taskQueue: string) => string[] = () => [],
): Promise<WorkflowTestKit> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // One after the other: the test server (a JVM) must answer within 5 s of its start, which a
  // webpack run beside it on a busy 2-core machine can delay.
  const env = await createTimeSkippingEnv();
  try {
    const codePath = await sharedWorkflowBundle(workflowsPath);
    const connection = env.nativeConnection;
    const taskQueue = uniqueTaskQueue('unit');
    const workers = await Promise.all([
      Worker.create({ connection, taskQueue, workflowBundle: { codePath }, activities }),
      ...activityQueues(taskQueue).map((queue) =>
        Worker.create({ connection, taskQueue: queue, activities }),
      ),
    ]);
    const running = Promise.all(workers.map((worker) => worker.run()));
    running.catch(() => undefined); // surfaced by teardown
    return {
      env,
      taskQueue,
      async teardown() {
        for (const worker of workers) worker.shutdown();
        await running;
        await env.teardown();
      },
    };
  } catch (error) {
    await env.teardown();
    throw error;
  }
}

/**
 * The pipeline's workflows with `activities` (fakes) on the workflow queue and on the NBA queue
 * derived from it, for the whole test file: call at the top of a file, read the kit in tests.
 */
export function usePipelineWorkflowKit(activities: object): () => WorkflowTestKit {
  let kit: WorkflowTestKit | undefined;
  beforeAll(async () => {
    kit = await startWorkflowTestKit(WORKFLOWS_PATH, activities, (queue) => [nbaTaskQueueFor(queue)]);
  }, 120_000);
  afterAll(async () => {
    await kit?.teardown();
  });
  return () => {
    if (!kit) throw new Error('the workflow test kit has not started');
    return kit;
  };
}
