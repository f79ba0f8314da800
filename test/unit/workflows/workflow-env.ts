/**
 * What the workflow unit tests share: one time-skipping environment and one workflow bundle per
 * test file (bundling takes seconds), and a runtime that logs only warnings.
 */
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_TYPES } from '../../../domain/search-attributes.js';
import { workflowBundlerOptions } from '../../../lib/temporal-bundler.js';
import { createTimeSkippingEnv } from '../../../testkit/time-skipping.js';
import { uniqueTaskQueue } from '../../setup/ids.js';

export interface WorkflowTestKit {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
}

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

export async function startWorkflowTestKit(workflowsPath: string): Promise<WorkflowTestKit> {
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
