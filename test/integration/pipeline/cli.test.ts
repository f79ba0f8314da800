/**
 * The command line against a real pipeline: `npm run ingest -- season … --wait --json`, the Temporal
 * CLI starting the same workflow, and a start from both at once yielding one execution.
 * Seasons 2011-12 and 2012-13 are used only here: their workflow ids are deterministic.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startOrAttach } from '../../../cli/start-season.js';
import { seasonWorkflowId } from '../../../domain/season.js';
import { hasNbaData, repoRoot } from '../../setup/index.js';
import { startPipeline, type Pipeline } from './harness.js';

const run = promisify(execFile);

describe.skipIf(!hasNbaData())('command line (needs ../shared/nba-data)', () => {
  let pipeline: Pipeline;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    pipeline = await startPipeline();
    await pipeline.startWorkers();
    env = {
      ...process.env,
      TEMPORAL_ADDRESS: pipeline.temporalAddress,
      TEMPORAL_NAMESPACE: pipeline.namespace,
      TEMPORAL_TASK_QUEUE: pipeline.taskQueue,
      DATABASE_URL: pipeline.databaseUrl,
      LOG_FORMAT: 'json',
    };
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('`ingest season --wait --json` runs the season and prints one JSON summary line', async () => {
    const { stdout, stderr } = await run(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['scripts/ingest.ts', 'season', '2012-13', '--wait', '--json'],
      { cwd: repoRoot, env },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown> & { counts: Record<string, { inserted: number }> };
    expect(summary).toMatchObject({ workflowId: 'ingest-season-2012-13-regular', status: 'completed', apiCalls: 60, failures: [] });
    expect(summary.counts.matches?.inserted).toBe(1229);
    expect(summary.webUi).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/namespaces\/ns-[^/]+\/workflows\/ingest-season-2012-13-regular\//);
    expect(stderr).toContain('Web UI:');
  });

  it('rejects a bad season before starting anything', async () => {
    const failure = await run(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/ingest.ts', 'season', '2023-25'], {
      cwd: repoRoot,
      env,
    }).catch((err: { code: number; stderr: string }) => err);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/2023-25.*spans more than one year/);
  });

  it('the Temporal CLI starts the same workflow; started together with the CLI it yields one execution', async () => {
    const workflowId = seasonWorkflowId('2011-12', 'Regular Season');
    const temporalCli = run(inject('temporalCliPath'), [
      'workflow', 'start',
      '--address', pipeline.temporalAddress,
      '--namespace', pipeline.namespace,
      '--type', 'ingestSeason',
      '--task-queue', pipeline.taskQueue,
      '--workflow-id', workflowId,
      '--input', '{"season":"2011-12"}',
    ]).catch((err: { stderr: string }) => err);
    const ours = startOrAttach({ client: pipeline.client, taskQueue: pipeline.taskQueue, season: '2011-12', seasonType: 'Regular Season' });
    const [, { handle }] = await Promise.all([temporalCli, ours]);
    const result = (await handle.result()) as { status: string };
    expect(result.status).toBe('completed');

    const executions = [];
    for await (const e of pipeline.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) executions.push(e);
    expect(executions).toHaveLength(1);
    const { rows } = await pipeline.database.pool.query<{ n: string }>(
      `select count(*) as n from ingestion_runs where workflow_id = $1`,
      [workflowId],
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });
});
