/**
 * The services one benchmark run owns: a Temporal dev server (in memory, free ports, one task-queue
 * partition, the project's search attributes: test/setup/temporal-server.ts), a replay server over
 * the shared NBA data with faults off, and the workflow bundle, built once and shared by every
 * worker (in-process and child processes) so no timed phase pays for webpack.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions } from '../lib/temporal-bundler.js';
import { startReplayServer, type ReplayServer } from '../replay/server.js';
import { startTemporalTestServer, type TemporalTestServer } from '../test/setup/temporal-server.js';
import { repoRoot } from '../test/setup/paths.js';
import { WORKFLOWS_PATH } from '../worker/create-workers.js';

export { repoRoot };

/** The real NBA data: NBA_DATA_DIR, else ../shared/nba-data next to the repository. */
export function nbaDataDir(): string {
  return process.env.NBA_DATA_DIR || path.resolve(repoRoot, '../shared/nba-data');
}

export async function startTemporal(): Promise<TemporalTestServer> {
  return startTemporalTestServer({ startTimeoutMs: 90_000 });
}

export async function startReplay(): Promise<ReplayServer> {
  const dir = nbaDataDir();
  if (!existsSync(dir)) {
    throw new Error(`no NBA data at ${dir}: the benchmark replays it (set NBA_DATA_DIR to its folder)`);
  }
  return startReplayServer({ dataDirs: [dir], port: 0 });
}

const noop = (): void => {};
const quietBundlerLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

export interface WorkflowBundle {
  path: string;
  remove(): Promise<void>;
}

export async function buildWorkflowBundle(): Promise<WorkflowBundle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nba-bench-bundle-'));
  const file = path.join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...workflowBundlerOptions(),
    logger: quietBundlerLogger,
  });
  await writeFile(file, code);
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
