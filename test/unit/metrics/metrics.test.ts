/** The pipeline's metric names, types and labels as Prometheus scrapes them (text format). */
import { describe, expect, it } from 'vitest';
import { createPipelineMetrics, RUN_DURATION_BUCKETS_SECONDS } from '../../../lib/metrics.js';

describe('createPipelineMetrics', () => {
  it('exposes the five pipeline metrics with their types and labels', async () => {
    const metrics = createPipelineMetrics({ processMetrics: false });
    metrics.apiRequests.inc({ endpoint: 'leaguegamefinder', outcome: 'ok' }, 3);
    metrics.rowsUpserted.inc({ table: 'matches', kind: 'inserted' }, 1230);
    metrics.deadLetters.inc({ unit: 'roster' });
    metrics.runs.inc({ status: 'completed' });
    metrics.runDuration.observe({ status: 'completed' }, 42);

    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE nba_api_requests_total counter');
    expect(text).toContain('nba_api_requests_total{endpoint="leaguegamefinder",outcome="ok"} 3');
    expect(text).toContain('nba_rows_upserted_total{table="matches",kind="inserted"} 1230');
    expect(text).toContain('nba_dead_letters_total{unit="roster"} 1');
    expect(text).toContain('nba_runs_total{status="completed"} 1');
    expect(text).toContain('# TYPE nba_run_duration_seconds histogram');
    expect(text).toContain('nba_run_duration_seconds_bucket{le="60",status="completed"} 1');
    expect(text).toContain('nba_run_duration_seconds_bucket{le="30",status="completed"} 0');
    expect(text).toContain('nba_run_duration_seconds_sum{status="completed"} 42');
    expect(text).not.toContain('process_cpu');
  });

  it('keeps each instance on its own registry, with Node process metrics by default', async () => {
    const a = createPipelineMetrics();
    const b = createPipelineMetrics();
    a.runs.inc({ status: 'failed' });
    expect(await a.registry.metrics()).toContain('nba_runs_total{status="failed"} 1');
    expect(await b.registry.metrics()).not.toContain('nba_runs_total{status="failed"}');
    expect(await b.registry.metrics()).toContain('process_cpu_user_seconds_total');
  });

  it('run-duration buckets are increasing and span seconds to hours', () => {
    expect([...RUN_DURATION_BUCKETS_SECONDS].sort((x, y) => x - y)).toEqual(RUN_DURATION_BUCKETS_SECONDS);
    expect(RUN_DURATION_BUCKETS_SECONDS[0]).toBeLessThanOrEqual(1);
    expect(RUN_DURATION_BUCKETS_SECONDS.at(-1)).toBeGreaterThanOrEqual(3600);
  });
});
