/**
 * The pipeline's own Prometheus metrics (prom-client), on a registry of their own so that tests and
 * several workers in one process never share counters. The worker serves them, together with the
 * Temporal SDK's runtime metrics, from lib/metrics-server.ts.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Runs take from seconds (one team) to an hour or more (a full season at 1 request/s, backfills). */
export const RUN_DURATION_BUCKETS_SECONDS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400];

export type RowKind = 'inserted' | 'updated' | 'unchanged';

export interface PipelineMetrics {
  registry: Registry;
  /** NBA API requests by endpoint and outcome: `ok`, or the error type (e.g. NbaServerError). */
  apiRequests: Counter<'endpoint' | 'outcome'>;
  /** Rows written by the loaders, by table and kind. */
  rowsUpserted: Counter<'table' | 'kind'>;
  /** Failed activity attempts by activity and error type (retried or not). */
  activityErrors: Counter<'activity' | 'type'>;
  /** Units of work given up on after their retries, by unit (games, roster). */
  deadLetters: Counter<'unit'>;
  /** Wall time of closed runs (ingestion_runs.started_at → finished_at), by final status. */
  runDuration: Histogram<'status'>;
  /** Closed runs by final status. */
  runs: Counter<'status'>;
  /** NBA API breaker trips of closed runs, and the seconds they waited (workflows/breaker.ts). */
  cooldowns: Counter;
  cooldownSeconds: Counter;
  /** The fleet's NBA rate in force as this worker last read or set it (domain/nba-pace.ts). */
  nbaRateLimit: Gauge;
}

export interface PipelineMetricsOptions {
  /** Node.js process metrics (CPU, memory, event loop lag, GC) too; default true. */
  processMetrics?: boolean;
}

export function createPipelineMetrics(opts: PipelineMetricsOptions = {}): PipelineMetrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    apiRequests: new Counter({
      name: 'nba_api_requests_total',
      help: 'NBA Stats API requests made by activities, by endpoint and outcome (ok or the error type)',
      labelNames: ['endpoint', 'outcome'] as const,
      registers,
    }),
    rowsUpserted: new Counter({
      name: 'nba_rows_upserted_total',
      help: 'Rows upserted into PostgreSQL, by table and kind (inserted, updated, unchanged)',
      labelNames: ['table', 'kind'] as const,
      registers,
    }),
    activityErrors: new Counter({
      name: 'nba_activity_errors_total',
      help: 'Failed activity attempts, by activity and error type (ApplicationFailure type or error class)',
      labelNames: ['activity', 'type'] as const,
      registers,
    }),
    cooldowns: new Counter({
      name: 'nba_cooldowns_total',
      help: 'Times the NBA API breaker tripped and the run cooled down (counted when the run closes)',
      registers,
    }),
    cooldownSeconds: new Counter({
      name: 'nba_cooldown_seconds_total',
      help: 'Seconds runs spent cooling down after NBA API throttling (counted when the run closes)',
      registers,
    }),
    deadLetters: new Counter({
      name: 'nba_dead_letters_total',
      help: 'Units of work dead-lettered after their retries, by unit',
      labelNames: ['unit'] as const,
      registers,
    }),
    runDuration: new Histogram({
      name: 'nba_run_duration_seconds',
      help: 'Duration of ingestion runs from start to close, by final status',
      labelNames: ['status'] as const,
      buckets: RUN_DURATION_BUCKETS_SECONDS,
      registers,
    }),
    nbaRateLimit: new Gauge({
      name: 'nba_rate_limit_per_second',
      help: "The NBA task queue's rate limit in force (the pacer's learned rate, one set by hand, or NBA_RATE_LIMIT_PER_SEC), as last read or set",
      registers,
    }),
    runs: new Counter({
      name: 'nba_runs_total',
      help: 'Ingestion runs closed, by final status',
      labelNames: ['status'] as const,
      registers,
    }),
  };
}
