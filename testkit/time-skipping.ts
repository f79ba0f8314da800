/**
 * Temporal's time-skipping test environment on the Java test server that `npm run setup` fetched
 * from Maven Central (scripts/ensure-test-server.sh): @temporalio/testing would otherwise download it,
 * and tests never download anything.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';

const TEST_SERVER = fileURLToPath(
  new URL('../.tools/temporal-test-server/temporal-test-server', import.meta.url),
);

/** A fresh time-skipping environment (about 1.5 s to start); `teardown()` it when done. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  if (!existsSync(TEST_SERVER)) {
    throw new Error(
      `Temporal's test server is missing at ${TEST_SERVER}: run 'npm run setup' (scripts/ensure-test-server.sh)`,
    );
  }
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
}
