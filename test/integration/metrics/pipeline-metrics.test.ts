/**
 * /metrics after real runs (dev server, PostgreSQL, replay server over the shared 2023-24 data):
 *  - in process: instrumented activities and client (as the worker wires them) and the SDK's
 *    Prometheus exporter; one team's games fail for good, so every counter moves, and the request
 *    counts equal what the replay server saw;
 *  - the real `scripts/worker.ts` with METRICS_PORT: its /metrics after a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nbaTaskQueueFor } from '../../../domain/task-queues.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { createPipelineMetrics } from '../../../lib/metrics.js';
import { freeLocalPort } from '../../../lib/free-ports.js';
import {
  sdkPrometheusEndpoint,
  startMetricsServer,
  type MetricsServer,
} from '../../../lib/metrics-server.js';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process.js';
import { freePort, hasNbaData, uniqueTaskQueue, uniqueWorkflowId } from '../../support/index.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';
import { sampleValue, scrape, type Sample } from '../../support/prometheus-text.js';

const SEASON = '2023-24';
const ATL = 1610612737;
const BOS = 1610612738;

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}): number =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((n, s) => n + s.value, 0);

describe.skipIf(!hasNbaData())('worker /metrics after real runs (needs ../shared/nba-data)', () => {
  const metrics = createPipelineMetrics();
  let pipeline: Pipeline;
  let server: MetricsServer;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    const sdk = sdkPrometheusEndpoint(await freeLocalPort());
    pipeline = await startPipeline({ metrics, sdkMetricsBindAddress: sdk.bindAddress });
    await pipeline.startWorkers();
    server = await startMetricsServer({
      registry: metrics.registry,
      port: 0,
      host: '127.0.0.1',
      sdkMetricsUrl: sdk.url,
    });
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await server?.close();
    await pipeline?.close();
  });

  it('counts requests by outcome, rows, dead letters and the run, next to the SDK’s temporal_ metrics', async () => {
    pipeline.replay.resetRequests();
    pipeline.replay.setFaults([{ kind: 'server-error', teamIds: [BOS], endpoint: 'leaguegamefinder' }]);
    const result = await pipeline.ingest({ season: SEASON, teamIds: [ATL, BOS], nbaMaxAttempts: 2 });
    pipeline.replay.clearFaults();
    expect(result.status).toBe('completed_with_failures');

    const { text, samples } = await scrape(server.url);
    const seen = pipeline.replay.requests().perEndpoint;
    const requests = (endpoint: string, outcome: string) =>
      sampleValue(samples, 'nba_api_requests_total', { endpoint, outcome });
    expect(requests('leaguegamefinder', 'ok')).toBe(1);
    expect(requests('leaguegamefinder', 'NbaServerError')).toBe(2);
    expect(requests('commonteamroster', 'ok')).toBe(2);
    expect(sum(samples, 'nba_api_requests_total', { endpoint: 'leaguegamefinder' })).toBe(
      seen.leaguegamefinder,
    );
    expect(sum(samples, 'nba_api_requests_total', { endpoint: 'commonteamroster' })).toBe(
      seen.commonteamroster,
    );

    const rows = (table: string, kind: string) =>
      sampleValue(samples, 'nba_rows_upserted_total', { table, kind });
    expect(rows('teams', 'inserted')).toBe(30);
    expect(rows('matches', 'inserted')).toBe(result.counts.matches?.inserted);
    expect(rows('team_game_stats', 'inserted')).toBe(82);
    expect(rows('players', 'inserted')).toBeGreaterThan(20);

    expect(sampleValue(samples, 'nba_dead_letters_total', { unit: 'games' })).toBe(1);
    expect(
      sampleValue(samples, 'nba_activity_errors_total', {
        activity: 'ingestTeamGames',
        type: 'NbaServerError',
      }),
    ).toBe(2);
    expect(sampleValue(samples, 'nba_runs_total', { status: 'completed_with_failures' })).toBe(1);
    expect(
      sampleValue(samples, 'nba_run_duration_seconds_count', { status: 'completed_with_failures' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'nba_run_duration_seconds_sum', { status: 'completed_with_failures' }),
    ).toBeGreaterThan(0);

    // The SDK's own view of the same run, from Core's exporter.
    expect(sampleValue(samples, 'nba_temporal_sdk_metrics_up')).toBe(1);
    const failedAttempts = {
      activity_type: 'ingestTeamGames',
      task_queue: nbaTaskQueueFor(pipeline.taskQueue),
    };
    expect(sampleValue(samples, 'temporal_activity_execution_failed', failedAttempts)).toBe(2);
    expect(sampleValue(samples, 'temporal_workflow_completed', { task_queue: pipeline.taskQueue })).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('the real worker (scripts/worker.ts) serves them on METRICS_PORT', async () => {
    const taskQueue = uniqueTaskQueue('metrics-worker');
    const metricsPort = await freePort();
    worker = await spawnWorker(
      {
        TEMPORAL_ADDRESS: pipeline.temporalAddress,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATABASE_URL: pipeline.databaseUrl,
        NBA_STATS_BASE_URL: pipeline.replay.url,
        NBA_RATE_LIMIT_PER_SEC: '50',
        METRICS_PORT: String(metricsPort),
      },
      pipeline.client,
    );
    const handle = await pipeline.client.workflow.start('ingestSeason', {
      taskQueue,
      workflowId: uniqueWorkflowId('metrics-worker'),
      args: [{ season: SEASON, teamIds: [ATL], trigger: 'test' }],
    });
    const result = (await handle.result()) as IngestSeasonResult;

    const { samples } = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(
      sampleValue(samples, 'nba_api_requests_total', { endpoint: 'leaguegamefinder', outcome: 'ok' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'nba_api_requests_total', { endpoint: 'commonteamroster', outcome: 'ok' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'nba_rows_upserted_total', { table: 'team_game_stats', kind: 'unchanged' }),
    ).toBe(82); // ATL loaded by the first test
    expect(sampleValue(samples, 'nba_runs_total', { status: result.status })).toBe(1);
    expect(sampleValue(samples, 'nba_run_duration_seconds_count', { status: result.status })).toBe(1);
    expect(sampleValue(samples, 'nba_temporal_sdk_metrics_up')).toBe(1);
    expect(samples.some((s) => s.name.startsWith('temporal_') && s.labels.task_queue === taskQueue)).toBe(
      true,
    );
    expect(worker.output()).toContain(`"metrics":"http://127.0.0.1:${metricsPort}/metrics"`);

    expect(await worker.kill('SIGTERM')).toBe(0);
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
  });
});
