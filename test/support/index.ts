/**
 * test/support/ is the one home of test support: the integration run's global setup (a dev server, a
 * database, the workflow bundle: global-setup.ts), the services tests and the benchmark start (a private
 * PostgreSQL, a Temporal cluster, a time-skipping server, a worker process), the real pipeline of a test
 * file (pipeline.ts) and smaller helpers. This file re-exports what most test files need; import the
 * rest from its own file. Integration tests also get services through `inject(…)` (provided-context.ts).
 */
import './provided-context.js';

export { uniqueTaskQueue, uniqueWorkflowId } from './ids.js';
export { hasNbaData, isCi, nbaDataDir } from './nba-data.js';
export { repoRoot } from './paths.js';
export {
  adminDatabaseUrl,
  createScratchDatabase,
  dropDatabase,
  migrateDatabase,
  type ScratchDatabase,
} from './postgres.js';
export { freePort, resolveTemporalCli } from './temporal-server.js';
export { createIsolatedNamespace } from './namespaces.js';
