/** Helpers for tests. Integration tests also get services through `inject(…)` (see global-setup.ts). */
import './provided-context.js';

export { uniqueTaskQueue, uniqueWorkflowId } from './ids.js';
export { hasNbaData, isCi, nbaDataDir } from '../../testkit/nba-data.js';
export { repoRoot } from '../../testkit/paths.js';
export {
  adminDatabaseUrl,
  createScratchDatabase,
  dropDatabase,
  migrateDatabase,
  type ScratchDatabase,
} from '../../testkit/postgres.js';
export { freePort, resolveTemporalCli } from '../../testkit/temporal-server.js';
export { createIsolatedNamespace } from './namespaces.js';
