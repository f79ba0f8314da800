/**
 * One Temporal profile for everything (issue 20, item 5): a TOML file selected by TEMPORAL_CONFIG_FILE
 * and TEMPORAL_PROFILE, naming the test server's address and a namespace of this file's own, drives the
 * worker process and `npm run ingest`, and the `temporal` CLI reading the same file lists the run.
 * TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE are blank for all three: only the profile can point them there.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunSummary } from '../../../cli/summary.js';
import { seasonWorkflowId } from '../../../domain/season.js';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';
import { hasNbaData } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';

const run = promisify(execFile);
const PROFILE = 'nba-test';

describe.skipIf(!hasNbaData())('a Temporal profile of a TOML file (needs ../shared/nba-data)', () => {
  let pipeline: Pipeline;
  let worker: WorkerProcess | undefined;
  let dir: string;
  /** Where the connection comes from: the profile alone (the project's own variables stay). */
  let profileEnv: { TEMPORAL_ADDRESS: string; TEMPORAL_TASK_QUEUE: string } & Record<string, string>;

  beforeAll(async () => {
    pipeline = await startPipeline();
    dir = await mkdtemp(path.join(tmpdir(), 'nba-temporal-profile-'));
    const configFile = path.join(dir, 'temporal.toml');
    await writeFile(
      configFile,
      `[profile.${PROFILE}]\naddress = "${pipeline.temporalAddress}"\nnamespace = "${pipeline.namespace}"\n`,
    );
    profileEnv = {
      TEMPORAL_CONFIG_FILE: configFile,
      TEMPORAL_PROFILE: PROFILE,
      TEMPORAL_ADDRESS: '',
      TEMPORAL_NAMESPACE: '',
      TEMPORAL_TASK_QUEUE: pipeline.taskQueue,
      DATABASE_URL: pipeline.databaseUrl,
    };
    worker = await spawnWorker(
      { ...profileEnv, NBA_STATS_BASE_URL: pipeline.replay.url, NBA_RATE_LIMIT_PER_SEC: '50' },
      pipeline.client,
    );
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await pipeline?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('drives the worker and `npm run ingest`; `temporal workflow list` with the same profile sees the run', async () => {
    expect(pipeline.namespace).not.toBe('default');
    const ingest = await runTsScript(
      [
        'scripts/ingest.ts',
        'season',
        '2023-24',
        '--since',
        '2024-01-09',
        '--until',
        '2024-01-10',
        '--wait',
        '--json',
      ],
      { env: { ...process.env, ...profileEnv, LOG_FORMAT: 'json' } },
    );
    const summary = JSON.parse(ingest.stdout) as RunSummary;
    const workflowId = seasonWorkflowId('2023-24', 'Regular Season');
    expect(summary).toMatchObject({ workflowId, status: 'completed' });
    expect(summary.webUi).toContain(`/namespaces/${pipeline.namespace}/workflows/${workflowId}/`);
    // The worker process ran it: the run is in the profile's namespace, on the pipeline's database.
    const { rows } = await pipeline.database.pool.query<{ run_id: string }>(
      'select run_id from ingestion_runs where workflow_id = $1',
      [workflowId],
    );
    expect(rows.map((r) => r.run_id)).toEqual([summary.runId]);

    // The temporal CLI: no address or namespace but the profile's (and none of the project's variables).
    const cliEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, ...profileEnv };
    delete cliEnv.TEMPORAL_ADDRESS;
    delete cliEnv.TEMPORAL_NAMESPACE;
    const listed = await run(
      inject('temporalCliPath'),
      ['workflow', 'list', '--query', `WorkflowId = '${workflowId}'`, '--output', 'json'],
      { env: cliEnv },
    );
    expect(listed.stdout).toContain(summary.runId);
    expect(listed.stdout).toContain('WORKFLOW_EXECUTION_STATUS_COMPLETED');
  });
});
