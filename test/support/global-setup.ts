/**
 * Once per integration test run: one Temporal dev server (in-memory, free port), one fresh, migrated
 * PostgreSQL database and one bundle of the workflow code (every worker loads it: webpack once, not per
 * worker); all are torn down at the end (the project's own PostgreSQL, started
 * here when DATABASE_URL is unset, keeps running like `npm run postgres -- start` left it). Tests read them with
 * `inject('temporalAddress')`, `inject('temporalUiUrl')`, `inject('databaseUrl')`, `inject('nbaDataDir')`,
 * `inject('workflowBundlePath')`.
 */
import type { TestProject } from 'vitest/node';
import { loadConfig, loadEmbeddedPostgresConfig } from '../../config/env.js';
import { ensureEmbeddedPostgres } from '../../lib/embedded-postgres.js';
import { nbaDataDir } from './nba-data.js';
import { createScratchDatabase, type ScratchDatabase } from './postgres.js';
import './provided-context.js';
import { startTemporalTestServer, type TemporalTestServer } from './temporal-server.js';
import { buildWorkflowBundle, type WorkflowBundleFile } from './workflow-bundle.js';

/** DATABASE_URL unset: the project's own server, as `npm test`'s setup would have started it. */
async function startEmbeddedPostgresIfUsed(): Promise<void> {
  await ensureEmbeddedPostgres(loadConfig(), loadEmbeddedPostgresConfig());
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let temporal: TemporalTestServer | undefined;
  let database: ScratchDatabase | undefined;
  let bundle: WorkflowBundleFile | undefined;
  const teardown = async (): Promise<void> => {
    const results = await Promise.allSettled([temporal?.stop(), database?.drop(), bundle?.remove()]);
    for (const result of results) {
      if (result.status === 'rejected') console.error('[test setup] teardown failed:', result.reason);
    }
  };
  // In parallel (a few seconds each); whichever started is torn down if the other failed.
  const [temporalResult, databaseResult, bundleResult] = await Promise.allSettled([
    startTemporalTestServer(),
    startEmbeddedPostgresIfUsed().then(() => createScratchDatabase(`run_${process.pid}`)),
    buildWorkflowBundle(),
  ]);
  if (temporalResult.status === 'fulfilled') temporal = temporalResult.value;
  if (databaseResult.status === 'fulfilled') database = databaseResult.value;
  if (bundleResult.status === 'fulfilled') bundle = bundleResult.value;
  if (!temporal || !database || !bundle) {
    await teardown();
    const reasons: unknown[] = [temporalResult, databaseResult, bundleResult].flatMap((r) =>
      r.status === 'rejected' ? [r.reason as unknown] : [],
    );
    throw new AggregateError(reasons, `integration test setup failed: ${reasons.map(String).join('\n')}`);
  }
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalUiUrl', temporal.uiUrl);
  project.provide('temporalNamespace', 'default');
  project.provide('temporalCliPath', temporal.cliPath);
  project.provide('databaseUrl', database.url);
  project.provide('nbaDataDir', nbaDataDir());
  project.provide('workflowBundlePath', bundle.path);
  return teardown;
}
