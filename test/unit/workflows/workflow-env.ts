/**
 * What the workflow unit tests share: one time-skipping environment and one workflow bundle per
 * test file (bundling takes seconds), and a runtime that logs only warnings.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { workflowBundlerOptions } from '../../../lib/temporal-bundler.js';
import { createTimeSkippingEnv } from '../../../testkit/time-skipping.js';
import { uniqueTaskQueue } from '../../setup/ids.js';

export interface WorkflowTestKit {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
}

export async function startWorkflowTestKit(workflowsPath: string): Promise<WorkflowTestKit> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // One after the other: the test server (a JVM) must answer within 5 s of its start, which a
  // webpack run beside it on a busy 2-core machine can delay.
  const env = await createTimeSkippingEnv();
  try {
    const bundle = await bundleWorkflowCode({
      workflowsPath,
      ...workflowBundlerOptions(),
      logger: new DefaultLogger('WARN'),
    });
    return { env, bundle };
  } catch (error) {
    await env.teardown();
    throw error;
  }
}

/** A worker on a fresh task queue of the kit's environment, running the bundled workflows. */
export async function createTestWorker(
  kit: WorkflowTestKit,
  options: Partial<Omit<WorkerOptions, 'connection' | 'workflowBundle' | 'workflowsPath'>> = {},
): Promise<Worker> {
  return Worker.create({
    connection: kit.env.nativeConnection,
    workflowBundle: { code: kit.bundle.code },
    ...options,
    taskQueue: options.taskQueue ?? uniqueTaskQueue('unit'),
  });
}
