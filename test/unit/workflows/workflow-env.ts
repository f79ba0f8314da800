/**
 * What the workflow unit tests share: per test file, one time-skipping environment, one workflow
 * bundle (bundling takes seconds) and one set of workers; a runtime that logs only warnings.
 */
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_TYPES } from '../../../domain/search-attributes.js';
import { workflowBundlerOptions } from '../../../lib/temporal-bundler.js';
import { createTimeSkippingEnv } from '../../../testkit/time-skipping.js';
import { uniqueTaskQueue } from '../../setup/ids.js';

/**
 * The SDK gives the test server 5 s to answer, and a JVM on a loaded 2-core machine can take longer:
 * start it with the quick-starting JIT and retry a start that only ran out of that time.
 */
async function startTestServer(attempts = 3): Promise<TestWorkflowEnvironment> {
  process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
  for (let attempt = 1; ; attempt++) {
    try {
      return await createTimeSkippingEnv();
    } catch (error) {
      if (attempt >= attempts || !/did not start within/.test((error as Error).message)) throw error;
      console.warn(`[workflow tests] test server start ${attempt}/${attempts} timed out; retrying`);
    }
  }
}

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
  const env = await startTestServer();
  try {
    // ingestSeason upserts the project's search attributes: the server must know them.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        Object.keys(SEARCH_ATTRIBUTE_TYPES).map((name) => [
          name,
          temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
    const { code } = await bundleWorkflowCode({
      workflowsPath,
      ...workflowBundlerOptions(),
      logger: new DefaultLogger('WARN'),
    });
    const connection = env.nativeConnection;
    const taskQueue = uniqueTaskQueue('unit');
    const workers = await Promise.all([
      Worker.create({ connection, taskQueue, workflowBundle: { code }, activities }),
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
