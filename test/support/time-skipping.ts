/**
 * Temporal's time-skipping test environment on the Java test server that `npm run setup` fetched
 * from Maven Central (scripts/ensure-test-server.sh): @temporalio/testing would otherwise download it,
 * and tests never download anything. The project's search attributes are registered, as on every
 * other server the pipeline runs on.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_TYPES } from '../../domain/search-attributes.js';
import { repoRoot } from './paths.js';

const TEST_SERVER = path.join(repoRoot, '.tools/temporal-test-server/temporal-test-server');
const START_ATTEMPTS = 3;

/**
 * A fresh time-skipping environment (1.5–3 s to start); `teardown()` it when done. The SDK gives the
 * server 5 s to answer, which a JVM on a loaded 2-core machine can miss: such a start is retried.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  if (!existsSync(TEST_SERVER)) {
    throw new Error(
      `Temporal's test server is missing at ${TEST_SERVER}: run 'npm run setup' (scripts/ensure-test-server.sh)`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: TEST_SERVER } },
      });
      await registerSearchAttributes(env).catch(async (error: unknown) => {
        await env.teardown();
        throw error;
      });
      return env;
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/did not start within/.test((error as Error).message)) throw error;
      console.warn(`[time-skipping] test server start ${attempt}/${START_ATTEMPTS} timed out; retrying`);
    }
  }
}

async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const { IndexedValueType } = temporal.api.enums.v1;
  const types = { Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTE_TYPES).map(([name, type]) => [name, types[type]]),
    ),
  });
}
