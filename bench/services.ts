/**
 * The services one benchmark run owns: a Temporal dev server (in memory, free ports, one task-queue
 * partition, the project's search attributes: testkit/temporal-server.ts), a replay server over the
 * shared NBA data with faults off, and the workflow bundle, built once and used by every worker
 * (in-process and child processes) so that no timed phase pays for webpack.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundlerOptions } from '../lib/temporal-bundler.js';
import { startReplayServer } from '../replay/server.js';
import { nbaDataDir } from '../testkit/nba-data.js';
import { startTemporalTestServer } from '../testkit/temporal-server.js';
import { WORKFLOWS_PATH } from '../worker/create-workers.js';

async function buildWorkflowBundle(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nba-bench-bundle-'));
  const file = path.join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...workflowBundlerOptions(),
    logger: new DefaultLogger('ERROR'),
  });
  await writeFile(file, code);
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function startServices() {
  const [temporal, replay, bundle] = await Promise.all([
    startTemporalTestServer({ startTimeoutMs: 90_000 }),
    startReplayServer({ dataDirs: [nbaDataDir()], port: 0 }),
    buildWorkflowBundle(),
  ]);
  const stop = (): Promise<unknown> => Promise.allSettled([temporal.stop(), replay.close(), bundle.remove()]);
  return { temporal, replay, bundlePath: bundle.path, stop };
}
