/**
 * The services one benchmark run owns: a Temporal dev server (in memory, free ports, one task-queue
 * partition, the project's search attributes: test/support/temporal-server.ts), a replay server over the
 * shared NBA data with faults off, and the workflow bundle, built once and used by every worker
 * (in-process and child processes) so that no timed phase pays for webpack.
 */
import { startReplayServer } from '../replay/server.js';
import { nbaDataDir } from '../test/support/nba-data.js';
import { startTemporalTestServer } from '../test/support/temporal-server.js';
import { buildWorkflowBundle } from '../test/support/workflow-bundle.js';

export async function startServices() {
  const [temporal, replay, bundle] = await Promise.all([
    startTemporalTestServer({ startTimeoutMs: 90_000 }),
    startReplayServer({ dataDirs: [nbaDataDir()], port: 0 }),
    buildWorkflowBundle(),
  ]);
  const stop = (): Promise<unknown> => Promise.allSettled([temporal.stop(), replay.close(), bundle.remove()]);
  return { temporal, replay, bundlePath: bundle.path, stop };
}
